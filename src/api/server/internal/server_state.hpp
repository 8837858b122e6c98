// ServerState: what the listener and every session share: the handler, the limits, the draining flag
// and the registry of live sessions that a graceful shutdown walks. Private to server/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

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
  ServerState(IRequestHandler& handler, const ServerLimits& limits) : handler_(handler), limits_(limits) {}

  IRequestHandler& handler() const { return handler_; }
  const ServerLimits& limits() const { return limits_; }
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  void set_draining() { draining_.store(true, std::memory_order_release); }

  //! Registers a session; false (and nothing registered) when at the connection limit.
  bool add(ISession* key, std::weak_ptr<ISession> session);
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
  std::atomic<bool> draining_{false};
  mutable std::mutex mu_;
  std::condition_variable idle_;
  std::unordered_map<ISession*, std::weak_ptr<ISession>> sessions_;
};

}  // namespace fg::api::internal
