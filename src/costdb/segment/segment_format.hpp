// The on-disk layout of a segment file: an immutable set of rows of one partition (org, source,
// billing period), written once by SegmentWriter and read by Segment.
//
//   "FGCDSEG1" u32 version
//   block payloads: for each block, for each column, one zstd frame (see internal/block_codec.hpp)
//   footer: one zstd frame holding the period, row counts, each block's column offsets and min/max
//           statistics, and each dictionary column's values (code 0 is always "", the null)
//   trailer: u64 footer offset, u64 footer size, "FGCDSEG1"
//
// A segment is only reachable through the manifest, which is replaced after the segment is fsynced,
// so a reader never sees a half-written segment; the checksums catch media corruption.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fg::costdb {

inline constexpr std::string_view kSegmentMagic = "FGCDSEG1";
inline constexpr std::uint32_t kSegmentVersion = 1;
inline constexpr std::size_t kBlockRows = 65536;        //!< rows per block
inline constexpr std::size_t kTrailerSize = 8 + 8 + 8;  //!< footer offset, size, magic
inline constexpr std::size_t kMaxFooterBytes = std::size_t{1} << 30;
inline constexpr std::size_t kMaxBlockBytes = kBlockRows * 32 + 64;

}  // namespace fg::costdb
