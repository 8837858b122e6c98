// Segment: a read-only, opened segment file. The footer (block directory, statistics, dictionaries)
// is read and checked at open, but a dictionary's strings are built only when a query first asks
// for that column (building all ~35 dictionaries, ~200k strings per 1M rows, was most of a first
// query's time); column blocks are read on demand with pread, so a query touches only the columns
// and blocks it needs. Thread-safe: every read method is const and independent.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "costdb/internal/block_codec.hpp"
#include "costdb/internal/file_io.hpp"
#include "costdb/schema.hpp"

namespace fg::costdb {

class Segment {
 public:
  //! Opens and checks the file. not_found if absent; internal on a bad magic, checksum or layout, or
  //! a version outside kOldestSegmentVersion..kSegmentVersion (the message names it).
  static Result<std::shared_ptr<const Segment>> open(const std::filesystem::path& path);

  std::uint64_t rows() const { return rows_; }
  std::int64_t period_start() const { return period_start_; }
  std::size_t block_count() const { return blocks_.size(); }
  std::uint32_t block_rows(std::size_t b) const { return blocks_[b].rows; }
  //! False for a column the segment predates (its format had no such column): it reads as null.
  bool has_column(Column c) const { return stored_[index_of(c)]; }
  //! Dictionary of a string/JSON column; entry 0 is "". Built on first use.
  const std::vector<std::string>& dictionary(Column c) const;
  const internal::IntStats& int_stats(std::size_t b, Column c) const { return blocks_[b].int_stats[index_of(c)]; }
  const internal::DecimalStats& decimal_stats(std::size_t b, Column c) const {
    return blocks_[b].dec_stats[index_of(c)];
  }

  //! A reader's buffers for the compressed and decoded bytes of one block, reused across reads: a
  //! fresh pair per read cost allocations and page faults on every column of every block.
  struct ReadBuffers {
    std::string frame;
    std::string raw;
  };

  //! Decodes block `b` of a column; internal error on corruption. Codes are checked against the
  //! dictionary size, so callers may index dictionaries with them.
  Status read_codes(std::size_t b, Column c, std::vector<std::uint32_t>& out, ReadBuffers& buf) const;
  Status read_ints(std::size_t b, Column c, std::vector<std::int64_t>& out, ReadBuffers& buf) const;
  Status read_decimals(std::size_t b, Column c, std::vector<Int128>& out, std::vector<std::uint8_t>& present,
                       ReadBuffers& buf) const;

 private:
  struct BlockInfo {
    std::uint32_t rows = 0;
    std::array<std::uint64_t, kColumnCount> offset{};
    std::array<std::uint32_t, kColumnCount> size{};
    std::array<internal::IntStats, kColumnCount> int_stats{};
    std::array<internal::DecimalStats, kColumnCount> dec_stats{};
  };
  struct Private {};

 public:
  explicit Segment(Private) {}

 private:
  //! Reads and decompresses block `b` of `c` into buf.raw.
  Status load_raw(std::size_t b, Column c, ReadBuffers& buf) const;

  internal::File file_;
  std::uint64_t rows_ = 0;
  std::int64_t period_start_ = 0;
  std::vector<BlockInfo> blocks_;
  std::array<bool, kColumnCount> stored_{};           //!< the column is in the segment's directory
  std::string footer_;                                //!< decompressed; dictionaries are parsed from it lazily
  std::array<std::size_t, kColumnCount> dict_pos_{};  //!< where a column's dictionary entries start in footer_
  std::array<std::uint32_t, kColumnCount> dict_size_{};
  mutable std::array<std::once_flag, kColumnCount> dict_once_;
  mutable std::array<std::vector<std::string>, kColumnCount> dicts_;
};

}  // namespace fg::costdb
