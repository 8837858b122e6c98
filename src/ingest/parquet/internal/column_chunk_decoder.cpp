#include "ingest/parquet/internal/column_chunk_decoder.hpp"

#include <algorithm>
#include <limits>

#include <zlib.h>

#include "core/utf8.hpp"
#include "ingest/parquet/internal/bit_util.hpp"
#include "ingest/parquet/internal/codec.hpp"
#include "ingest/parquet/internal/delta_decoder.hpp"
#include "ingest/parquet/internal/plain_decoder.hpp"
#include "ingest/parquet/internal/rle_decoder.hpp"
#include "ingest/parquet/value_convert.hpp"

namespace fg::ingest::parquet::internal {
namespace {

using Enc = ::parquet::Encoding;

// Flags a dictionary entry carries so each use of it is counted like a plain value would be.
constexpr std::uint8_t kRounded = 1, kTruncated = 2, kReplaced = 4;

std::string encoding_name(int e) {
  switch (e) {
    case Enc::PLAIN: return "PLAIN";
    case Enc::PLAIN_DICTIONARY: return "PLAIN_DICTIONARY";
    case Enc::RLE: return "RLE";
    case Enc::BIT_PACKED: return "BIT_PACKED";
    case Enc::DELTA_BINARY_PACKED: return "DELTA_BINARY_PACKED";
    case Enc::DELTA_LENGTH_BYTE_ARRAY: return "DELTA_LENGTH_BYTE_ARRAY";
    case Enc::DELTA_BYTE_ARRAY: return "DELTA_BYTE_ARRAY";
    case Enc::RLE_DICTIONARY: return "RLE_DICTIONARY";
    case Enc::BYTE_STREAM_SPLIT: return "BYTE_STREAM_SPLIT";
    default: return "encoding " + std::to_string(e);
  }
}

Status not_supported(int encoding, PhysicalType t) {
  return invalid_argument_error(encoding_name(encoding) + " encoding on " + std::string(physical_type_name(t)) +
                                " is not supported");
}

std::size_t value_bytes(ValueKind k) {
  switch (k) {
    case ValueKind::kDecimal: return sizeof(Money);
    case ValueKind::kString:
    case ValueKind::kBytes: return 16;
    default: return 8;
  }
}

}  // namespace

ColumnChunkDecoder::ColumnChunkDecoder(const ColumnDescriptor& column, const ::parquet::ColumnMetaData& meta,
                                       std::int64_t rows, const ReaderLimits& limits)
    : column_(column), meta_(meta), rows_(rows), limits_(limits), batch_(column), dictionary_(column) {
  // present flag, levels, the value, and the page's decoded physical value or dictionary index.
  bytes_per_slot_ = 1 + (column.max_definition_level > 0 ? 2 : 0) + (column.max_repetition_level > 0 ? 2 : 0) +
                    value_bytes(column.kind) + 16;
  batch_.from_float_ = column.physical == PhysicalType::kFloat;
}

Status ColumnChunkDecoder::grow(std::size_t slots) {
  const std::size_t have = batch_.present_.size();
  const std::uint64_t total = static_cast<std::uint64_t>(have) + slots;
  if (column_.max_repetition_level == 0 && total > static_cast<std::uint64_t>(rows_)) {
    return invalid_argument_error("pages hold more values than the row group has rows");
  }
  if (total * bytes_per_slot_ + batch_.arena_.size() > limits_.max_batch_bytes) {
    return invalid_argument_error("the column's values in this row group exceed the max_batch_bytes cap");
  }
  const auto n = static_cast<std::size_t>(total);
  batch_.present_.resize(n, 1);
  if (column_.max_definition_level > 0) batch_.def_.resize(n, static_cast<std::int16_t>(column_.max_definition_level));
  if (column_.max_repetition_level > 0) batch_.rep_.resize(n, 0);
  switch (column_.kind) {
    case ValueKind::kDouble: batch_.doubles_.resize(n); break;
    case ValueKind::kDecimal: batch_.decimals_.resize(n); break;
    case ValueKind::kString:
    case ValueKind::kBytes: batch_.strings_.resize(n, ColumnBatch::StringRef{0, 0}); break;
    default: batch_.ints_.resize(n); break;
  }
  return ok_status();
}

Result<ColumnBatch> ColumnChunkDecoder::decode(const RandomAccessSource& source, ChunkLocation where) {
  if (meta_.num_values < 0) return invalid_argument_error("negative value count");
  const auto declared = static_cast<std::uint64_t>(meta_.num_values);
  PageStream pages(source, where.offset, where.size, limits_);
  while (batch_.present_.size() < declared) {
    const std::string ctx = "page " + std::to_string(page_index_);
    if (pages.at_end()) {
      return invalid_argument_error("the column chunk ends after " + std::to_string(batch_.present_.size()) + " of " +
                                    std::to_string(declared) + " values");
    }
    auto page = pages.next();
    if (!page.ok()) return page.status().with_context(ctx);
    Status s;
    switch (page->header.type) {
      case ::parquet::PageType::DICTIONARY_PAGE: s = on_dictionary_page(*page); break;
      case ::parquet::PageType::DATA_PAGE: s = on_data_page(*page, false); break;
      case ::parquet::PageType::DATA_PAGE_V2: s = on_data_page(*page, true); break;
      case ::parquet::PageType::INDEX_PAGE: break;  // never written by known writers; carries no values
      default: s = invalid_argument_error("page type " + std::to_string(page->header.type) + " is not supported");
    }
    if (!s.ok()) return s.with_context(ctx);
    ++page_index_;
  }
  FG_TRY(finish());
  return std::move(batch_);
}

Status ColumnChunkDecoder::on_dictionary_page(const Page& page) {
  const ::parquet::PageHeader& h = page.header;
  if (has_dictionary_) return invalid_argument_error("a second dictionary page");
  if (!batch_.present_.empty()) return invalid_argument_error("a dictionary page after data pages");
  if (!h.__isset.dictionary_page_header) return invalid_argument_error("dictionary page without its header");
  const ::parquet::DictionaryPageHeader& d = h.dictionary_page_header;
  if (d.encoding != Enc::PLAIN && d.encoding != Enc::PLAIN_DICTIONARY) {
    return invalid_argument_error("dictionary page encoded " + encoding_name(d.encoding) + " is not supported");
  }
  if (d.num_values < 0) return invalid_argument_error("dictionary page with a negative value count");
  if (h.__isset.crc && static_cast<std::uint32_t>(h.crc) != crc32(0, reinterpret_cast<const Bytef*>(page.body.data()),
                                                                  static_cast<uInt>(page.body.size()))) {
    return invalid_argument_error("page checksum mismatch");
  }
  const std::uint8_t* data = reinterpret_cast<const std::uint8_t*>(page.body.data());
  std::size_t size = page.body.size();
  if (meta_.codec != ::parquet::CompressionCodec::UNCOMPRESSED) {
    page_buffer_.resize(static_cast<std::size_t>(h.uncompressed_page_size));
    FG_TRY(
        decompress(meta_.codec, data, size, reinterpret_cast<std::uint8_t*>(page_buffer_.data()), page_buffer_.size()));
    data = reinterpret_cast<const std::uint8_t*>(page_buffer_.data());
    size = page_buffer_.size();
  }
  const auto n = static_cast<std::size_t>(d.num_values);
  values_.clear();
  FG_TRY(decode_plain(column_.physical, column_.type_length, data, size, n, values_));
  // decode_plain succeeded, so n is bounded by the page's bytes.
  dictionary_.present_.assign(n, 1);
  dictionary_flags_.assign(n, 0);
  dictionary_residue_.assign(n, 0);
  switch (column_.kind) {
    case ValueKind::kDouble: dictionary_.doubles_.resize(n); break;
    case ValueKind::kDecimal: dictionary_.decimals_.resize(n); break;
    case ValueKind::kString:
    case ValueKind::kBytes: dictionary_.strings_.resize(n, ColumnBatch::StringRef{0, 0}); break;
    default: dictionary_.ints_.resize(n); break;
  }
  for (std::size_t i = 0; i < n; ++i) {
    Status s = convert(values_, i, dictionary_, i);
    if (!s.ok()) return s.with_context("dictionary entry " + std::to_string(i));
  }
  has_dictionary_ = true;
  dictionary_size_ = n;
  return ok_status();
}

Status ColumnChunkDecoder::on_data_page(const Page& page, bool v2) {
  const ::parquet::PageHeader& h = page.header;
  if (!v2 && !h.__isset.data_page_header) return invalid_argument_error("data page without its header");
  if (v2 && !h.__isset.data_page_header_v2) return invalid_argument_error("data page V2 without its header");
  if (h.__isset.crc && static_cast<std::uint32_t>(h.crc) != crc32(0, reinterpret_cast<const Bytef*>(page.body.data()),
                                                                  static_cast<uInt>(page.body.size()))) {
    return invalid_argument_error("page checksum mismatch");
  }
  const std::int32_t num_values = v2 ? h.data_page_header_v2.num_values : h.data_page_header.num_values;
  if (num_values < 0) return invalid_argument_error("data page with a negative value count");
  const std::size_t first = batch_.present_.size();
  const auto n = static_cast<std::size_t>(num_values);
  FG_TRY(grow(n));

  const auto* body = reinterpret_cast<const std::uint8_t*>(page.body.data());
  const std::size_t body_size = page.body.size();
  const bool compressed = meta_.codec != ::parquet::CompressionCodec::UNCOMPRESSED;
  const std::uint8_t* values = nullptr;
  std::size_t values_size = 0;
  if (!v2) {
    const std::uint8_t* data = body;
    std::size_t size = body_size;
    if (compressed) {
      page_buffer_.resize(static_cast<std::size_t>(h.uncompressed_page_size));
      FG_TRY(decompress(meta_.codec, body, body_size, reinterpret_cast<std::uint8_t*>(page_buffer_.data()),
                        page_buffer_.size()));
      data = reinterpret_cast<const std::uint8_t*>(page_buffer_.data());
      size = page_buffer_.size();
    }
    const std::uint8_t* p = data;
    const std::uint8_t* end = data + size;
    const ::parquet::DataPageHeader& d = h.data_page_header;
    if (column_.max_repetition_level > 0) FG_TRY(read_levels_v1(p, end, first, n, d.repetition_level_encoding, true));
    if (column_.max_definition_level > 0) FG_TRY(read_levels_v1(p, end, first, n, d.definition_level_encoding, false));
    values = p;
    values_size = static_cast<std::size_t>(end - p);
  } else {
    const ::parquet::DataPageHeaderV2& d = h.data_page_header_v2;
    if (d.repetition_levels_byte_length < 0 || d.definition_levels_byte_length < 0) {
      return invalid_argument_error("data page V2 with negative level lengths");
    }
    const auto rep_len = static_cast<std::size_t>(d.repetition_levels_byte_length);
    const auto def_len = static_cast<std::size_t>(d.definition_levels_byte_length);
    if (rep_len > body_size || def_len > body_size - rep_len ||
        rep_len + def_len > static_cast<std::size_t>(h.uncompressed_page_size)) {
      return invalid_argument_error("data page V2 levels run past the page");
    }
    // V2 keeps the levels outside the compressed part, RLE without a length prefix.
    if (column_.max_repetition_level > 0) FG_TRY(read_levels_rle(body, rep_len, first, n, true));
    if (column_.max_definition_level > 0) FG_TRY(read_levels_rle(body + rep_len, def_len, first, n, false));
    values = body + rep_len + def_len;
    values_size = body_size - rep_len - def_len;
    const std::size_t expect = static_cast<std::size_t>(h.uncompressed_page_size) - rep_len - def_len;
    // is_compressed defaults to true; an empty values section needs no codec (all-null pages).
    if (compressed && d.is_compressed && !(values_size == 0 && expect == 0)) {
      page_buffer_.resize(expect);
      FG_TRY(
          decompress(meta_.codec, values, values_size, reinterpret_cast<std::uint8_t*>(page_buffer_.data()), expect));
      values = reinterpret_cast<const std::uint8_t*>(page_buffer_.data());
      values_size = expect;
    }
  }
  std::size_t present = n;
  if (column_.max_definition_level > 0) {
    present = 0;
    const auto max_def = static_cast<std::int16_t>(column_.max_definition_level);
    for (std::size_t s = first; s < first + n; ++s) {
      const bool here = batch_.def_[s] == max_def;
      batch_.present_[s] = here ? 1 : 0;
      present += here ? 1 : 0;
    }
  }
  const int encoding = v2 ? h.data_page_header_v2.encoding : h.data_page_header.encoding;
  return read_values(encoding, values, values_size, first, n, present);
}

Status ColumnChunkDecoder::read_levels_v1(const std::uint8_t*& p, const std::uint8_t* end, std::size_t first,
                                          std::size_t n, int encoding, bool repetition) {
  const int max = repetition ? column_.max_repetition_level : column_.max_definition_level;
  const int width = bit_width_of(static_cast<std::uint32_t>(max));
  const char* what = repetition ? "repetition levels" : "definition levels";
  if (encoding == Enc::RLE) {
    if (end - p < 4) return invalid_argument_error(std::string(what) + ": truncated");
    const std::uint32_t len = load_le<std::uint32_t>(p);
    p += 4;
    if (len > static_cast<std::uint64_t>(end - p)) return invalid_argument_error(std::string(what) + ": truncated");
    FG_TRY(read_levels_rle(p, len, first, n, repetition));
    p += len;
    return ok_status();
  }
  if (encoding == Enc::BIT_PACKED) {
    // The deprecated BIT_PACKED levels are packed most significant bit first.
    const std::uint64_t bits = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(width);
    const std::uint64_t bytes = (bits + 7) / 8;
    if (bytes > static_cast<std::uint64_t>(end - p)) return invalid_argument_error(std::string(what) + ": truncated");
    std::int16_t* out = repetition ? batch_.rep_.data() + first : batch_.def_.data() + first;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t v = 0;
      for (int b = 0; b < width; ++b) {
        const std::uint64_t bit =
            static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(width) + static_cast<std::uint64_t>(b);
        v = (v << 1) | ((p[bit >> 3] >> (7 - (bit & 7))) & 1);
      }
      if (v > static_cast<std::uint32_t>(max)) return invalid_argument_error(std::string(what) + " out of range");
      out[i] = static_cast<std::int16_t>(v);
    }
    p += bytes;
    return ok_status();
  }
  return invalid_argument_error(std::string(what) + " encoded " + encoding_name(encoding) + " are not supported");
}

