#include "ingest/parquet/nested_view.hpp"

namespace fg::ingest::parquet {

Result<RepeatedView> RepeatedView::make(std::vector<const ColumnBatch*> leaves) {
  if (leaves.empty()) return invalid_argument_error("no leaves selected");
  const ColumnBatch& a = *leaves.front();
  for (const ColumnBatch* b : leaves) {
    if (b->column().max_repetition_level != 1) return invalid_argument_error("not a repeated column");
    if (b->num_rows() != a.num_rows() || b->num_slots() != a.num_slots() ||
        b->column().entry_definition_level != a.column().entry_definition_level) {
      return invalid_argument_error("leaves of one repeated group disagree on their entries");
    }
  }
  // Sibling leaves must mark the same entries: the same row starts, and an entry wherever the first
  // leaf has one (a writer bug here would pair a key with another row's value).
  const int entry = a.column().entry_definition_level;
  for (const ColumnBatch* b : leaves) {
    if (b == &a) continue;
    for (std::size_t s = 0; s < a.num_slots(); ++s) {
      if (a.repetition_level(s) != b->repetition_level(s) ||
          (a.definition_level(s) >= entry) != (b->definition_level(s) >= entry)) {
        return invalid_argument_error("leaves of one repeated group disagree on their entries");
      }
    }
  }
  return RepeatedView(std::move(leaves));
}

}  // namespace fg::ingest::parquet
