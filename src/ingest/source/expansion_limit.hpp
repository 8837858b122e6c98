// Caps on what one compressed object may expand to (issue 20: a 10 KB gzip of 5M lines of "x").
//
// The ratio is checked against the raw bytes consumed so far, not the object's size, so a bomb is
// stopped as soon as it expands past the ratio, stdin included. Below `ratio_floor_bytes` the ratio
// is not checked: a small file that compresses well is not a bomb.
#pragma once

#include <cstdint>
#include <memory>

#include "ingest/source/byte_source.hpp"

namespace fg::ingest {

struct ExpansionLimits {
  std::uint64_t max_ratio = 0;  //!< decompressed ÷ raw; 0: no ratio cap (setting ingest_max_expansion_ratio)
  std::uint64_t ratio_floor_bytes = std::uint64_t{1} << 20;
  std::uint64_t max_bytes = 0;  //!< decompressed bytes; 0: no cap (setting ingest_max_decompressed_bytes)
};

//! Wraps `inner`: a read that would pass a cap fails with invalid_argument naming the cap's setting.
std::unique_ptr<ByteSource> limit_expansion(std::unique_ptr<ByteSource> inner, const ExpansionLimits& limits);

}  // namespace fg::ingest