Status ColumnChunkDecoder::read_levels_rle(const std::uint8_t* p, std::size_t size, std::size_t first, std::size_t n,
                                           bool repetition) {
  const int max = repetition ? column_.max_repetition_level : column_.max_definition_level;
  const char* what = repetition ? "repetition levels" : "definition levels";
  std::int16_t* out = repetition ? batch_.rep_.data() + first : batch_.def_.data() + first;
  RleDecoder rle(p, size, bit_width_of(static_cast<std::uint32_t>(max)));
  if (!rle.get(out, n)) return invalid_argument_error(std::string(what) + ": truncated or malformed");
  for (std::size_t i = 0; i < n; ++i) {
    // A width of w bits can encode up to 2^w - 1, more than the column's maximum level.
    if (out[i] < 0 || out[i] > max) return invalid_argument_error(std::string(what) + " out of range");
  }
  return ok_status();
}

Status ColumnChunkDecoder::read_values(int encoding, const std::uint8_t* p, std::size_t size, std::size_t first,
                                       std::size_t n, std::size_t present) {
  const PhysicalType t = column_.physical;
  values_.clear();
  switch (encoding) {
    case Enc::PLAIN: FG_TRY(decode_plain(t, column_.type_length, p, size, present, values_)); break;
    case Enc::PLAIN_DICTIONARY:
    case Enc::RLE_DICTIONARY: return store_dictionary_indexes(p, size, first, n, present);
    case Enc::RLE:
      if (t != PhysicalType::kBoolean) return not_supported(encoding, t);
      FG_TRY(decode_rle_booleans(p, size, present, values_));
      break;
    case Enc::DELTA_BINARY_PACKED: {
      if (t != PhysicalType::kInt32 && t != PhysicalType::kInt64) return not_supported(encoding, t);
      std::size_t used = 0;
      FG_TRY(decode_delta_binary_packed(p, size, present, t == PhysicalType::kInt32 ? 32 : 64, values_.ints, used));
      break;
    }
    case Enc::DELTA_LENGTH_BYTE_ARRAY:
      if (t != PhysicalType::kByteArray) return not_supported(encoding, t);
      FG_TRY(decode_delta_length_byte_array(p, size, present, values_.bytes));
      break;
    case Enc::DELTA_BYTE_ARRAY: {
      if (t != PhysicalType::kByteArray && t != PhysicalType::kFixedLenByteArray) return not_supported(encoding, t);
      const std::uint64_t room =
          limits_.max_batch_bytes > batch_.arena_.size() ? limits_.max_batch_bytes - batch_.arena_.size() : 0;
      FG_TRY(decode_delta_byte_array(p, size, present, room, values_.owned, values_.bytes));
      break;
    }
    case Enc::BYTE_STREAM_SPLIT:
      if (t == PhysicalType::kBoolean || t == PhysicalType::kByteArray || t == PhysicalType::kInt96) {
        return not_supported(encoding, t);
      }
      FG_TRY(decode_byte_stream_split(t, column_.type_length, p, size, present, values_));
      break;
    default: return not_supported(encoding, t);
  }
  return store_values(values_, first, n);
}

