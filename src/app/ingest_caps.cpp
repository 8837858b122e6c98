#include "app/ingest_caps.hpp"

namespace fg::app {

ingest::IngestCaps ingest_caps(const Config& config) {
  const IngestCapSettings& s = config.ingest_caps;
  ingest::IngestCaps caps;
  caps.expansion.max_ratio = static_cast<std::uint64_t>(s.max_expansion_ratio);
  caps.expansion.max_bytes = static_cast<std::uint64_t>(s.max_decompressed_bytes);
  caps.max_rows = static_cast<std::uint64_t>(s.max_rows);
  caps.max_quarantine_rows = static_cast<std::uint64_t>(s.max_quarantine_rows);
  caps.max_quarantine_bytes = static_cast<std::uint64_t>(s.max_quarantine_bytes);
  caps.max_strict_error_rows = static_cast<std::uint64_t>(s.max_strict_error_rows);
  return caps;
}

}  // namespace fg::app
