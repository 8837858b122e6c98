#include "costdb/segment/segment.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "costdb/internal/bytes.hpp"
#include "costdb/segment/segment_format.hpp"

namespace fg::costdb {

using internal::ByteReader;

namespace {
Status corrupt() {
  return internal_error("costdb: corrupt segment");
}

Status unsupported_version(std::uint32_t version) {
  return internal_error("costdb: unsupported segment version " + std::to_string(version) + " (this build reads " +
                        std::to_string(kOldestSegmentVersion) + " to " + std::to_string(kSegmentVersion) +
                        "); see docs/COSTDB.md \"Segment versions\"");
}

// Where one directory entry of the segment goes in this build's schema.
struct Slot {
  ColumnKind kind;
  bool known;         //!< this build has a column of that name
  std::size_t index;  //!< its index_of(), when known
};

// The segment's column directory (implicit in version 1), mapped onto this build's columns. A known
// name stored with another kind, a repeated name or an unknown kind is corruption.
Result<std::vector<Slot>> read_directory(std::uint32_t version, ByteReader& in,
                                         std::array<bool, kColumnCount>& stored) {
  std::vector<StoredColumn> directory;
  if (version == 1) {
    const auto v1 = version1_columns();
    directory.assign(v1.begin(), v1.end());
  } else {
    const std::uint32_t n = in.u32();
    if (!in.ok() || n > kMaxStoredColumns || n > in.remaining()) return corrupt();
    directory.reserve(n);
    for (std::uint32_t k = 0; k < n; ++k) {
      const std::string_view name = in.string();
      const std::uint8_t kind = in.u8();
      if (!in.ok() || kind > static_cast<std::uint8_t>(ColumnKind::kInt)) return corrupt();
      directory.push_back({name, static_cast<ColumnKind>(kind)});
    }
  }
  std::vector<Slot> slots;
  slots.reserve(directory.size());
  std::vector<std::string_view> unknown;
  for (const StoredColumn& sc : directory) {
    const std::optional<Column> c = column_by_name(sc.name);
    if (!c) {
      if (std::find(unknown.begin(), unknown.end(), sc.name) != unknown.end()) return corrupt();
      unknown.push_back(sc.name);
      slots.push_back({sc.kind, false, 0});
      continue;
    }
    if (kind_of(*c) != sc.kind || stored[index_of(*c)]) return corrupt();
    stored[index_of(*c)] = true;
    slots.push_back({sc.kind, true, index_of(*c)});
  }
  return slots;
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
  const std::uint32_t version = in.u32();
  if (!in.ok()) return corrupt();
  if (version < kOldestSegmentVersion || version > kSegmentVersion) return unsupported_version(version);
  s->period_start_ = in.i64();
  s->rows_ = in.u64();
  FG_ASSIGN_OR_RETURN(const std::vector<Slot> slots, read_directory(version, in, s->stored_));
  const std::uint32_t nblocks = in.u32();
  if (!in.ok() || nblocks > in.remaining()) return corrupt();
  s->blocks_.resize(nblocks);
  std::uint64_t counted = 0;
  BlockInfo scratch;  // where the entries of unknown columns are read to
  for (BlockInfo& b : s->blocks_) {
    b.rows = in.u32();
    if (b.rows == 0 || b.rows > kBlockRows) return corrupt();
    counted += b.rows;
    for (const Slot& slot : slots) {
      // A column this build does not know is read like the others and then dropped.
      BlockInfo& into = slot.known ? b : scratch;
      const std::size_t i = slot.known ? slot.index : 0;
      into.offset[i] = in.u64();
      into.size[i] = in.u32();
      if (into.offset[i] + into.size[i] > footer_offset) return corrupt();
      if (slot.kind == ColumnKind::kTime || slot.kind == ColumnKind::kInt) {
        into.int_stats[i].any = in.u8() != 0;
        into.int_stats[i].min = in.i64();
        into.int_stats[i].max = in.i64();
      } else if (slot.kind == ColumnKind::kDecimal) {
        into.dec_stats[i].any = in.u8() != 0;
        into.dec_stats[i].min = in.i128();
        into.dec_stats[i].max = in.i128();
      }
    }
  }
  if (counted != s->rows_) return corrupt();
  for (const Slot& slot : slots) {
    if (!is_dictionary_kind(slot.kind)) continue;
    const std::uint32_t n = in.u32();
    if (!in.ok() || n == 0 || n > in.remaining()) return corrupt();
    if (slot.known) {
      // Checked now (bounds of every entry), built later: dictionary() cannot fail.
      s->dict_pos_[slot.index] = footer.size() - in.remaining();
      s->dict_size_[slot.index] = n;
    }
    for (std::uint32_t k = 0; k < n; ++k) in.string();
  }
  if (!in.ok() || !in.at_end()) return corrupt();
  // A column the segment predates reads as null: a one-entry dictionary of "" for text.
  for (const ColumnInfo& ci : all_columns()) {
    if (!s->stored_[index_of(ci.column)] && is_dictionary(ci.column)) s->dict_size_[index_of(ci.column)] = 1;
  }
  return std::shared_ptr<const Segment>(std::move(s));
}

const std::vector<std::string>& Segment::dictionary(Column c) const {
  const std::size_t i = index_of(c);
  std::call_once(dict_once_[i], [&] {
    if (!stored_[i]) {
      dicts_[i].emplace_back();
      return;
    }
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
  if (!has_column(c)) {
    out.assign(blocks_[b].rows, 0);
    return ok_status();
  }
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
  const std::int64_t null_value = kind_of(c) == ColumnKind::kTime ? kNullTime : INT64_MIN;
  if (!has_column(c)) {
    out.assign(blocks_[b].rows, null_value);
    return ok_status();
  }
  FG_TRY(load_raw(b, c, buf));
  ByteReader in(buf.raw);
  if (!internal::decode_ints(in, blocks_[b].rows, null_value, out) || !in.at_end()) return corrupt();
  return ok_status();
}

Status Segment::read_decimals(std::size_t b, Column c, std::vector<Int128>& out, std::vector<std::uint8_t>& present,
                              ReadBuffers& buf) const {
  if (!has_column(c)) {
    out.assign(blocks_[b].rows, 0);
    present.assign(blocks_[b].rows, 0);
    return ok_status();
  }
  FG_TRY(load_raw(b, c, buf));
  ByteReader in(buf.raw);
  if (!internal::decode_decimals(in, blocks_[b].rows, out, present) || !in.at_end()) return corrupt();
  return ok_status();
}

}  // namespace fg::costdb
