// The on-disk layout of a segment file: an immutable set of rows of one partition (org, source,
// billing period), written once by SegmentWriter and read by Segment.
//
//   "FGCDSEG1" u32 version
//   block payloads: for each block, for each stored column, one zstd frame (see internal/block_codec.hpp)
//   footer: one zstd frame holding
//     u32 version, i64 period start, u64 rows
//     the column directory (version 2 on): u32 count, then each column's name and u8 ColumnKind
//     u32 blocks; for each block: u32 rows, then for each directory column its u64 offset, u32 size
//       and, for time, int and decimal columns, its min/max statistics
//     each dictionary column's values, in directory order (code 0 is always "", the null)
//   trailer: u64 footer offset, u64 footer size, "FGCDSEG1"
//
// Columns are found by name, so a build that adds a column still reads older segments (the new
// column reads as null there) and one that drops a column skips it. Version 1 had no directory: its
// columns are version1_columns(), the schema as it was. A segment is only reachable through the
// manifest, which is replaced after the segment is fsynced, so a reader never sees a half-written
// segment; the checksums catch media corruption. docs/COSTDB.md "Segment versions" has the rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "costdb/schema.hpp"

namespace fg::costdb {

inline constexpr std::string_view kSegmentMagic = "FGCDSEG1";
inline constexpr std::uint32_t kSegmentVersion = 2;        //!< what SegmentWriter writes
inline constexpr std::uint32_t kOldestSegmentVersion = 1;  //!< the oldest Segment still reads
inline constexpr std::size_t kBlockRows = 65536;           //!< rows per block
inline constexpr std::size_t kTrailerSize = 8 + 8 + 8;     //!< footer offset, size, magic
inline constexpr std::size_t kMaxFooterBytes = std::size_t{1} << 30;
inline constexpr std::size_t kMaxBlockBytes = kBlockRows * 32 + 64;
inline constexpr std::size_t kMaxStoredColumns = 4096;  //!< a directory larger than this is corrupt

//! One entry of a segment's column directory.
struct StoredColumn {
  std::string_view name;
  ColumnKind kind;
};

//! The implicit directory of a version-1 segment: the 61 columns of the schema it was written with,
//! in that order. Frozen: never edit it when the schema changes.
std::span<const StoredColumn> version1_columns();

}  // namespace fg::costdb
