#include "api/server/internal/offload_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace fg::api::internal {
namespace {

// Hashes may wait; I/O threads must not. A nice value of 10 gives a hash thread about a tenth of the
// CPU share of an I/O thread when both want a core. Best-effort: without permission nothing changes.
constexpr int kOffloadNice = 10;

void lower_priority() {
#ifdef __linux__
  (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kOffloadNice);
#endif
}

}  // namespace

OffloadPool::OffloadPool(std::size_t threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

OffloadPool::~OffloadPool() {
  stop();
}

bool OffloadPool::try_post(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    // Counted from post to finish, not by the queue's length: a thread slow to wake up (it runs at a
    // lower priority) must not shrink the capacity to the queue alone.
    if (stopping_ || threads_.empty() || admitted_ >= threads_.size() + queue_limit_) return false;
    ++admitted_;
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

void OffloadPool::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    admitted_ -= tasks_.size();
    dropped.swap(tasks_);
  }
  ready_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  // Destroyed here, outside the lock: a task's captures may close a connection.
  dropped.clear();
}

void OffloadPool::run() {
  lower_priority();
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task();
    } catch (...) {
      // A task must not throw (IOffloadQueue); if one does, the thread survives it.
    }
    // Its captures go before its slot does.
    task = nullptr;
    std::lock_guard lock(mu_);
    --admitted_;
  }
}

}  // namespace fg::api::internal
