// ConcurrencyLimiter: at most N holders at once; others wait a bounded time, then give up.
// Used to cap expensive operations (password hashes) so a flood degrades into 429s, not an outage.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace fg::crypto {

class ConcurrencyLimiter {
 public:
  //! RAII slot: released on destruction. Move-only.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    ~Permit();

   private:
    friend class ConcurrencyLimiter;
    explicit Permit(ConcurrencyLimiter* owner) : owner_(owner) {}
    ConcurrencyLimiter* owner_;
  };

  //! Precondition: max_holders >= 1 (a limiter that admits nobody is a bug).
  explicit ConcurrencyLimiter(int max_holders);

  //! A slot, or nullopt when none frees within `wait`. Thread-safe.
  std::optional<Permit> acquire(std::chrono::milliseconds wait);

  int in_use() const;
  int capacity() const { return max_; }

 private:
  void release();

  const int max_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int used_ = 0;
};

}  // namespace fg::crypto
