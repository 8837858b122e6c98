// The PLAIN encoding (Encodings.md): fixed-width little-endian values, BOOLEAN bit-packed LSB first,
// BYTE_ARRAY as a 4-byte little-endian length then the bytes, FIXED_LEN_BYTE_ARRAY back to back.
// Also BYTE_STREAM_SPLIT (byte k of every value stored together: FLOAT, DOUBLE, INT32, INT64,
// FIXED_LEN_BYTE_ARRAY) and the RLE-encoded booleans of DataPage V2.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/result.hpp"
#include "ingest/parquet/internal/physical_values.hpp"
#include "ingest/parquet/types.hpp"

namespace fg::ingest::parquet::internal {

//! `n` PLAIN values of `type` (type_length for FIXED_LEN_BYTE_ARRAY) appended to `out`.
//! invalid_argument when the page holds fewer.
Status decode_plain(PhysicalType type, int type_length, const std::uint8_t* data, std::size_t size, std::size_t n,
                    PhysicalValues& out);

//! `n` BYTE_STREAM_SPLIT values. The data must hold exactly n × width bytes.
Status decode_byte_stream_split(PhysicalType type, int type_length, const std::uint8_t* data, std::size_t size,
                                std::size_t n, PhysicalValues& out);

//! `n` RLE booleans: a 4-byte length, then the hybrid encoding with width 1.
Status decode_rle_booleans(const std::uint8_t* data, std::size_t size, std::size_t n, PhysicalValues& out);

}  // namespace fg::ingest::parquet::internal
