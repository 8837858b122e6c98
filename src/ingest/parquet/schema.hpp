// Schema: the tree of a Parquet file's columns, as read from its footer.
//
// Node 0 is the root (the message). Every other node has a dotted path from the root's children,
// e.g. "line_item_unblended_cost", "resource_tags" (a MAP group) and its leaves
// "resource_tags.key_value.key" / "resource_tags.key_value.value". Leaves are the stored columns
// (ColumnDescriptor), in file order; each knows its levels (Dremel encoding: the definition level
// says how much of an optional/repeated path is present, the repetition level where a repeated
// value starts) and the ValueKind its values convert to.
//
// A leaf with a type the reader cannot convert is still listed, with `unsupported` naming the feature:
// opening a file never fails because of a column nobody asked for; selecting it does.
//
// Immutable after construction; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/parquet/types.hpp"

namespace fg::ingest::parquet {

struct SchemaNode {
  std::string name;
  std::string path;  //!< dotted path; empty for the root
  Repetition repetition = Repetition::kRequired;
  LogicalType logical;
  bool is_leaf = false;
  PhysicalType physical = PhysicalType::kInt32;  //!< leaves only
  int type_length = 0;                           //!< FIXED_LEN_BYTE_ARRAY only
  int parent = -1;                               //!< -1 for the root
  std::vector<int> children;
  int leaf_index = -1;           //!< leaves: index into Schema::columns()
  int max_definition_level = 0;  //!< counting this node
  int max_repetition_level = 0;  //!< counting this node
};

struct ColumnDescriptor {
  int leaf_index = 0;
  int node = 0;  //!< index into Schema::nodes()
  std::string path;
  PhysicalType physical = PhysicalType::kInt32;
  int type_length = 0;
  LogicalType logical;
  Repetition repetition = Repetition::kRequired;
  int max_definition_level = 0;
  int max_repetition_level = 0;
  //! For a repeated column (max_repetition_level == 1): the definition level at which its repeated
  //! ancestor holds an entry. A row whose only slot is defined below it has no entries (an empty or
  //! null list/map). 0 for flat columns.
  int entry_definition_level = 0;
  //! For a repeated column: the definition level at which the container itself (the MAP/LIST group,
  //! or the parent of a bare repeated field) is present. A row defined below it is a null container.
  int container_definition_level = 0;
  bool nullable = false;  //!< some node on the path is optional
  ValueKind kind = ValueKind::kBytes;
  std::string unsupported;  //!< non-empty: the feature the reader refuses for this column
};

class Schema {
 public:
  Schema() = default;
  //! Precondition: `nodes` and `columns` are consistent (built by the footer reader).
  Schema(std::vector<SchemaNode> nodes, std::vector<ColumnDescriptor> columns)
      : nodes_(std::move(nodes)), columns_(std::move(columns)) {}

  const std::vector<SchemaNode>& nodes() const { return nodes_; }
  const std::vector<ColumnDescriptor>& columns() const { return columns_; }

  //! The node with this dotted path (exact, case-sensitive), or nullptr.
  const SchemaNode* find(std::string_view path) const;
  //! The leaf indexes under node `node` (itself if it is a leaf), in file order.
  std::vector<int> leaves_under(int node) const;

 private:
  std::vector<SchemaNode> nodes_;
  std::vector<ColumnDescriptor> columns_;
};

}  // namespace fg::ingest::parquet
