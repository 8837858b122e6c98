// ConnectionPool: a bounded set of connections of one backend, made on demand by a factory.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace fg::store {

class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  ConnectionPool(Factory factory, int max_size) : factory_(std::move(factory)), max_size_(max_size) {}

  //! A connection, waiting up to `timeout` for one to free up; unavailable after that. Thread-safe.
  Result<std::unique_ptr<Connection>> acquire(std::chrono::milliseconds timeout);
  //! Takes a connection back; a broken one is dropped. Thread-safe.
  void release(std::unique_ptr<Connection> conn);

 private:
  Factory factory_;
  const int max_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // connections made and not dropped, idle or lent out
};

}  // namespace fg::store
