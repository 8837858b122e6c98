#include "costdb/internal/block_codec.hpp"

#include <algorithm>

#include <zstd.h>

namespace fg::costdb::internal {
namespace {

std::uint8_t width_for(std::uint64_t max_delta) {
  if (max_delta == 0) return 0;
  if (max_delta <= 0xFF) return 1;
  if (max_delta <= 0xFFFF) return 2;
  if (max_delta <= 0xFFFFFFFFULL) return 4;
  return 8;
}

void put_deltas(const std::uint64_t* d, std::size_t n, std::uint8_t w, ByteWriter& out) {
  if (w == 0) return;
  std::string& b = out.buffer();
  const std::size_t at = b.size();
  b.resize(at + n * w);
  char* p = b.data() + at;
  for (std::size_t i = 0; i < n; ++i, p += w) std::memcpy(p, &d[i], w);  // little-endian host
}

// Calls f(i, delta) for the n w-byte little-endian deltas at `p` (w is 0, 1, 2, 4 or 8). One loop per
// width, so each compiles to a tight load-and-widen the compiler can vectorise.
template <typename F>
void for_each_delta(const char* p, std::size_t n, std::uint8_t w, F&& f) {
  auto loop = [&](auto zero) {
    using T = decltype(zero);
    for (std::size_t i = 0; i < n; ++i) {
      T v;
      std::memcpy(&v, p + i * sizeof(T), sizeof(T));
      f(i, static_cast<std::uint64_t>(v));
    }
  };
  switch (w) {
    case 0:
      for (std::size_t i = 0; i < n; ++i) f(i, std::uint64_t{0});
      break;
    case 1: loop(std::uint8_t{}); break;
    case 2: loop(std::uint16_t{}); break;
    case 4: loop(std::uint32_t{}); break;
    default: loop(std::uint64_t{}); break;
  }
}

// The n deltas of width w, or nullptr on corrupt input (a width not written by put_deltas, or short).
const char* delta_bytes(ByteReader& in, std::size_t n, std::uint8_t w) {
  if (w != 0 && w != 1 && w != 2 && w != 4 && w != 8) return nullptr;
  std::string_view raw = in.raw(n * w);
  return in.ok() ? raw.data() : nullptr;
}

void put_bitmap(const std::uint8_t* present, std::size_t n, ByteWriter& out) {
  std::string bits((n + 7) / 8, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    if (present[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
  }
  out.put_raw(bits.data(), bits.size());
}

bool get_bitmap(ByteReader& in, std::size_t n, std::vector<std::uint8_t>& present) {
  std::string_view bits = in.raw((n + 7) / 8);
  if (!in.ok()) return false;
  present.resize(n);
  for (std::size_t i = 0; i < n; ++i) present[i] = (bits[i / 8] >> (i % 8)) & 1;
  return true;
}

constexpr Int128 pow10_128(int k) {
  Int128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

}  // namespace

void encode_codes(const std::uint32_t* codes, std::size_t n, ByteWriter& out) {
  std::uint32_t mx = 0;
  for (std::size_t i = 0; i < n; ++i) mx = std::max(mx, codes[i]);
  const std::uint8_t w = mx <= 0xFF ? 1 : mx <= 0xFFFF ? 2 : 4;
  out.put_u8(w);
  std::string& b = out.buffer();
  const std::size_t at = b.size();
  b.resize(at + n * w);
  char* p = b.data() + at;
  for (std::size_t i = 0; i < n; ++i, p += w) std::memcpy(p, &codes[i], w);
}

bool decode_codes(ByteReader& in, std::size_t n, std::vector<std::uint32_t>& out) {
  const std::uint8_t w = in.u8();
  if (!in.ok() || (w != 1 && w != 2 && w != 4)) return false;
  const char* p = delta_bytes(in, n, w);
  if (p == nullptr) return false;
  out.resize(n);
  std::uint32_t* o = out.data();
  for_each_delta(p, n, w, [o](std::size_t i, std::uint64_t v) { o[i] = static_cast<std::uint32_t>(v); });
  return true;
}

IntStats encode_ints(const std::int64_t* v, std::size_t n, std::int64_t null_value, ByteWriter& out) {
  IntStats st;
  bool nulls = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i] == null_value) {
      nulls = true;
      continue;
    }
    if (!st.any) {
      st.min = st.max = v[i];
      st.any = true;
    } else {
      st.min = std::min(st.min, v[i]);
      st.max = std::max(st.max, v[i]);
    }
  }
  out.put_u8(nulls ? 1 : 0);
  if (nulls) {
    std::vector<std::uint8_t> present(n);
    for (std::size_t i = 0; i < n; ++i) present[i] = v[i] != null_value;
    put_bitmap(present.data(), n, out);
  }
  std::vector<std::uint64_t> d(n);
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = v[i] == null_value ? 0 : static_cast<std::uint64_t>(v[i]) - static_cast<std::uint64_t>(st.min);
  }
  const std::uint8_t w =
      width_for(st.any ? static_cast<std::uint64_t>(st.max) - static_cast<std::uint64_t>(st.min) : 0);
  out.put_i64(st.min);
  out.put_u8(w);
  put_deltas(d.data(), n, w, out);
  return st;
}

