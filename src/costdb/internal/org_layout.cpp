#include "costdb/internal/org_layout.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace fg::costdb::internal {

std::string source_dir_name(std::string_view source) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : source) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  std::string safe;
  for (char c : source.substr(0, 48)) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    safe.push_back(ok ? c : '_');
  }
  if (!safe.empty() && safe.front() == '.') safe.front() = '_';
  return fmt::format("{}-{:016x}", safe, h);
}

std::string period_dir_name(std::int64_t period_start) {
  if (period_start < 0 || period_start > 253402300799LL) return fmt::format("t{}", period_start);
  return format_date(Timestamp::from_seconds(period_start));
}

}  // namespace fg::costdb::internal
