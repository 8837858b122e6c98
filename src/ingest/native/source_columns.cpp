#include "ingest/native/source_columns.hpp"

#include <cctype>

namespace fg::ingest::native {

namespace {
bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
char lower(char c) {
  return upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

std::string aws_fold(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  bool word_start = true;  // at the start of the name or just after the slash
  for (char c : name) {
    if (c == '/') {
      out += '_';
      word_start = true;
      continue;
    }
    if (upper(c) && !word_start) out += '_';
    out += lower(c);
    word_start = false;
  }
  return out;
}

std::string azure_fold(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += lower(c);
  }
  return out;
}

std::string gcp_fold(std::string_view name) {
  std::string out;
  for (char c : name) out += c == '.' ? '_' : lower(c);
  return out;
}

Status require_columns(std::string_view format, std::initializer_list<NeededColumn> needed) {
  for (const NeededColumn& c : needed) {
    if (c.field < 0) {
      return invalid_argument_error(std::string(format) + ": the header has no column " + std::string(c.name));
    }
  }
  return ok_status();
}

SourceColumns::SourceColumns(const CsvRecord& header, NameFold fold) {
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    names_.emplace_back(header.fields[f]);
    folded_.push_back(fold(header.fields[f]));
    by_folded_.emplace(folded_.back(), static_cast<int>(f));  // the first occurrence wins
  }
}

int SourceColumns::find(std::string_view folded) const {
  auto it = by_folded_.find(std::string(folded));
  return it == by_folded_.end() ? -1 : it->second;
}

int SourceColumns::find_any(std::initializer_list<std::string_view> folded) const {
  for (std::string_view f : folded) {
    if (int i = find(f); i >= 0) return i;
  }
  return -1;
}

}  // namespace fg::ingest::native
