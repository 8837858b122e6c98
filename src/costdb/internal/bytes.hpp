// Little-endian byte serialization for segment blocks and footers. Readers are bounds-checked:
// a truncated or corrupt segment yields ok() == false, never an out-of-range read.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"

namespace fg::costdb::internal {

class ByteWriter {
 public:
  void put_u8(std::uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void put_u32(std::uint32_t v) { put_raw(&v, 4); }
  void put_u64(std::uint64_t v) { put_raw(&v, 8); }
  void put_i64(std::int64_t v) { put_raw(&v, 8); }
  void put_i128(Int128 v) { put_raw(&v, 16); }
  void put_string(std::string_view s) {
    put_u32(static_cast<std::uint32_t>(s.size()));
    put_raw(s.data(), s.size());
  }
  void put_raw(const void* p, std::size_t n) {
    const std::size_t at = buf_.size();
    buf_.resize(at + n);
    if (n) std::memcpy(buf_.data() + at, p, n);
  }
  std::string& buffer() { return buf_; }
  std::size_t size() const { return buf_.size(); }

 private:
  std::string buf_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  std::uint8_t u8() { return get<std::uint8_t>(); }
  std::uint32_t u32() { return get<std::uint32_t>(); }
  std::uint64_t u64() { return get<std::uint64_t>(); }
  std::int64_t i64() { return get<std::int64_t>(); }
  Int128 i128() { return get<Int128>(); }
  std::string_view string() {
    const std::uint32_t n = u32();
    return raw(n);
  }
  //! n bytes, or an empty view (and !ok()) if fewer remain.
  std::string_view raw(std::size_t n) {
    if (!ok_ || data_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }
  std::size_t remaining() const { return data_.size() - pos_; }

 private:
  template <typename T>
  T get() {
    T v{};
    std::string_view b = raw(sizeof(T));
    if (ok_) std::memcpy(&v, b.data(), sizeof(T));
    return v;
  }
  std::string_view data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace fg::costdb::internal
