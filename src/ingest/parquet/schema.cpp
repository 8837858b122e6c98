#include "ingest/parquet/schema.hpp"

#include <string>

namespace fg::ingest::parquet {

const SchemaNode* Schema::find(std::string_view path) const {
  if (path.empty()) return nullptr;
  for (const SchemaNode& n : nodes_) {
    if (n.path == path) return &n;
  }
  return nullptr;
}

std::vector<int> Schema::leaves_under(int node) const {
  std::vector<int> out;
  if (node < 0 || static_cast<std::size_t>(node) >= nodes_.size()) return out;
  // Iterative walk: the builder bounds the depth, but no recursion is needed anyway.
  std::vector<int> stack{node};
  while (!stack.empty()) {
    const int i = stack.back();
    stack.pop_back();
    const SchemaNode& n = nodes_[static_cast<std::size_t>(i)];
    if (n.is_leaf) {
      out.push_back(n.leaf_index);
      continue;
    }
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

}  // namespace fg::ingest::parquet