bool decode_ints(ByteReader& in, std::size_t n, std::int64_t null_value, std::vector<std::int64_t>& out) {
  const std::uint8_t nulls = in.u8();
  std::string_view bits;
  if (nulls) bits = in.raw((n + 7) / 8);
  const auto base = static_cast<std::uint64_t>(in.i64());
  const std::uint8_t w = in.u8();
  if (!in.ok()) return false;
  const char* p = delta_bytes(in, n, w);
  if (p == nullptr) return false;
  out.resize(n);
  std::int64_t* o = out.data();
  for_each_delta(p, n, w, [o, base](std::size_t i, std::uint64_t d) { o[i] = static_cast<std::int64_t>(base + d); });
  if (nulls) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!((bits[i / 8] >> (i % 8)) & 1)) o[i] = null_value;
    }
  }
  return true;
}

DecimalStats encode_decimals(const Int128* v, const std::uint8_t* present, std::size_t n, ByteWriter& out) {
  DecimalStats st;
  bool nulls = false;
  // Most exports print 2–10 fractional digits, so nearly every block divides by 10^8 or more and its
  // range then fits 64 bits, even for large amounts.
  int k = Money::kScale;
  Int128 p = pow10_128(k);
  for (std::size_t i = 0; i < n; ++i) {
    if (!present[i]) {
      nulls = true;
      continue;
    }
    if (!st.any) {
      st.min = st.max = v[i];
      st.any = true;
    } else {
      st.min = std::min(st.min, v[i]);
      st.max = std::max(st.max, v[i]);
    }
    while (k > 0 && v[i] % p != 0) {
      --k;
      p /= 10;
    }
  }
  if (!st.any) k = 0, p = 1;
  const Int128 base = st.min / p;  // exact: p divides every non-null value
  const Int128 range = st.any ? st.max / p - base : 0;
  const bool fits = range >= 0 && range <= static_cast<Int128>(UINT64_MAX);
  out.put_u8(fits ? 0 : 1);
  out.put_u8(nulls ? 1 : 0);
  if (nulls) put_bitmap(present, n, out);
  if (!fits) {
    for (std::size_t i = 0; i < n; ++i) out.put_i128(present[i] ? v[i] : 0);
    return st;
  }
  std::vector<std::uint64_t> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = present[i] ? static_cast<std::uint64_t>(v[i] / p - base) : 0;
  const std::uint8_t w = width_for(static_cast<std::uint64_t>(range));
  out.put_u8(static_cast<std::uint8_t>(k));
  out.put_i128(base);
  out.put_u8(w);
  put_deltas(d.data(), n, w, out);
  return st;
}

bool decode_decimals(ByteReader& in, std::size_t n, std::vector<Int128>& out, std::vector<std::uint8_t>& present) {
  const std::uint8_t mode = in.u8();
  const std::uint8_t nulls = in.u8();
  if (!in.ok() || mode > 1) return false;
  if (nulls) {
    if (!get_bitmap(in, n, present)) return false;
  } else {
    present.assign(n, 1);
  }
  out.resize(n);
  Int128* o = out.data();
  if (mode == 1) {
    std::string_view raw = in.raw(n * sizeof(Int128));
    if (!in.ok()) return false;
    std::memcpy(o, raw.data(), raw.size());  // little-endian host, as put_i128 wrote them
  } else {
    const std::uint8_t k = in.u8();
    const Int128 base = in.i128();
    const std::uint8_t w = in.u8();
    if (!in.ok() || k > Money::kScale) return false;
    const char* p = delta_bytes(in, n, w);
    if (p == nullptr) return false;
    // The scale fits 64 bits (k <= 18), so the multiply is a 128×64 one.
    const auto scale = static_cast<std::int64_t>(pow10_128(k));
    for_each_delta(
        p, n, w, [o, base, scale](std::size_t i, std::uint64_t d) { o[i] = (base + static_cast<Int128>(d)) * scale; });
  }
  if (nulls) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!present[i]) o[i] = 0;
    }
  }
  return true;
}

Compressor::Compressor() : cctx_(ZSTD_createCCtx()) {
  auto* c = static_cast<ZSTD_CCtx*>(cctx_);
  ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 1);
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
}

Compressor::~Compressor() {
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_));
}

Status Compressor::compress(std::string_view raw, std::string& out) {
  const std::size_t bound = ZSTD_compressBound(raw.size());
  const std::size_t at = out.size();
  out.resize(at + bound);
  const std::size_t n = ZSTD_compress2(static_cast<ZSTD_CCtx*>(cctx_), out.data() + at, bound, raw.data(), raw.size());
  if (ZSTD_isError(n)) {
    out.resize(at);
    return internal_error("costdb: zstd compression failed");
  }
  out.resize(at + n);
  return ok_status();
}

Status decompress(std::string_view frame, std::size_t max_size, std::string& out) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > max_size) {
    return internal_error("costdb: corrupt block");
  }
  out.resize(size);
  const std::size_t n = ZSTD_decompress(out.data(), size, frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) return internal_error("costdb: corrupt block");
  return ok_status();
}

}  // namespace fg::costdb::internal
