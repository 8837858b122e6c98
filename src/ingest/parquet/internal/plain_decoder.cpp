#include "ingest/parquet/internal/plain_decoder.hpp"

#include <cstring>

#include "ingest/parquet/internal/bit_util.hpp"
#include "ingest/parquet/internal/rle_decoder.hpp"

namespace fg::ingest::parquet::internal {
namespace {

Status short_page(const char* encoding) {
  return invalid_argument_error(std::string(encoding) + ": the page holds fewer values than it declares");
}

std::size_t width_of(PhysicalType type, int type_length) {
  switch (type) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kFixedLenByteArray: return static_cast<std::size_t>(type_length);
    default: return 0;
  }
}

}  // namespace

Status decode_plain(PhysicalType type, int type_length, const std::uint8_t* data, std::size_t size, std::size_t n,
                    PhysicalValues& out) {
  switch (type) {
    case PhysicalType::kBoolean: {
      if ((n + 7) / 8 > size) return short_page("PLAIN");
      out.ints.reserve(out.ints.size() + n);
      for (std::size_t i = 0; i < n; ++i) out.ints.push_back((data[i >> 3] >> (i & 7)) & 1);
      return ok_status();
    }
    case PhysicalType::kInt32: {
      if (n > size / 4) return short_page("PLAIN");
      out.ints.reserve(out.ints.size() + n);
      for (std::size_t i = 0; i < n; ++i) out.ints.push_back(load_le<std::int32_t>(data + 4 * i));
      return ok_status();
    }
    case PhysicalType::kInt64: {
      if (n > size / 8) return short_page("PLAIN");
      const std::size_t at = out.ints.size();
      out.ints.resize(at + n);
      if (n > 0) std::memcpy(out.ints.data() + at, data, 8 * n);  // data() may be null when empty
      return ok_status();
    }
    case PhysicalType::kFloat: {
      if (n > size / 4) return short_page("PLAIN");
      out.doubles.reserve(out.doubles.size() + n);
      for (std::size_t i = 0; i < n; ++i) out.doubles.push_back(load_le<float>(data + 4 * i));
      return ok_status();
    }
    case PhysicalType::kDouble: {
      if (n > size / 8) return short_page("PLAIN");
      const std::size_t at = out.doubles.size();
      out.doubles.resize(at + n);
      if (n > 0) std::memcpy(out.doubles.data() + at, data, 8 * n);
      return ok_status();
    }
    case PhysicalType::kInt96:
    case PhysicalType::kFixedLenByteArray: {
      const std::size_t w = width_of(type, type_length);
      if (w == 0 || n > size / w) return short_page("PLAIN");
      out.bytes.reserve(out.bytes.size() + n);
      for (std::size_t i = 0; i < n; ++i) out.bytes.emplace_back(reinterpret_cast<const char*>(data) + w * i, w);
      return ok_status();
    }
    case PhysicalType::kByteArray: {
      // Each value takes at least its 4-byte length, which bounds the reservation by the page.
      if (n > size / 4) return short_page("PLAIN");
      out.bytes.reserve(out.bytes.size() + n);
      std::size_t pos = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (size - pos < 4) return short_page("PLAIN");
        const std::uint32_t len = load_le<std::uint32_t>(data + pos);
        pos += 4;
        if (len > size - pos) return short_page("PLAIN");
        out.bytes.emplace_back(reinterpret_cast<const char*>(data) + pos, len);
        pos += len;
      }
      return ok_status();
    }
  }
  return invalid_argument_error("PLAIN: unknown type");
}

Status decode_byte_stream_split(PhysicalType type, int type_length, const std::uint8_t* data, std::size_t size,
                                std::size_t n, PhysicalValues& out) {
  const std::size_t w = width_of(type, type_length);
  if (w == 0 || type == PhysicalType::kInt96) {
    return invalid_argument_error("BYTE_STREAM_SPLIT on " + std::string(physical_type_name(type)));
  }
  if (n > size / w || size != n * w)
    return invalid_argument_error("BYTE_STREAM_SPLIT: the page size does not match its values");
  if (type == PhysicalType::kFixedLenByteArray) {
    const std::size_t at = out.owned.size();
    out.owned.resize(at + n * w);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < w; ++k) out.owned[at + i * w + k] = static_cast<char>(data[k * n + i]);
    }
    for (std::size_t i = 0; i < n; ++i) out.bytes.emplace_back(out.owned.data() + at + i * w, w);
    return ok_status();
  }
  std::uint8_t buf[8];
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < w; ++k) buf[k] = data[k * n + i];
    switch (type) {
      case PhysicalType::kFloat: out.doubles.push_back(load_le<float>(buf)); break;
      case PhysicalType::kDouble: out.doubles.push_back(load_le<double>(buf)); break;
      case PhysicalType::kInt32: out.ints.push_back(load_le<std::int32_t>(buf)); break;
      default: out.ints.push_back(load_le<std::int64_t>(buf)); break;
    }
  }
  return ok_status();
}

Status decode_rle_booleans(const std::uint8_t* data, std::size_t size, std::size_t n, PhysicalValues& out) {
  if (size < 4) return short_page("RLE");
  const std::uint32_t len = load_le<std::uint32_t>(data);
  if (len > size - 4) return short_page("RLE");
  RleDecoder rle(data + 4, len, 1);
  const std::size_t at = out.ints.size();
  out.ints.resize(at + n);
  if (!rle.get(out.ints.data() + at, n)) return short_page("RLE");
  return ok_status();
}

}  // namespace fg::ingest::parquet::internal
