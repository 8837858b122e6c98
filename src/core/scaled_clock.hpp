// ScaledClock: a clock that runs `scale` times faster than the real one from a fixed start instant,
// for process-level tests of time-driven code (the scheduler's cron periods): at scale 20 a minute
// passes in three real seconds. Processes given the same start and scale agree on the time. The
// `finguard worker --test-clock-scale` flag that builds one is refused in production mode.
#pragma once

#include <cstdint>

#include "core/time.hpp"

namespace fg {

class ScaledClock final : public Clock {
 public:
  //! Precondition: scale >= 1. Thread-safe.
  ScaledClock(Timestamp start, std::int64_t scale, const Clock& real = SystemClock::instance())
      : start_(start), scale_(scale), real_(real) {}

  Timestamp now() const override { return Timestamp{start_.micros + (real_.now().micros - start_.micros) * scale_}; }

 private:
  Timestamp start_;
  std::int64_t scale_;
  const Clock& real_;
};

}  // namespace fg
