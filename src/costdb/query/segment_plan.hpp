// SegmentPlan: what a query needs from one segment, computed once from its dictionaries and
// statistics before any row is read: which dictionary codes pass each filter, and how each
// group-by dimension maps a row to a small dense index. Rows are then grouped by integer keys and
// names are decoded only for the final groups (COSTDB-NOTES "Query side").
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "costdb/query/query.hpp"
#include "costdb/segment/segment.hpp"

namespace fg::costdb {

struct FilterPlan {
  Column column;                      //!< the dictionary column the filter reads
  std::vector<std::uint8_t> allowed;  //!< per dictionary code
};

struct DimensionPlan {
  Dimension::Kind kind;
  Column column;                                     //!< dictionary column, or ChargePeriodStart for time grains
  std::vector<std::uint32_t> code_to_index;          //!< column/tag dimensions: dictionary code -> index
  std::vector<std::string_view> names;               //!< column/tag dimensions: index -> value (views into the
                                                     //!< segment's dictionary or into `storage`)
  std::shared_ptr<std::deque<std::string>> storage;  //!< tag values (a deque: views stay valid)
  std::int64_t base = 0;                             //!< time grains: first hour/day/month number; index 0 is null
  std::uint64_t cardinality = 1;
};

struct SegmentPlan {
  std::shared_ptr<const Segment> segment;
  bool skip = false;  //!< no row can match
  std::vector<FilterPlan> filters;
  DimensionPlan currency;
  std::vector<DimensionPlan> dims;
  std::vector<std::size_t> blocks;  //!< blocks whose statistics allow a match
  bool needs_time = false;          //!< ChargePeriodStart must be read per row
};

//! Checks `q` (dimension and filter columns, sizes); invalid_argument on a bad query.
Status validate_query(const Query& q);
//! Builds the plan of `seg` for `q`. Precondition: validate_query(q) passed.
SegmentPlan plan_segment(std::shared_ptr<const Segment> seg, const Query& q);
//! The string form of a tag's value in a Tags JSON object: strings as-is, true/false, numbers as
//! written; nullopt when the key is absent or the text is not an object.
std::optional<std::string> tag_value(const std::string& tags_json, const std::string& key);
//! a / b rounded toward minus infinity (b > 0): instants before 1970 fall in the right hour or day.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
//! Hour number (seconds / 3600), day number, or months since year 0 of an epoch-seconds instant.
std::int64_t grain_number(Dimension::Kind kind, std::int64_t seconds);
//! The label of a grain number: 2024-09-18T22:00:00Z, 2024-09-18, 2024-09.
std::string grain_label(Dimension::Kind kind, std::int64_t number);

}  // namespace fg::costdb
