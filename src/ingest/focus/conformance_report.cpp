#include "ingest/focus/conformance_report.hpp"

namespace fg::ingest {

void ConformanceReport::add(std::string_view rule, std::string_view column, Severity severity, std::string_view message,
                            std::uint64_t line) {
  auto [it, added] = by_key_.try_emplace({std::string(rule), std::string(column)});
  ConformanceIssue& f = it->second;
  if (added) {
    f.rule = std::string(rule);
    f.column = std::string(column);
    f.severity = severity;
    f.message = std::string(message);
  }
  ++f.count;
  if (f.lines.size() < kMaxLines && line) f.lines.push_back(line);
  (severity == Severity::kError ? errors_ : warnings_) += 1;
}

void ConformanceReport::merge(const ConformanceReport& other) {
  for (const auto& [key, f] : other.by_key_) {
    auto [it, added] = by_key_.try_emplace(key, f);
    if (!added) {
      it->second.count += f.count;
      for (std::uint64_t l : f.lines) {
        if (it->second.lines.size() < kMaxLines) it->second.lines.push_back(l);
      }
    }
  }
  errors_ += other.errors_;
  warnings_ += other.warnings_;
}

std::vector<ConformanceIssue> ConformanceReport::list() const {
  std::vector<ConformanceIssue> out;
  for (const auto& [key, f] : by_key_) out.push_back(f);
  return out;
}

std::uint64_t ConformanceReport::count(const std::string& rule, const std::string& column) const {
  auto it = by_key_.find({rule, column});
  return it == by_key_.end() ? 0 : it->second.count;
}

}  // namespace fg::ingest
