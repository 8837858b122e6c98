#include "core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace fg::detail {

void check_failed(const char* expr, const char* file, int line) {
  // stderr and abort, not the logger: the process state is not trusted any more.
  std::fprintf(stderr, "finguard: check failed: %s at %s:%d\n", expr, file, line);
  std::abort();
}

}  // namespace fg::detail
