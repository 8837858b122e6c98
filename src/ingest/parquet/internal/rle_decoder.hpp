// The RLE / bit-packed hybrid encoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid"):
// definition and repetition levels, dictionary indexes and RLE booleans. A run header (ULEB128) is
// either `count << 1` followed by one value of ceil(width/8) bytes repeated `count` times, or
// `groups << 1 | 1` followed by groups × 8 values bit-packed LSB first.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ingest/parquet/internal/bit_util.hpp"

namespace fg::ingest::parquet::internal {

class RleDecoder {
 public:
  //! Precondition: 0 <= width <= 32 (callers check the width they read from the file).
  RleDecoder(const std::uint8_t* data, std::size_t size, int width) : p_(data), end_(data + size), width_(width) {}

  //! Exactly `n` values into `out`; false when the data ends first or a run header is malformed.
  template <typename T>
  bool get(T* out, std::size_t n) {
    while (n > 0) {
      if (rle_left_ == 0 && packed_left_ == 0 && !next_run()) return false;
      if (rle_left_ > 0) {
        const std::size_t k = rle_left_ < n ? static_cast<std::size_t>(rle_left_) : n;
        for (std::size_t i = 0; i < k; ++i) out[i] = static_cast<T>(rle_value_);
        out += k;
        n -= k;
        rle_left_ -= k;
        continue;
      }
      const std::size_t k = packed_left_ < n ? static_cast<std::size_t>(packed_left_) : n;
      for (std::size_t i = 0; i < k; ++i) {
        std::uint64_t v = 0;
        // A writer may cut the last group short; values that are actually needed must be present.
        if (!read_bits(packed_, packed_size_, packed_bit_, width_, v)) return false;
        packed_bit_ += static_cast<std::uint64_t>(width_);
        out[i] = static_cast<T>(v);
      }
      out += k;
      n -= k;
      packed_left_ -= k;
    }
    return true;
  }

 private:
  bool next_run() {
    std::uint64_t header = 0;
    if (!read_uleb128(p_, end_, header) || header > 0xffffffffULL) return false;
    if ((header & 1) == 0) {
      rle_left_ = header >> 1;
      const int bytes = (width_ + 7) / 8;
      if (end_ - p_ < bytes) return false;
      std::uint32_t v = 0;
      for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint32_t>(p_[i]) << (8 * i);
      p_ += bytes;
      rle_value_ = v;
      return true;
    }
    const std::uint64_t groups = header >> 1;
    packed_left_ = groups * 8;
    const std::uint64_t bytes = groups * static_cast<std::uint64_t>(width_);
    const std::uint64_t avail = static_cast<std::uint64_t>(end_ - p_);
    packed_ = p_;
    packed_size_ = static_cast<std::size_t>(bytes < avail ? bytes : avail);
    packed_bit_ = 0;
    p_ += packed_size_;
    return true;
  }

  const std::uint8_t* p_;
  const std::uint8_t* end_;
  int width_;
  std::uint64_t rle_left_ = 0;
  std::uint32_t rle_value_ = 0;
  std::uint64_t packed_left_ = 0;
  const std::uint8_t* packed_ = nullptr;
  std::size_t packed_size_ = 0;
  std::uint64_t packed_bit_ = 0;
};

//! Bits needed for values 0..max_value (the level width of a column).
inline int bit_width_of(std::uint32_t max_value) {
  int w = 0;
  while (w < 32 && (max_value >> w) != 0) ++w;
  return w;
}

}  // namespace fg::ingest::parquet::internal
