// SegmentWriter: streams LineItems of one partition into a new segment file in bounded memory (two
// blocks of each column plus the segment's dictionaries). Not thread-safe; one per partition.
//
// A full block is encoded, compressed and written on a background thread while the next one fills:
// the thread that appends rows interns every string and is the ingest's bottleneck.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <thread>
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
  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

 private:
  //! The columns of one block, in the order rows arrived.
  struct BlockColumns {
    std::size_t rows = 0;
    std::array<std::vector<std::uint32_t>, kColumnCount> codes;
    std::array<std::vector<std::int64_t>, kColumnCount> ints;
    std::array<std::vector<Int128>, kColumnCount> decimals;
    std::array<std::vector<std::uint8_t>, kColumnCount> present;
  };

  //! Hands the filled block to the encoder thread, after the previous block is written.
  Status flush_block();
  //! Joins the encoder thread, if running; its status.
  Status wait_encoder();
  //! Encodes, compresses and writes `cols`, then empties it (keeping its capacity).
  Status write_block(BlockColumns& cols);

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
  std::array<std::unique_ptr<DictionaryBuilder>, kColumnCount> dicts_;
  std::vector<std::size_t> string_columns_;  //!< indexes of the string and JSON columns
  std::vector<std::size_t> decimal_columns_;
  std::vector<std::size_t> int_columns_;  //!< time and int columns
  BlockColumns filling_;                  //!< appended to by append()
  // The encoder's side: while encoder_ runs it alone touches these and file_/offset_.
  BlockColumns encoding_;
  std::thread encoder_;
  Status encoder_status_;
  std::vector<BlockMeta> blocks_;
  internal::Compressor compressor_;
  internal::ByteWriter scratch_;
  Status error_;
};

}  // namespace fg::costdb
