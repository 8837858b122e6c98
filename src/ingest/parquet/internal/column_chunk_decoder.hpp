// ColumnChunkDecoder: all pages of one column chunk (one leaf in one row group) into a ColumnBatch.
//
// Per page: check its sizes against the caps, verify its CRC when it has one, decompress, decode the
// repetition and definition levels, then the non-null values (PLAIN, dictionary indexes, RLE booleans,
// DELTA_*, BYTE_STREAM_SPLIT) and convert each into its batch slot. A dictionary page's values are
// converted once; dictionary-encoded slots copy them (strings share the dictionary's bytes).
//
// Invariants checked at the end: the chunk's slots equal its declared num_values, and its rows
// (slots, or repetition level 0 for repeated columns) equal the row group's num_rows.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "ingest/parquet/column_batch.hpp"
#include "ingest/parquet/internal/page_stream.hpp"
#include "ingest/parquet/internal/physical_values.hpp"
#include "ingest/parquet/limits.hpp"

namespace fg::ingest::parquet::internal {

struct ChunkLocation {
  std::uint64_t offset = 0;  //!< first page (the dictionary page when there is one)
  std::uint64_t size = 0;    //!< total_compressed_size
};

class ColumnChunkDecoder {
 public:
  ColumnChunkDecoder(const ColumnDescriptor& column, const ::parquet::ColumnMetaData& meta, std::int64_t rows,
                     const ReaderLimits& limits);

  //! Reads and decodes the chunk. Errors name the page ("page 3: ...") and, for a bad value, the row.
  Result<ColumnBatch> decode(const RandomAccessSource& source, ChunkLocation where);

 private:
  Status on_dictionary_page(const Page& page);
  Status on_data_page(const Page& page, bool v2);
  //! Levels of `n` slots starting at batch slot `first`, from a V1 page body; advances `p`.
  Status read_levels_v1(const std::uint8_t*& p, const std::uint8_t* end, std::size_t first, std::size_t n, int encoding,
                        bool repetition);
  Status read_levels_rle(const std::uint8_t* p, std::size_t size, std::size_t first, std::size_t n, bool repetition);
  //! Decodes the values of [first, first + n) whose slots are present.
  Status read_values(int encoding, const std::uint8_t* p, std::size_t size, std::size_t first, std::size_t n,
                     std::size_t present);
  Status store_values(const PhysicalValues& v, std::size_t first, std::size_t n);
  Status store_decimals(const PhysicalValues& v, std::size_t first, std::size_t n);
  Status store_dictionary_indexes(const std::uint8_t* p, std::size_t size, std::size_t first, std::size_t n,
                                  std::size_t present);
  //! Converts physical value `i` of `v` into slot `slot` of `into` (the batch, or the dictionary).
  Status convert(const PhysicalValues& v, std::size_t i, ColumnBatch& into, std::size_t slot);
  Status grow(std::size_t slots);
  Status finish();
  Status value_error(std::size_t slot, const Status& s) const;
  std::size_t row_of_slot(std::size_t slot) const;

  const ColumnDescriptor& column_;
  const ::parquet::ColumnMetaData& meta_;
  std::int64_t rows_;
  const ReaderLimits& limits_;
  ColumnBatch batch_;
  ColumnBatch dictionary_;
  bool has_dictionary_ = false;
  std::size_t dictionary_size_ = 0;
  std::vector<std::uint8_t> dictionary_flags_;  //!< per entry: rounded / truncated / repaired
  std::vector<Int128> dictionary_residue_;      //!< per entry: rounding residue × 10^36
  int page_index_ = 0;
  std::size_t bytes_per_slot_ = 0;
  std::string page_buffer_;  //!< the decompressed page
  PhysicalValues values_;
  std::vector<std::uint32_t> indexes_;
};

}  // namespace fg::ingest::parquet::internal
