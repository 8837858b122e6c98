// OffloadPool: the server's IOffloadQueue: `threads` threads taking tasks from a queue. At most
// `threads + queue_limit` tasks are admitted at once (queued or running); past that try_post refuses. Its threads run
// at a lower CPU priority than the I/O threads, so that on a small machine a burst of hashes delays other hashes, not
// /healthz. Private to server/.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "api/server/offload_queue.hpp"

namespace fg::api::internal {

class OffloadPool final : public IOffloadQueue {
 public:
  //! `threads` 0: every try_post() is refused (a server with nothing to offload).
  OffloadPool(std::size_t threads, std::size_t queue_limit);
  ~OffloadPool() override;  //!< stop()
  OffloadPool(const OffloadPool&) = delete;
  OffloadPool& operator=(const OffloadPool&) = delete;

  bool try_post(std::function<void()> task) override;

  //! Refuses new tasks, drops the queued ones unrun and joins the threads (running tasks finish).
  //! Idempotent; call it from a thread that is not one of the pool's.
  void stop();

 private:
  void run();

  const std::size_t queue_limit_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::size_t admitted_ = 0;  //!< tasks posted and not yet finished (or dropped)
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace fg::api::internal
