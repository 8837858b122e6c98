#include "costdb/segment/segment.hpp"

#include <algorithm>

#include "costdb/internal/bytes.hpp"
#include "costdb/segment/segment_format.hpp"

namespace fg::costdb {

using internal::ByteReader;

namespace {
Status corrupt() {
  return internal_error("costdb: corrupt segment");
}
}  // namespace

Result<std::shared_ptr<const Segment>> Segment::open(const std::filesystem::path& path) {
  auto s = std::make_shared<Segment>(Private{});
  FG_ASSIGN_OR_RETURN(s->file_, internal::File::open_read(path));
  FG_ASSIGN_OR_RETURN(const std::uint64_t size, s->file_.size());
  if (size < 12 + kTrailerSize) return corrupt();
  std::string trailer(kTrailerSize, '\0');
  FG_TRY(s->file_.pread_exact(size - kTrailerSize, kTrailerSize, trailer.data()));
  ByteReader tr(trailer);
  const std::uint64_t footer_offset = tr.u64();
  const std::uint64_t footer_size = tr.u64();
  if (tr.raw(8) != kSegmentMagic || footer_offset + footer_size + kTrailerSize != size) return corrupt();
  std::string frame(footer_size, '\0');
  FG_TRY(s->file_.pread_exact(footer_offset, footer_size, frame.data()));
  std::string& footer = s->footer_;
  FG_TRY(internal::decompress(frame, kMaxFooterBytes, footer));

  ByteReader in(footer);
  if (in.u32() != kSegmentVersion) return corrupt();
  s->period_start_ = in.i64();
  s->rows_ = in.u64();
  const std::uint32_t nblocks = in.u32();
  if (!in.ok() || nblocks > in.remaining()) return corrupt();
  s->blocks_.resize(nblocks);
  std::uint64_t counted = 0;
  for (BlockInfo& b : s->blocks_) {
    b.rows = in.u32();
    if (b.rows == 0 || b.rows > kBlockRows) return corrupt();
    counted += b.rows;
    for (const ColumnInfo& ci : all_columns()) {
      const std::size_t i = index_of(ci.column);
      b.offset[i] = in.u64();
      b.size[i] = in.u32();
      if (b.offset[i] + b.size[i] > footer_offset) return corrupt();
      if (ci.kind == ColumnKind::kTime || ci.kind == ColumnKind::kInt) {
        b.int_stats[i].any = in.u8() != 0;
        b.int_stats[i].min = in.i64();
        b.int_stats[i].max = in.i64();
      } else if (ci.kind == ColumnKind::kDecimal) {
        b.dec_stats[i].any = in.u8() != 0;
        b.dec_stats[i].min = in.i128();
        b.dec_stats[i].max = in.i128();
      }
    }
  }
  if (counted != s->rows_) return corrupt();
  for (const ColumnInfo& ci : all_columns()) {
    if (!is_dictionary(ci.column)) continue;
    const std::uint32_t n = in.u32();
    if (!in.ok() || n == 0 || n > in.remaining()) return corrupt();
    // Checked now (bounds of every entry), built later: dictionary() cannot fail.
    s->dict_pos_[index_of(ci.column)] = footer.size() - in.remaining();
    s->dict_size_[index_of(ci.column)] = n;
    for (std::uint32_t k = 0; k < n; ++k) in.string();
  }
  if (!in.ok() || !in.at_end()) return corrupt();
  return std::shared_ptr<const Segment>(std::move(s));
}

const std::vector<std::string>& Segment::dictionary(Column c) const {
  const std::size_t i = index_of(c);
  std::call_once(dict_once_[i], [&] {
    ByteReader in(std::string_view(footer_).substr(dict_pos_[i]));
    dicts_[i].reserve(dict_size_[i]);
    for (std::uint32_t k = 0; k < dict_size_[i]; ++k) dicts_[i].emplace_back(in.string());
  });
  return dicts_[i];
}

Status Segment::load_raw(std::size_t b, Column c, ReadBuffers& buf) const {
  const std::size_t i = index_of(c);
  buf.frame.resize(blocks_[b].size[i]);
  FG_TRY(file_.pread_exact(blocks_[b].offset[i], buf.frame.size(), buf.frame.data()));
  return internal::decompress(buf.frame, kMaxBlockBytes, buf.raw);
}

Status Segment::read_codes(std::size_t b, Column c, std::vector<std::uint32_t>& out, ReadBuffers& buf) const {
  FG_TRY(load_raw(b, c, buf));
  ByteReader in(buf.raw);
  if (!internal::decode_codes(in, blocks_[b].rows, out) || !in.at_end()) return corrupt();
  const std::uint32_t n = dict_size_[index_of(c)];
  std::uint32_t largest = 0;
  for (std::uint32_t code : out) largest = std::max(largest, code);
  if (!out.empty() && largest >= n) return corrupt();
  return ok_status();
}

Status Segment::read_ints(std::size_t b, Column c, std::vector<std::int64_t>& out, ReadBuffers& buf) const {
  FG_TRY(load_raw(b, c, buf));
  ByteReader in(buf.raw);
  const std::int64_t null_value = kind_of(c) == ColumnKind::kTime ? kNullTime : INT64_MIN;
  if (!internal::decode_ints(in, blocks_[b].rows, null_value, out) || !in.at_end()) return corrupt();
  return ok_status();
}

Status Segment::read_decimals(std::size_t b, Column c, std::vector<Int128>& out, std::vector<std::uint8_t>& present,
                              ReadBuffers& buf) const {
  FG_TRY(load_raw(b, c, buf));
  ByteReader in(buf.raw);
  if (!internal::decode_decimals(in, blocks_[b].rows, out, present) || !in.at_end()) return corrupt();
  return ok_status();
}

}  // namespace fg::costdb