namespace {

// A big-endian two's-complement integer of up to 16 bytes; false for other widths (the caller falls
// back to unscaled_from_big_endian, which also explains the error).
inline bool load_big_endian(std::string_view b, Int128& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  if (b.size() == 16) {
    const std::uint64_t hi = __builtin_bswap64(load_le<std::uint64_t>(p));
    const std::uint64_t lo = __builtin_bswap64(load_le<std::uint64_t>(p + 8));
    out = static_cast<Int128>((static_cast<unsigned __int128>(hi) << 64) | lo);
    return true;
  }
  if (b.empty() || b.size() > 16) return false;
  unsigned __int128 u = (p[0] & 0x80) != 0 ? ~static_cast<unsigned __int128>(0) : 0;
  for (std::size_t k = 0; k < b.size(); ++k) u = (u << 8) | p[k];
  out = static_cast<Int128>(u);
  return true;
}

}  // namespace

Status ColumnChunkDecoder::store_decimals(const PhysicalValues& v, std::size_t first, std::size_t n) {
  // The common case (scale <= 18, so every value is exact): no Result per value, no table lookups.
  Int128 mult = 1;
  for (int k = column_.logical.scale; k < Money::kScale; ++k) mult *= 10;
  const bool ints = column_.physical == PhysicalType::kInt32 || column_.physical == PhysicalType::kInt64;
  const bool fixed = column_.physical == PhysicalType::kFixedLenByteArray;
  const auto width = static_cast<std::size_t>(column_.type_length);
  std::size_t i = 0;
  for (std::size_t s = first; s < first + n; ++s) {
    if (batch_.present_[s] == 0) continue;
    Int128 unscaled = 0;
    if (ints) {
      unscaled = v.ints[i];
    } else {
      const std::string_view b = v.bytes[i];
      if (fixed && b.size() != width) {
        return value_error(s, invalid_argument_error("FIXED_LEN_BYTE_ARRAY value of the wrong length"));
      }
      if (!load_big_endian(b, unscaled)) {
        auto u = unscaled_from_big_endian(b);
        if (!u.ok()) return value_error(s, u.status());
        unscaled = *u;
      }
    }
    ++i;
    Int128 scaled = 0;
    if (__builtin_mul_overflow(unscaled, mult, &scaled) || scaled == std::numeric_limits<Int128>::min()) {
      return value_error(s, invalid_argument_error("decimal out of range"));
    }
    batch_.decimals_[s] = Money::from_scaled(scaled);
  }
  return ok_status();
}

