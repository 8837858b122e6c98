// The query executor: runs a Query over the segments of one manifest, on up to `threads` threads.
// Work is split by (segment, block); each thread aggregates into integer-keyed tables (a dense array
// when the key space is small, a hash table otherwise) and the per-thread results are merged by
// group name at the end. Money sums are 128-bit and overflow-checked.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "costdb/manifest.hpp"
#include "costdb/query/query.hpp"
#include "costdb/segment/segment.hpp"

namespace fg::costdb {

//! Opens (or returns a cached) segment by path.
using SegmentLoader = std::function<Result<std::shared_ptr<const Segment>>(const std::filesystem::path&)>;

//! Runs `q` over the segments `m` names (paths relative to `org_dir`). invalid_argument for a bad
//! query, not_found when a segment vanished (a concurrent commit; the caller retries), internal on
//! corruption, invalid_argument ("sum out of range") on a 128-bit overflow.
Result<QueryResult> execute_query(const std::filesystem::path& org_dir, const Manifest& m, const Query& q,
                                  unsigned threads, const SegmentLoader& load);

//! Distinct non-null values of `dim` among rows matching `q`'s filters and range, sorted.
Result<std::vector<std::string>> execute_distinct(const std::filesystem::path& org_dir, const Manifest& m,
                                                  const Dimension& dim, const Query& q, unsigned threads,
                                                  const SegmentLoader& load);

}  // namespace fg::costdb
