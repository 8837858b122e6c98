// ParquetFile: a Parquet file opened from a RandomAccessSource, read one row group at a time.
//
//   auto file = *ParquetFile::open(*open_file_source(path));
//   auto sel = *file->select({"line_item_unblended_cost", "line_item_usage_start_date", "resource_tags"});
//   for (std::size_t g = 0; g < file->num_row_groups(); ++g) {
//     auto rows = *file->read_row_group(g, sel);   // only the selected columns are read
//     const ColumnBatch& cost = *rows.column("line_item_unblended_cost");
//     auto tags = *rows.repeated("resource_tags");  // per-row map entries
//   }
//
// open() reads the 8-byte tail and the footer (two ranged reads) and checks that every column chunk
// lies inside the file. read_row_group() reads the selected column chunks by range, a window at a
// time, so memory follows one row group's selected columns (bounded by ReaderLimits).
//
// Errors are invalid_argument with context: "parquet: footer: ...", "parquet: column x: ...",
// "parquet: row group 3, column x: page 2: row 17: ..." (row groups and rows count from 0 within
// their row group). They never contain a value from the file.
//
// Thread-safety: a ParquetFile is immutable after open(); read_row_group() may run on several threads
// at once when the source allows it (both built-in sources do).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/parquet/column_batch.hpp"
#include "ingest/parquet/limits.hpp"
#include "ingest/parquet/nested_view.hpp"
#include "ingest/parquet/random_access_source.hpp"
#include "ingest/parquet/schema.hpp"

namespace fg::ingest::parquet {

//! The columns to read, resolved against a schema: each requested path and the leaves it covers
//! (a leaf itself, or every leaf of a MAP/LIST/struct group).
struct ColumnSelection {
  struct Entry {
    std::string path;
    int node = 0;
    std::vector<int> leaves;
  };
  std::vector<Entry> entries;
  std::vector<int> leaves;  //!< union of the entries' leaves, in file order
};

//! The selected columns of one row group.
class RowGroupBatch {
 public:
  std::size_t index() const { return index_; }
  std::size_t num_rows() const { return num_rows_; }
  //! The batch of a selected leaf by its dotted path, or nullptr.
  const ColumnBatch* column(std::string_view leaf_path) const;
  //! The batches of every selected leaf, in file order.
  const std::vector<ColumnBatch>& columns() const { return columns_; }
  //! Per-row entries of a selected MAP or LIST (or bare repeated field) by its path: its leaves must
  //! all have been selected. invalid_argument naming the path otherwise.
  Result<RepeatedView> repeated(std::string_view path) const;

  struct Private {};
  RowGroupBatch(Private, const Schema& schema, std::size_t index, std::size_t rows, std::vector<ColumnBatch> columns)
      : schema_(&schema), index_(index), num_rows_(rows), columns_(std::move(columns)) {}

 private:
  const Schema* schema_;
  std::size_t index_;
  std::size_t num_rows_;
  std::vector<ColumnBatch> columns_;
};

class ParquetFile {
 public:
  ~ParquetFile();
  ParquetFile(const ParquetFile&) = delete;
  ParquetFile& operator=(const ParquetFile&) = delete;

  //! Opens a file. `source` must outlive the ParquetFile. invalid_argument: not Parquet (magic), an
  //! encrypted file, a footer over max_footer_bytes or max_footer_memory, malformed Thrift, an
  //! inconsistent schema or row group, a column chunk outside the file or in another file.
  static Result<std::unique_ptr<ParquetFile>> open(const RandomAccessSource& source, const ReaderLimits& limits = {});

  const Schema& schema() const;
  std::size_t num_row_groups() const;
  std::int64_t num_rows() const;  //!< the sum of the row groups' row counts
  std::int64_t row_group_rows(std::size_t index) const;
  //! The footer's created_by ("parquet-cpp-arrow version 15.0.0", "DuckDB version ..."), maybe empty.
  const std::string& created_by() const;
  //! A key of the footer's key/value metadata, or nullptr.
  const std::string* metadata(std::string_view key) const;

  //! Resolves dotted paths to the leaves to read. invalid_argument naming the path when it is unknown
  //! or one of its leaves has a type the reader refuses (the message names the feature).
  Result<ColumnSelection> select(const std::vector<std::string>& paths) const;

  //! Reads the selected leaves of row group `index` (< num_row_groups()).
  Result<RowGroupBatch> read_row_group(std::size_t index, const ColumnSelection& selection) const;

  struct Impl;
  explicit ParquetFile(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace fg::ingest::parquet
