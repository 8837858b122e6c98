// SegmentWriter: streams LineItems of one partition into a new segment file in bounded memory (one
// block of each column plus the segment's dictionaries). Not thread-safe; one per partition.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/result.hpp"
#include "costdb/internal/block_codec.hpp"
#include "costdb/internal/file_io.hpp"
#include "costdb/line_item.hpp"
#include "costdb/segment/dictionary_builder.hpp"

namespace fg::costdb {

class SegmentWriter {
 public:
  //! Creates `path` (which must not exist). `period_start` is the partition's BillingPeriodStart.
  static Result<std::unique_ptr<SegmentWriter>> create(const std::filesystem::path& path, std::int64_t period_start);

  //! Buffers `row`, writing a block when kBlockRows are buffered. Errors are sticky.
  Status append(const LineItem& row);
  //! Writes the last block, the footer and the trailer, then fsyncs. Call once.
  Status finish();

  std::uint64_t rows() const { return rows_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  struct Private {};

 public:
  SegmentWriter(Private, std::filesystem::path path, internal::File file, std::int64_t period_start);

 private:
  Status flush_block();

  struct BlockMeta {
    std::uint32_t rows = 0;
    std::array<std::uint64_t, kColumnCount> offset{};
    std::array<std::uint32_t, kColumnCount> size{};
    std::array<internal::IntStats, kColumnCount> int_stats{};
    std::array<internal::DecimalStats, kColumnCount> dec_stats{};
  };

  std::filesystem::path path_;
  internal::File file_;
  std::int64_t period_start_;
  std::uint64_t offset_ = 0;
  std::uint64_t rows_ = 0;
  std::size_t buffered_ = 0;
  std::array<std::unique_ptr<DictionaryBuilder>, kColumnCount> dicts_;
  std::vector<std::size_t> string_columns_;  //!< indexes of the string and JSON columns
  std::array<std::vector<std::uint32_t>, kColumnCount> codes_;
  std::array<std::vector<std::int64_t>, kColumnCount> ints_;
  std::array<std::vector<Int128>, kColumnCount> decimals_;
  std::array<std::vector<std::uint8_t>, kColumnCount> present_;
  std::vector<BlockMeta> blocks_;
  internal::Compressor compressor_;
  internal::ByteWriter scratch_;
  std::string frame_;
  Status error_;
};

}  // namespace fg::costdb
