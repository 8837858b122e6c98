#include "costdb/segment/segment_writer.hpp"

#include <system_error>

#include <new>

#include "costdb/segment/segment_format.hpp"

namespace fg::costdb {

using internal::ByteWriter;

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::create(const std::filesystem::path& path,
                                                             std::int64_t period_start) {
  FG_ASSIGN_OR_RETURN(internal::File f, internal::File::create(path));
  auto w = std::make_unique<SegmentWriter>(Private{}, path, std::move(f), period_start);
  ByteWriter header;
  header.put_raw(kSegmentMagic.data(), kSegmentMagic.size());
  header.put_u32(kSegmentVersion);
  FG_TRY(w->file_.write_all(header.buffer()));
  w->offset_ = header.size();
  return w;
}

SegmentWriter::SegmentWriter(Private, std::filesystem::path path, internal::File file, std::int64_t period_start)
    : path_(std::move(path)), file_(std::move(file)), period_start_(period_start) {
  for (const ColumnInfo& ci : all_columns()) {
    const std::size_t i = index_of(ci.column);
    switch (ci.kind) {
      case ColumnKind::kString:
      case ColumnKind::kJson:
        dicts_[i] = std::make_unique<DictionaryBuilder>();
        filling_.codes[i].reserve(kBlockRows);
        string_columns_.push_back(i);
        break;
      case ColumnKind::kDecimal:
        filling_.decimals[i].reserve(kBlockRows);
        filling_.present[i].reserve(kBlockRows);
        decimal_columns_.push_back(i);
        break;
      case ColumnKind::kTime:
      case ColumnKind::kInt:
        filling_.ints[i].reserve(kBlockRows);
        int_columns_.push_back(i);
        break;
    }
  }
}

SegmentWriter::~SegmentWriter() {
  if (encoder_.joinable()) encoder_.join();
}

Status SegmentWriter::append(const LineItem& row) {
  if (!error_.ok()) return error_;
  // Strings in three passes: hash and prefetch every column's slot, prefetch the likely values, then
  // probe: the cache misses of the large dictionaries overlap (see DictionaryBuilder).
  std::array<std::uint64_t, kColumnCount> hash;
  std::array<bool, kColumnCount> repeat;
  for (const std::size_t i : string_columns_) {
    const DictionaryBuilder& d = *dicts_[i];
    if (row.hashed) {
      hash[i] = row.text_hashes[i];
      repeat[i] = d.is_last(row.text[i], hash[i]);
    } else {
      repeat[i] = d.is_last(row.text[i]);
      if (!repeat[i]) hash[i] = text_hash(row.text[i]);
    }
    if (!repeat[i]) d.prefetch(hash[i]);
  }
  for (const std::size_t i : string_columns_) {
    if (!repeat[i]) dicts_[i]->prefetch_value(hash[i]);
  }
  for (const std::size_t i : string_columns_) {
    DictionaryBuilder& d = *dicts_[i];
    filling_.codes[i].push_back(repeat[i] ? d.last_code() : d.intern(row.text[i], hash[i]));
  }
  for (const std::size_t i : decimal_columns_) {
    const bool has = row.money_present.test(i);
    filling_.decimals[i].push_back(has ? row.money[i].scaled() : 0);
    filling_.present[i].push_back(has ? 1 : 0);
  }
  for (const std::size_t i : int_columns_) filling_.ints[i].push_back(row.seconds[i]);
  ++rows_;
  if (++filling_.rows == kBlockRows) {
    error_ = flush_block();
    return error_;
  }
  return ok_status();
}

Status SegmentWriter::wait_encoder() {
  if (encoder_.joinable()) encoder_.join();
  return encoder_status_;
}

Status SegmentWriter::flush_block() {
  FG_TRY(wait_encoder());
  if (filling_.rows == 0) return ok_status();
  std::swap(filling_, encoding_);  // filling_ gets the emptied buffers of the block written last
  try {
    encoder_ = std::thread([this] {
      try {
        encoder_status_ = write_block(encoding_);
      } catch (const std::bad_alloc&) {
        encoder_status_ = resource_exhausted_error("costdb: out of memory writing a block");
      }
    });
  } catch (const std::system_error&) {
    encoder_status_ = write_block(encoding_);  // no thread to be had: write it here
  }
  return ok_status();
}

Status SegmentWriter::write_block(BlockColumns& cols) {
  const std::size_t n = cols.rows;
  BlockMeta meta;
  meta.rows = static_cast<std::uint32_t>(n);
  std::string block;
  for (const ColumnInfo& ci : all_columns()) {
    const std::size_t i = index_of(ci.column);
    scratch_.buffer().clear();
    switch (ci.kind) {
      case ColumnKind::kString:
      case ColumnKind::kJson:
        internal::encode_codes(cols.codes[i].data(), n, scratch_);
        cols.codes[i].clear();
        break;
      case ColumnKind::kDecimal:
        meta.dec_stats[i] = internal::encode_decimals(cols.decimals[i].data(), cols.present[i].data(), n, scratch_);
        cols.decimals[i].clear();
        cols.present[i].clear();
        break;
      case ColumnKind::kTime:
      case ColumnKind::kInt:
        meta.int_stats[i] = internal::encode_ints(cols.ints[i].data(), n,
                                                  ci.kind == ColumnKind::kTime ? kNullTime : INT64_MIN, scratch_);
        cols.ints[i].clear();
        break;
    }
    const std::size_t before = block.size();
    FG_TRY(compressor_.compress(scratch_.buffer(), block));
    meta.offset[i] = offset_ + before;
    meta.size[i] = static_cast<std::uint32_t>(block.size() - before);
  }
  FG_TRY(file_.write_all(block));
  offset_ += block.size();
  blocks_.push_back(meta);
  cols.rows = 0;
  return ok_status();
}

Status SegmentWriter::finish() {
  if (!error_.ok()) return error_;
  FG_TRY(flush_block());
  FG_TRY(wait_encoder());
  ByteWriter footer;
  footer.put_u32(kSegmentVersion);
  footer.put_i64(period_start_);
  footer.put_u64(rows_);
  footer.put_u32(static_cast<std::uint32_t>(kColumnCount));  // the column directory: every column, in enum order
  for (const ColumnInfo& ci : all_columns()) {
    footer.put_string(ci.name);
    footer.put_u8(static_cast<std::uint8_t>(ci.kind));
  }
  footer.put_u32(static_cast<std::uint32_t>(blocks_.size()));
  for (const BlockMeta& b : blocks_) {
    footer.put_u32(b.rows);
    for (const ColumnInfo& ci : all_columns()) {
      const std::size_t i = index_of(ci.column);
      footer.put_u64(b.offset[i]);
      footer.put_u32(b.size[i]);
      if (ci.kind == ColumnKind::kTime || ci.kind == ColumnKind::kInt) {
        footer.put_u8(b.int_stats[i].any ? 1 : 0);
        footer.put_i64(b.int_stats[i].min);
        footer.put_i64(b.int_stats[i].max);
      } else if (ci.kind == ColumnKind::kDecimal) {
        footer.put_u8(b.dec_stats[i].any ? 1 : 0);
        footer.put_i128(b.dec_stats[i].min);
        footer.put_i128(b.dec_stats[i].max);
      }
    }
  }
  for (const ColumnInfo& ci : all_columns()) {
    if (!dicts_[index_of(ci.column)]) continue;
    const auto& values = dicts_[index_of(ci.column)]->values();
    footer.put_u32(static_cast<std::uint32_t>(values.size()));
    for (const std::string& v : values) footer.put_string(v);
  }
  std::string tail;
  FG_TRY(compressor_.compress(footer.buffer(), tail));
  ByteWriter trailer;
  trailer.put_u64(offset_);
  trailer.put_u64(tail.size());
  trailer.put_raw(kSegmentMagic.data(), kSegmentMagic.size());
  tail += trailer.buffer();
  FG_TRY(file_.write_all(tail));
  offset_ += tail.size();
  FG_TRY(file_.sync());
  // The dictionaries are no longer needed; release them before the next segment starts.
  for (auto& d : dicts_) d.reset();
  return ok_status();
}

}  // namespace fg::costdb