Status ColumnChunkDecoder::store_values(const PhysicalValues& v, std::size_t first, std::size_t n) {
  if (column_.kind == ValueKind::kDecimal && column_.logical.scale <= Money::kScale) {
    return store_decimals(v, first, n);
  }
  if (column_.kind == ValueKind::kDouble) {
    std::size_t i = 0;
    for (std::size_t s = first; s < first + n; ++s) {
      if (batch_.present_[s] != 0) batch_.doubles_[s] = v.doubles[i++];
    }
    return ok_status();
  }
  std::size_t i = 0;
  for (std::size_t s = first; s < first + n; ++s) {
    if (batch_.present_[s] == 0) continue;
    Status st = convert(v, i++, batch_, s);
    if (!st.ok()) return value_error(s, st);
  }
  return ok_status();
}

Status ColumnChunkDecoder::store_dictionary_indexes(const std::uint8_t* p, std::size_t size, std::size_t first,
                                                    std::size_t n, std::size_t present) {
  if (!has_dictionary_) return invalid_argument_error("dictionary-encoded page without a dictionary page");
  if (present == 0) return ok_status();
  if (size < 1) return invalid_argument_error("dictionary indexes: truncated");
  const int width = p[0];
  if (width > 32) return invalid_argument_error("dictionary indexes wider than 32 bits");
  indexes_.resize(present);
  RleDecoder rle(p + 1, size - 1, width);
  if (!rle.get(indexes_.data(), present)) return invalid_argument_error("dictionary indexes: truncated or malformed");
  std::size_t i = 0;
  const ValueKind kind = column_.kind;
  for (std::size_t s = first; s < first + n; ++s) {
    if (batch_.present_[s] == 0) continue;
    const std::uint32_t idx = indexes_[i++];
    if (idx >= dictionary_size_) {
      return value_error(
          s, invalid_argument_error("dictionary index " + std::to_string(idx) + " out of range (the dictionary has " +
                                    std::to_string(dictionary_size_) + " entries)"));
    }
    switch (kind) {
      case ValueKind::kDouble: batch_.doubles_[s] = dictionary_.doubles_[idx]; break;
      case ValueKind::kDecimal: batch_.decimals_[s] = dictionary_.decimals_[idx]; break;
      case ValueKind::kString:
      case ValueKind::kBytes: batch_.strings_[s] = dictionary_.strings_[idx]; break;
      default: batch_.ints_[s] = dictionary_.ints_[idx]; break;
    }
    if (const std::uint8_t f = dictionary_flags_[idx]; f != 0) {
      if (f & kRounded) {
        ++batch_.stats_.rounded_decimals;
        batch_.stats_.residue_e36 += dictionary_residue_[idx];
      }
      if (f & kTruncated) ++batch_.stats_.truncated_timestamps;
      if (f & kReplaced) ++batch_.stats_.replaced_utf8;
    }
  }
  return ok_status();
}

