// ServerState: what the listener and every session share: the handler, the limits, the offload pool,
// the draining flag and the registry of live sessions that a graceful shutdown walks. Private to server/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "api/server/internal/offload_pool.hpp"
#include "api/server/request_handler.hpp"
#include "api/server/server_limits.hpp"

namespace fg::api::internal {

//! A live connection, as the shutdown sees it.
class ISession {
 public:
  virtual ~ISession() = default;
  //! Posted to the session's strand on shutdown: close now if idle, else after the current response.
  virtual void drain() = 0;
};

class ServerState {
 public:
  ServerState(IRequestHandler& handler, const ServerLimits& limits)
      : handler_(handler), limits_(limits), offload_(limits.offload_threads, limits.offload_queue) {}

  IRequestHandler& handler() const { return handler_; }
  //! Where handlers send work that must not run on an I/O thread. The server stops it before its
  //! io_context, so a task's reply never reaches a destroyed strand.
  OffloadPool& offload() { return offload_; }
  const ServerLimits& limits() const { return limits_; }
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  void set_draining() { draining_.store(true, std::memory_order_release); }

  //! Registers a session. At the connection limit the oldest session is asked to close (drain(): at
  //! once if idle, else after its response) to make room, so a crowd of idle sockets cannot lock out
  //! an arriving client (issue 20: /healthz must keep answering). Returns that evicted session, if any, for
  //! the caller to drain outside the lock.
  std::shared_ptr<ISession> add(ISession* key, std::weak_ptr<ISession> session);
  //! The oldest live session not yet asked to close, marked as asked (the accept loop's back-off
  //! drains it when descriptors run out).
  std::shared_ptr<ISession> take_oldest();
  std::size_t size() const;
  //! Unregisters (from the session's destructor) and wakes wait_idle().
  void remove(ISession* key);
  //! Every live session (shutdown posts drain() to each).
  std::vector<std::shared_ptr<ISession>> live() const;
  //! Waits until no session is left or `deadline` passes; true when none is left.
  template <class TimePoint>
  bool wait_idle(TimePoint deadline) {
    std::unique_lock lock(mu_);
    return idle_.wait_until(lock, deadline, [&] { return sessions_.empty(); });
  }

 private:
  IRequestHandler& handler_;
  const ServerLimits limits_;
  OffloadPool offload_;
  std::atomic<bool> draining_{false};
  mutable std::mutex mu_;
  std::condition_variable idle_;
  struct Entry {
    std::weak_ptr<ISession> session;
    std::uint64_t seq;   //!< registration order
    bool asked = false;  //!< already asked to close: not picked again
  };
  //! The oldest session not yet asked to close, now marked as asked.
  std::shared_ptr<ISession> take_oldest_locked();
  std::uint64_t next_seq_ = 0;
  std::unordered_map<ISession*, Entry> sessions_;
};

}  // namespace fg::api::internal
