#include "ingest/native/native_row.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "core/utf8.hpp"

namespace fg::ingest::native {

using costdb::Column;

namespace {

// The cell states cover the FOCUS columns only; XExtras and the provenance columns have none.
void mark(ParsedRow& out, Column c, CellState s) {
  if (costdb::index_of(c) < costdb::kFocusColumnCount) out.state[costdb::index_of(c)] = s;
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

unsigned number(std::string_view s) {
  unsigned v = 0;
  for (char c : s) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

// "M/D/YYYY" or "MM/DD/YYYY", optionally followed by a time the ISO parser reads.
std::optional<std::int64_t> us_date(std::string_view text) {
  const std::size_t a = text.find('/');
  const std::size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view m = text.substr(0, a), d = text.substr(a + 1, b - a - 1);
  std::string_view rest = text.substr(b + 1);
  const std::size_t space = rest.find(' ');
  const std::string_view y = rest.substr(0, space);
  if (!digits(m) || !digits(d) || !digits(y) || m.size() > 2 || d.size() > 2 || y.size() != 4) return std::nullopt;
  const unsigned mm = number(m), dd = number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return std::nullopt;
  std::string iso = std::string(y) + '-' + (mm < 10 ? "0" : "") + std::to_string(mm) + '-' + (dd < 10 ? "0" : "") +
                    std::to_string(dd);
  if (space != std::string_view::npos) {
    iso += ' ';
    iso += rest.substr(space + 1);
  }
  auto t = parse_timestamp(iso, TimeSyntax::kLenient);
  if (!t.ok()) return std::nullopt;
  return t->seconds();
}

}  // namespace

std::optional<std::int64_t> parse_native_time(std::string_view text) {
  if (text.find('/') != std::string_view::npos) return us_date(text);
  constexpr std::string_view kUtc = " UTC";
  if (text.size() > kUtc.size() && text.substr(text.size() - kUtc.size()) == kUtc) {
    text.remove_suffix(kUtc.size());
  }
  auto t = parse_timestamp(text, TimeSyntax::kLenient);
  if (!t.ok()) return std::nullopt;
  return t->seconds();
}

std::string tags_json(const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (pairs.empty()) return {};
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : pairs) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

NativeRow::NativeRow(const SourceColumns& columns, const CsvRecord& rec, ParsedRow& out, ConformanceReport& findings)
    : columns_(columns), rec_(rec), out_(out), findings_(findings) {
  out_.reset();
  out_.state.fill(CellState::kAbsent);
  out_.field_count_mismatch = rec.fields.size() != columns.size();
  if (out_.field_count_mismatch) {
    findings_.add("row.field_count", "", Severity::kError, "the record's field count differs from the header's",
                  rec.line);
  }
}

std::string_view NativeRow::get(int field) const {
  if (field < 0 || static_cast<std::size_t>(field) >= rec_.fields.size()) return {};
  const std::string_view v = rec_.fields[static_cast<std::size_t>(field)];
  if (!rec_.quoted[static_cast<std::size_t>(field)] && (v == "NULL" || v == "null")) return {};
  return v;
}

std::optional<Money> NativeRow::decimal(int field) {
  const std::string_view v = get(field);
  if (v.empty()) return std::nullopt;
  auto m = Money::parse(v);
  if (!m.ok()) {
    unmappable("format.decimal", field);
    return std::nullopt;
  }
  if (m->rounded) {
    out_.rounded = true;
    if (__builtin_add_overflow(out_.residue_e36, m->residue_e36, &out_.residue_e36)) out_.residue_e36 = 0;
  }
  return m->value;
}

std::optional<std::int64_t> NativeRow::time(int field) {
  const std::string_view v = get(field);
  if (v.empty()) return std::nullopt;
  auto t = parse_native_time(v);
  if (!t) unmappable("format.datetime", field);
  return t;
}

void NativeRow::copy_text(Column c, int field) {
  const std::string_view v = get(field);
  if (v.empty()) return;
  if (!valid_utf8(v)) {
    std::string repaired;
    append_utf8_replacing(v, repaired);
    set_derived(c, repaired);
    mark(out_, c, CellState::kBadUtf8);
    findings_.add("format.utf8", columns_.name(static_cast<std::size_t>(field)), Severity::kError,
                  "text must be UTF-8; invalid sequences were replaced with U+FFFD", rec_.line);
    return;
  }
  set_text(c, v);
}

void NativeRow::set_text(Column c, std::string_view v) {
  if (v.empty()) return;
  out_.item.text[costdb::index_of(c)] = v;
  mark(out_, c, CellState::kValue);
}

void NativeRow::set_derived(Column c, std::string_view v) {
  if (v.empty()) return;
  out_.derive_text(c, v);
  mark(out_, c, CellState::kValue);
}

void NativeRow::set_money(Column c, Money m) {
  out_.item.set_money(c, m);
  mark(out_, c, CellState::kValue);
}

void NativeRow::set_time(Column c, std::int64_t seconds) {
  out_.item.seconds[costdb::index_of(c)] = seconds;
  mark(out_, c, CellState::kValue);
}

void NativeRow::unmappable(std::string_view rule, int field) {
  const std::string column = field >= 0 ? columns_.name(static_cast<std::size_t>(field)) : std::string();
  findings_.add(rule, column, Severity::kError,
                rule == "format.decimal" ? "the cell must be a decimal number" : "the cell must be a date/time",
                rec_.line);
  if (out_.unmapped_reason.empty()) out_.unmapped_reason = std::string(rule) + ":" + column;
}

void NativeRow::warn(std::string_view rule, std::string_view column, std::string_view message) {
  findings_.add(rule, column, Severity::kWarning, message, rec_.line);
}

void NativeRow::finish(std::string_view source_object, std::uint64_t row_number) {
  out_.point_derived();
  out_.item.text[costdb::index_of(Column::kSourceObject)] = source_object;
  out_.item.seconds[costdb::index_of(Column::kRowNumber)] = static_cast<std::int64_t>(row_number);
  const std::int64_t start = out_.item.get_seconds(Column::kChargePeriodStart);
  out_.item.seconds[costdb::index_of(Column::kChargeDay)] =
      start == costdb::kNullTime ? 0 : Timestamp::from_seconds(start).day_number();
  if (out_.item.get_seconds(Column::kBillingPeriodStart) == costdb::kNullTime && out_.unmapped_reason.empty()) {
    out_.unmapped_reason = "value.not_null:BillingPeriodStart";
    findings_.add("value.not_null", "BillingPeriodStart", Severity::kError, "the row has no billing period start",
                  rec_.line);
  }
}

}  // namespace fg::ingest::native
