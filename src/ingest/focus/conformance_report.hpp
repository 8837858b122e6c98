// ConformanceReport: the conformance issues found in a FOCUS file (how the file breaks the spec), one
// entry per (rule, column), each with its count and the first few line numbers. Rules are named
// `<area>.<rule>` (see focus_validator.hpp). Not to be confused with src/findings (cloud waste and its
// savings): the types were ingest::Finding(s) until issue 21; the API still calls the list "findings".
// Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fg::ingest {

enum class Severity { kError, kWarning };

struct ConformanceIssue {
  std::string rule;    //!< e.g. "format.datetime"
  std::string column;  //!< the FOCUS column, or "" for row- or file-level rules
  Severity severity = Severity::kError;
  std::string message;               //!< what the rule requires; never a cell's content
  std::uint64_t count = 0;           //!< rows (or columns, for header rules) violating it
  std::vector<std::uint64_t> lines;  //!< first kMaxLines physical line numbers
};

class ConformanceReport {
 public:
  static constexpr std::size_t kMaxLines = 10;

  //! Records one violation at `line` (0 for header-level rules).
  void add(std::string_view rule, std::string_view column, Severity severity, std::string_view message,
           std::uint64_t line);
  //! Merges another file's findings.
  void merge(const ConformanceReport& other);

  //! ConformanceReport ordered by rule then column.
  std::vector<ConformanceIssue> list() const;
  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }
  //! The count for (rule, column), 0 if never seen.
  std::uint64_t count(const std::string& rule, const std::string& column = {}) const;
  bool empty() const { return by_key_.empty(); }

 private:
  std::map<std::pair<std::string, std::string>, ConformanceIssue> by_key_;
  std::uint64_t errors_ = 0;
  std::uint64_t warnings_ = 0;
};

}  // namespace fg::ingest
