// Column block encodings. A block holds up to kBlockRows values of one column:
//   codes     dictionary codes, byte width 1/2/4 chosen by the block's largest code;
//   ints      frame of reference: the block minimum plus unsigned deltas of width 0/1/2/4/8 bytes;
//   decimals  Money, scaled down per block by the largest power of ten dividing every value, then
//             frame of reference with 64-bit (or narrower) deltas; blocks whose range still needs more
//             than 64 bits fall back to raw 128-bit values (CORRECTIONS.md "encode compactly").
// Nulls (ints: kNullTime; decimals: absent) are a bitmap in front of the values.
// The encoded bytes are then zstd-compressed as one frame with a content checksum.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "costdb/internal/bytes.hpp"

namespace fg::costdb::internal {

//! min/max over the non-null values of a block; `any` is false when every value is null.
struct IntStats {
  std::int64_t min = 0;
  std::int64_t max = 0;
  bool any = false;
};
struct DecimalStats {
  Int128 min = 0;
  Int128 max = 0;
  bool any = false;
};

void encode_codes(const std::uint32_t* codes, std::size_t n, ByteWriter& out);
//! False on corrupt input.
bool decode_codes(ByteReader& in, std::size_t n, std::vector<std::uint32_t>& out);

//! `null_value` marks nulls in `v` (kNullTime for time columns).
IntStats encode_ints(const std::int64_t* v, std::size_t n, std::int64_t null_value, ByteWriter& out);
bool decode_ints(ByteReader& in, std::size_t n, std::int64_t null_value, std::vector<std::int64_t>& out);

//! `present[i]` == 0 marks a null.
DecimalStats encode_decimals(const Int128* v, const std::uint8_t* present, std::size_t n, ByteWriter& out);
//! Nulls decode as 0 with present[i] == 0.
bool decode_decimals(ByteReader& in, std::size_t n, std::vector<Int128>& out, std::vector<std::uint8_t>& present);

//! zstd frame of `raw` with a content checksum, appended to `out`. Thread-compatible per Compressor.
class Compressor {
 public:
  Compressor();
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  Status compress(std::string_view raw, std::string& out);

 private:
  void* cctx_;
};

//! Decompresses one frame; internal error on corruption or a size above `max_size`.
Status decompress(std::string_view frame, std::size_t max_size, std::string& out);

}  // namespace fg::costdb::internal