Status ColumnChunkDecoder::convert(const PhysicalValues& v, std::size_t i, ColumnBatch& into, std::size_t slot) {
  const bool to_dictionary = &into == &dictionary_;
  auto count = [&](std::uint8_t flag, Int128 residue = 0) {
    if (to_dictionary) {
      dictionary_flags_[slot] |= flag;
      dictionary_residue_[slot] += residue;
      return;
    }
    if (flag == kRounded) {
      ++batch_.stats_.rounded_decimals;
      batch_.stats_.residue_e36 += residue;
    } else if (flag == kTruncated) {
      ++batch_.stats_.truncated_timestamps;
    } else {
      ++batch_.stats_.replaced_utf8;
    }
  };
  // Strings always land in the batch's arena: dictionary entries are stored once and shared.
  auto append = [&](std::string_view s, bool repair) -> Status {
    std::string& arena = batch_.arena_;
    const std::uint64_t used = static_cast<std::uint64_t>(batch_.present_.size()) * bytes_per_slot_ + arena.size();
    if (used + s.size() * (repair ? 3 : 1) > limits_.max_batch_bytes) {
      return invalid_argument_error("the column's values in this row group exceed the max_batch_bytes cap");
    }
    const std::size_t at = arena.size();
    if (repair)
      append_utf8_replacing(s, arena);
    else
      arena.append(s);
    into.strings_[slot] = ColumnBatch::StringRef{at, static_cast<std::uint32_t>(arena.size() - at)};
    return ok_status();
  };
  const LogicalType& l = column_.logical;
  switch (column_.kind) {
    case ValueKind::kBool: into.ints_[slot] = v.ints[i]; return ok_status();
    case ValueKind::kInt64: {
      std::int64_t x = v.ints[i];
      if (l.kind == LogicalKind::kInteger && !l.is_signed) {
        if (column_.physical == PhysicalType::kInt32)
          x = static_cast<std::uint32_t>(x);
        else if (x < 0)
          return invalid_argument_error("UINT64 value beyond the signed 64-bit range");
      }
      into.ints_[slot] = x;
      return ok_status();
    }
    case ValueKind::kDouble: into.doubles_[slot] = v.doubles[i]; return ok_status();
    case ValueKind::kDecimal: {
      Int128 unscaled = 0;
      if (column_.physical == PhysicalType::kInt32 || column_.physical == PhysicalType::kInt64) {
        unscaled = v.ints[i];
      } else {
        const std::string_view b = v.bytes[i];
        if (column_.physical == PhysicalType::kFixedLenByteArray &&
            b.size() != static_cast<std::size_t>(column_.type_length)) {
          return invalid_argument_error("FIXED_LEN_BYTE_ARRAY value of the wrong length");
        }
        FG_ASSIGN_OR_RETURN(unscaled, unscaled_from_big_endian(b));
      }
      FG_ASSIGN_OR_RETURN(ParsedMoney m, decimal_from_unscaled(unscaled, l.scale));
      into.decimals_[slot] = m.value;
      if (m.rounded) count(kRounded, m.residue_e36);
      return ok_status();
    }
    case ValueKind::kTimestamp: {
      bool truncated = false;
      Timestamp t;
      if (column_.physical == PhysicalType::kInt96) {
        if (v.bytes[i].size() != 12) return invalid_argument_error("INT96 value of the wrong length");
        FG_ASSIGN_OR_RETURN(t,
                            timestamp_from_int96(reinterpret_cast<const unsigned char*>(v.bytes[i].data()), truncated));
      } else if (column_.physical == PhysicalType::kInt32) {
        FG_ASSIGN_OR_RETURN(t, timestamp_from_date(static_cast<std::int32_t>(v.ints[i])));
      } else {
        FG_ASSIGN_OR_RETURN(t, timestamp_from_int64(v.ints[i], l.unit, truncated));
      }
      into.ints_[slot] = t.micros;
      if (truncated) count(kTruncated);
      return ok_status();
    }
    case ValueKind::kString: {
      const std::string_view s = v.bytes[i];
      if (valid_utf8(s)) return append(s, false);
      if (limits_.utf8 == Utf8Policy::kReject) return invalid_argument_error("invalid UTF-8 in a string value");
      count(kReplaced);
      return append(s, true);
    }
    case ValueKind::kBytes: {
      const std::string_view b = v.bytes[i];
      if (column_.physical == PhysicalType::kFixedLenByteArray &&
          b.size() != static_cast<std::size_t>(column_.type_length)) {
        return invalid_argument_error("FIXED_LEN_BYTE_ARRAY value of the wrong length");
      }
      return append(b, false);
    }
  }
  return internal_error("unknown value kind");
}

