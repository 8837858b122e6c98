// Where an org's cost data lives under DATA_DIR/costdb/:
//   <org-uuid>/manifest.json                                  the live partitions
//   <org-uuid>/.lock                                          held while a manifest swap runs
//   <org-uuid>/.inflight/<delivery>.lock                      held while a delivery is open
//   <org-uuid>/<source-dir>/<YYYY-MM-DD>/<delivery>/seg-N.seg  a partition's segments
// The org directory name comes only from an OrgScope's id, never from input, and source names are
// sanitized, so no input can steer a path outside its org's directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace fg::costdb::internal {

//! A directory-safe name for a source: [A-Za-z0-9._-] kept (others become '_'), at most 48 characters,
//! never starting with '.', plus a 16-hex-digit FNV-1a hash of the exact name so distinct sources never
//! share a directory.
std::string source_dir_name(std::string_view source);
//! "2024-09-01" (or the epoch seconds if outside the calendar range).
std::string period_dir_name(std::int64_t period_start);

}  // namespace fg::costdb::internal
