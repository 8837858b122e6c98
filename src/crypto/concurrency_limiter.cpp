#include "crypto/concurrency_limiter.hpp"

#include "core/assert.hpp"

namespace fg::crypto {

ConcurrencyLimiter::Permit::~Permit() {
  if (owner_ != nullptr) owner_->release();
}

ConcurrencyLimiter::ConcurrencyLimiter(int max_holders) : max_(max_holders) {
  FG_CHECK(max_holders >= 1);  // configuration is validated before it reaches here
}

std::optional<ConcurrencyLimiter::Permit> ConcurrencyLimiter::acquire(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, wait, [this] { return used_ < max_; })) return std::nullopt;
  ++used_;
  return Permit(this);
}

int ConcurrencyLimiter::in_use() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

void ConcurrencyLimiter::release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --used_;
  }
  cv_.notify_one();
}

}  // namespace fg::crypto
