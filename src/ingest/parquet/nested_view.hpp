// RepeatedView: the per-row entries of a MAP, a LIST, or a bare repeated field, over the batches of
// its leaves (for a MAP: key and value; for a LIST of structs: one per field).
//
// Parquet stores such a column as leaves whose repetition level 0 starts a row; every leaf of the
// same repeated group has the same slots. Row r's entries are the slots [begin(r), end(r)) of every
// leaf, unless the row has no entries: then its single slot is a marker, and is_null(r) tells a null
// container from an empty one. Within an entry a leaf's slot may be null (a map value, a list element).
//
//   RepeatedView tags = *rows.repeated("resource_tags");
//   const ColumnBatch& k = tags.leaf(0);  const ColumnBatch& v = tags.leaf(1);
//   for (std::size_t s = tags.begin(r); s < tags.end(r); ++s)
//     emit(k.bytes(s), v.is_null(s) ? std::nullopt : std::optional(v.bytes(s)));
//
// A view borrows the batches; it is valid while the RowGroupBatch lives.
#pragma once

#include <cstddef>
#include <vector>

#include "core/result.hpp"
#include "ingest/parquet/column_batch.hpp"

namespace fg::ingest::parquet {

class RepeatedView {
 public:
  //! Precondition-checked: every leaf has repetition level 1, the same rows and the same slots.
  //! invalid_argument otherwise (a malformed file whose leaves disagree).
  static Result<RepeatedView> make(std::vector<const ColumnBatch*> leaves);

  std::size_t num_rows() const { return leaves_.front()->num_rows(); }
  std::size_t num_leaves() const { return leaves_.size(); }
  const ColumnBatch& leaf(std::size_t i) const { return *leaves_[i]; }

  //! Whether row r has no container at all (as opposed to an empty one).
  bool is_null(std::size_t r) const {
    const std::size_t s = first().row_begin(r);
    return first().definition_level(s) < first().column().container_definition_level;
  }
  std::size_t size(std::size_t r) const { return end(r) - begin(r); }
  std::size_t begin(std::size_t r) const { return first().row_begin(r); }
  std::size_t end(std::size_t r) const {
    const std::size_t b = first().row_begin(r);
    return first().definition_level(b) < first().column().entry_definition_level ? b : first().row_end(r);
  }

 private:
  explicit RepeatedView(std::vector<const ColumnBatch*> leaves) : leaves_(std::move(leaves)) {}
  const ColumnBatch& first() const { return *leaves_.front(); }
  std::vector<const ColumnBatch*> leaves_;
};

}  // namespace fg::ingest::parquet
