#include "store/internal/connection_pool.hpp"

namespace fg::store {

Result<std::unique_ptr<Connection>> ConnectionPool::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (open_ < max_size_) {
      ++open_;
      lock.unlock();
      // Connect outside the lock: a slow server must not stall releases.
      Result<std::unique_ptr<Connection>> c = factory_();
      if (!c.ok()) {
        std::lock_guard relock(mu_);
        --open_;
        cv_.notify_one();
      }
      return c;
    }
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= max_size_) {
      return unavailable_error("no database connection free");
    }
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  if (conn && conn->healthy()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace fg::store
