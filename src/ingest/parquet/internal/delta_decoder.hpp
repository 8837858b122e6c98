// The DELTA_* encodings (Encodings.md):
//   DELTA_BINARY_PACKED      INT32/INT64: a header (block size, miniblocks per block, value count,
//                            first value), then blocks of a zigzag min-delta, one bit width per
//                            miniblock and the bit-packed deltas.
//   DELTA_LENGTH_BYTE_ARRAY  BYTE_ARRAY: the lengths DELTA_BINARY_PACKED, then the bytes concatenated.
//   DELTA_BYTE_ARRAY         BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY: prefix lengths (DELTA_BINARY_PACKED), then
//                            the suffixes as DELTA_LENGTH_BYTE_ARRAY; value i = prefix of value i-1 + suffix.
// Deltas wrap modulo 2^64 (2^32 for INT32), as the spec says writers may rely on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fg::ingest::parquet::internal {

//! Decodes `n` values of a DELTA_BINARY_PACKED stream at [data, data+size). `consumed` is set to the
//! bytes the stream took (the next stream of a DELTA_LENGTH/DELTA_BYTE_ARRAY page starts there).
//! invalid_argument for a malformed header, a bit width beyond the type, fewer values than `n`, or
//! data that ends early.
Status decode_delta_binary_packed(const std::uint8_t* data, std::size_t size, std::size_t n, int type_bits,
                                  std::vector<std::int64_t>& out, std::size_t& consumed);

//! `n` DELTA_LENGTH_BYTE_ARRAY values as views into `data`.
Status decode_delta_length_byte_array(const std::uint8_t* data, std::size_t size, std::size_t n,
                                      std::vector<std::string_view>& out);

//! `n` DELTA_BYTE_ARRAY values, built in `storage` (cleared first; views point into it). The total built
//! may not exceed `max_bytes` (a tiny page can declare a million copies of a long prefix).
Status decode_delta_byte_array(const std::uint8_t* data, std::size_t size, std::size_t n, std::uint64_t max_bytes,
                               std::string& storage, std::vector<std::string_view>& out);

}  // namespace fg::ingest::parquet::internal
