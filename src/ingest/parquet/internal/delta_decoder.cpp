#include "ingest/parquet/internal/delta_decoder.hpp"

#include "ingest/parquet/internal/bit_util.hpp"

namespace fg::ingest::parquet::internal {
namespace {

// No writer uses blocks larger than a few thousand values; the cap bounds the header's arithmetic.
constexpr std::uint64_t kMaxBlockSize = 1 << 20;
constexpr std::uint64_t kMaxMiniblocks = 1 << 10;

Status bad(const char* what) {
  return invalid_argument_error(std::string("DELTA_BINARY_PACKED: ") + what);
}

}  // namespace

Status decode_delta_binary_packed(const std::uint8_t* data, std::size_t size, std::size_t n, int type_bits,
                                  std::vector<std::int64_t>& out, std::size_t& consumed) {
  const std::uint8_t* p = data;
  const std::uint8_t* end = data + size;
  std::uint64_t block_size = 0, miniblocks = 0, total = 0;
  std::int64_t first = 0;
  if (!read_uleb128(p, end, block_size) || !read_uleb128(p, end, miniblocks) || !read_uleb128(p, end, total) ||
      !read_zigzag(p, end, first)) {
    return bad("truncated header");
  }
  if (block_size == 0 || block_size % 128 != 0 || block_size > kMaxBlockSize || miniblocks == 0 ||
      miniblocks > kMaxMiniblocks || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return bad("invalid block layout");
  }
  if (total < n) return bad("fewer values than the page declares");
  const std::uint64_t per_mini = block_size / miniblocks;
  const std::uint64_t mask = type_bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << type_bits) - 1;
  out.clear();
  out.reserve(n);
  std::uint64_t value = static_cast<std::uint64_t>(first);
  if (n > 0) out.push_back(static_cast<std::int64_t>(value));
  // Values past the n we need are not decoded, but a stream shared with a following one (the lengths
  // of DELTA_LENGTH_BYTE_ARRAY) must be walked to its end to find where the next stream starts.
  std::uint64_t remaining = total > 0 ? total - 1 : 0;
  while (remaining > 0) {
    std::int64_t min_delta = 0;
    if (!read_zigzag(p, end, min_delta)) return bad("truncated block header");
    if (static_cast<std::uint64_t>(end - p) < miniblocks) return bad("truncated bit widths");
    const std::uint8_t* widths = p;
    p += miniblocks;
    for (std::uint64_t m = 0; m < miniblocks && remaining > 0; ++m) {
      const int w = widths[m];
      if (w > type_bits) return bad("bit width wider than the type");
      const std::uint64_t bytes = per_mini * static_cast<std::uint64_t>(w) / 8;
      const std::uint64_t avail = static_cast<std::uint64_t>(end - p);
      const std::uint64_t take = remaining < per_mini ? remaining : per_mini;
      for (std::uint64_t i = 0; i < take; ++i) {
        if (out.size() >= n) break;
        std::uint64_t d = 0;
        if (!read_bits(p, static_cast<std::size_t>(bytes < avail ? bytes : avail), i * static_cast<std::uint64_t>(w), w,
                       d)) {
          return bad("data ends inside a miniblock");
        }
        value = (value + static_cast<std::uint64_t>(min_delta) + d) & mask;
        // Sign-extend INT32 results, which wrapped modulo 2^32.
        const std::int64_t v = type_bits == 32 ? static_cast<std::int64_t>(static_cast<std::int32_t>(value))
                                               : static_cast<std::int64_t>(value);
        out.push_back(v);
      }
      remaining -= take;
      // The last miniblock may be cut short by a writer at the end of the data; never step past it.
      p += bytes < avail ? bytes : avail;
    }
  }
  if (out.size() < n) return bad("fewer values than the page declares");
  consumed = static_cast<std::size_t>(p - data);
  return ok_status();
}

Status decode_delta_length_byte_array(const std::uint8_t* data, std::size_t size, std::size_t n,
                                      std::vector<std::string_view>& out) {
  std::vector<std::int64_t> lengths;
  std::size_t used = 0;
  FG_TRY(decode_delta_binary_packed(data, size, n, 32, lengths, used));
  out.clear();
  out.reserve(n);
  std::size_t pos = used;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t len = lengths[i];
    if (len < 0 || static_cast<std::uint64_t>(len) > size - pos) {
      return invalid_argument_error("DELTA_LENGTH_BYTE_ARRAY: a length runs past the page");
    }
    out.emplace_back(reinterpret_cast<const char*>(data) + pos, static_cast<std::size_t>(len));
    pos += static_cast<std::size_t>(len);
  }
  return ok_status();
}

Status decode_delta_byte_array(const std::uint8_t* data, std::size_t size, std::size_t n, std::uint64_t max_bytes,
                               std::string& storage, std::vector<std::string_view>& out) {
  std::vector<std::int64_t> prefixes;
  std::size_t used = 0;
  FG_TRY(decode_delta_binary_packed(data, size, n, 32, prefixes, used));
  std::vector<std::string_view> suffixes;
  FG_TRY(decode_delta_length_byte_array(data + used, size - used, n, suffixes));
  std::uint64_t total = 0;
  std::uint64_t prev = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (prefixes[i] < 0 || static_cast<std::uint64_t>(prefixes[i]) > prev) {
      return invalid_argument_error("DELTA_BYTE_ARRAY: a prefix is longer than the previous value");
    }
    prev = static_cast<std::uint64_t>(prefixes[i]) + suffixes[i].size();
    total += prev;
    if (total > max_bytes) return invalid_argument_error("DELTA_BYTE_ARRAY: values exceed the max_batch_bytes cap");
  }
  storage.clear();
  storage.reserve(static_cast<std::size_t>(total));
  std::vector<std::size_t> offsets;
  offsets.reserve(n + 1);
  std::size_t prev_off = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t off = storage.size();
    // Copy the prefix from the previous value (already in storage), then the suffix.
    storage.append(storage, prev_off, static_cast<std::size_t>(prefixes[i]));
    storage.append(suffixes[i]);
    offsets.push_back(off);
    prev_off = off;
  }
  offsets.push_back(storage.size());
  out.clear();
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.emplace_back(storage.data() + offsets[i], offsets[i + 1] - offsets[i]);
  return ok_status();
}

}  // namespace fg::ingest::parquet::internal