std::size_t ColumnChunkDecoder::row_of_slot(std::size_t slot) const {
  if (column_.max_repetition_level == 0) return slot;
  std::size_t rows = 0;
  for (std::size_t s = 0; s <= slot && s < batch_.rep_.size(); ++s) rows += batch_.rep_[s] == 0 ? 1 : 0;
  return rows > 0 ? rows - 1 : 0;
}

Status ColumnChunkDecoder::value_error(std::size_t slot, const Status& s) const {
  return s.with_context("row " + std::to_string(row_of_slot(slot)));
}

Status ColumnChunkDecoder::finish() {
  const std::size_t slots = batch_.present_.size();
  if (slots != static_cast<std::uint64_t>(meta_.num_values)) {
    return invalid_argument_error("pages hold " + std::to_string(slots) + " values, the column chunk declares " +
                                  std::to_string(meta_.num_values));
  }
  std::size_t rows = slots;
  if (column_.max_repetition_level > 0) {
    if (slots > 0 && batch_.rep_[0] != 0) return invalid_argument_error("the first value does not start a row");
    batch_.row_offsets_.clear();
    batch_.row_offsets_.reserve(
        static_cast<std::size_t>(std::min<std::int64_t>(rows_, static_cast<std::int64_t>(slots))) + 1);
    for (std::size_t s = 0; s < slots; ++s) {
      if (batch_.rep_[s] == 0) batch_.row_offsets_.push_back(s);
    }
    rows = batch_.row_offsets_.size();
    batch_.row_offsets_.push_back(slots);
  }
  if (rows != static_cast<std::uint64_t>(rows_)) {
    return invalid_argument_error("the column has " + std::to_string(rows) + " rows, the row group " +
                                  std::to_string(rows_));
  }
  batch_.num_rows_ = rows;
  return ok_status();
}

}  // namespace fg::ingest::parquet::internal
