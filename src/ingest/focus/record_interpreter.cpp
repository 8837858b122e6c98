#include "ingest/focus/record_interpreter.hpp"

#include "ingest/focus/focus_header.hpp"
#include "ingest/focus/focus_validator.hpp"

namespace fg::ingest {

namespace {

class FocusInterpreter final : public RecordInterpreter {
 public:
  FocusInterpreter(const FocusHeader& header, const FocusValidator& validator, std::string source_object)
      : parser_(header, std::move(source_object)), validator_(validator) {}
  void interpret(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out, ConformanceReport& findings) override {
    parser_.parse(rec, row_number, out);
    validator_.check_row(out, rec.line, findings);
  }

 private:
  RowParser parser_;
  const FocusValidator& validator_;
};

class FocusInterpretation final : public FileInterpretation {
 public:
  explicit FocusInterpretation(FocusHeader header) : header_(std::move(header)), validator_(header_) {}
  std::unique_ptr<RecordInterpreter> make_interpreter(const std::string& source_object) const override {
    return std::make_unique<FocusInterpreter>(header_, validator_, source_object);
  }
  std::string format() const override { return "focus"; }

 private:
  FocusHeader header_;
  FocusValidator validator_;  // refers to header_
};

}  // namespace

std::unique_ptr<FileInterpretation> focus_interpretation(const CsvRecord& header, ConformanceReport& findings) {
  return std::make_unique<FocusInterpretation>(map_header(header, findings));
}

}  // namespace fg::ingest
