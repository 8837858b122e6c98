#include "crypto/internal/sodium_init.hpp"

#include <sodium.h>

#include "core/assert.hpp"

namespace fg::crypto::internal {

void ensure_sodium() {
  // sodium_init is itself thread-safe and idempotent; the static only saves the repeated call.
  static const bool ready = [] {
    // A negative result means no entropy source: nothing in this module may run without one.
    FG_CHECK(sodium_init() >= 0);
    return true;
  }();
  (void)ready;
}

}  // namespace fg::crypto::internal
