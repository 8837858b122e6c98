// Module-private: libsodium must be initialised once before any call; every entry point that uses it
// calls ensure_sodium() (cheap after the first call).
#pragma once

namespace fg::crypto::internal {

//! Initialises libsodium once per process; aborts if it cannot (no usable CSPRNG). Thread-safe.
void ensure_sodium();

}  // namespace fg::crypto::internal
