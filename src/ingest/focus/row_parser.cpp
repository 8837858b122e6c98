#include "ingest/focus/row_parser.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "core/utf8.hpp"
#include "ingest/focus/flat_json.hpp"

namespace fg::ingest {

using costdb::Column;
using costdb::ColumnKind;

namespace {
constexpr std::size_t kJsonCacheLimit = 1 << 16;

// FOCUS key-value format (billing-formats.md §2.5): an object whose values are scalars.
bool scalar_object(const nlohmann::json& j) {
  if (!j.is_object()) return false;
  for (const auto& [k, v] : j.items()) {
    if (v.is_object() || v.is_array()) return false;
  }
  return true;
}
std::string json_string(std::string_view v) {
  return nlohmann::json(std::string(v)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends `v` as a JSON string: printable ASCII without quotes or backslashes as it is, anything
// else through nlohmann's escaper (which also replaces invalid UTF-8).
void append_json_string(std::string& out, std::string_view v) {
  const bool plain = std::all_of(v.begin(), v.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
  });
  if (!plain) {
    out += json_string(v);
    return;
  }
  out += '"';
  out += v;
  out += '"';
}
}  // namespace

void ParsedRow::reset() {
  item.clear();
  rounded = false;
  residue_e36 = 0;
  tags.clear();
  extras.clear();
  repaired.clear();
  repairs.clear();
  unmapped_reason.clear();
}

void ParsedRow::derive_text(Column c, std::string_view text) {
  const std::size_t at = repaired.size();
  repaired += text;
  repairs.push_back({costdb::index_of(c), at, text.size()});
}

void ParsedRow::point_derived() {
  for (const Repair& r : repairs) item.text[r.column] = std::string_view(repaired).substr(r.offset, r.size);
}

bool ParsedRow::uninterpretable() const {
  if (field_count_mismatch || !unmapped_reason.empty()) return true;
  for (CellState s : state) {
    if (s == CellState::kBadDecimal || s == CellState::kBadTime) return true;
  }
  return item.get_seconds(Column::kBillingPeriodStart) == costdb::kNullTime;
}

RowParser::RowParser(const FocusHeader& header, std::string source_object)
    : header_(header), source_object_(std::move(source_object)), extra_keys_(header.slots.size()) {
  for (std::size_t f = 0; f < header.slots.size(); ++f) {
    if (header.slots[f].kind == HeaderSlot::Kind::kExtra) extra_keys_[f] = json_string(header.slots[f].name);
  }
}

void RowParser::parse_json(Column c, std::string_view raw, ParsedRow& out) {
  std::string& storage = c == Column::kTags ? out.tags : out.extras;
  auto it = json_cache_.find(raw);
  if (it == json_cache_.end()) {
    if (json_cache_.size() >= kJsonCacheLimit) json_cache_.clear();
    std::string canonical;
    if (!canonical_flat_object(raw, canonical)) {
      const nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
      canonical = scalar_object(j) ? j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "";
    }
    it = json_cache_.emplace(std::string(raw), std::move(canonical)).first;
  }
  if (it->second.empty()) {
    out.state[costdb::index_of(c)] = CellState::kBadJson;
    return;
  }
  if (c == Column::kTags) {
    storage = it->second;
    out.item.text[costdb::index_of(c)] = storage;
  } else {
    // SkuPriceDetails is rare and stays the file's text; only Tags is canonicalized for grouping.
    out.item.text[costdb::index_of(c)] = raw;
  }
  out.state[costdb::index_of(c)] = CellState::kValue;
}

void RowParser::parse_cell(Column c, std::string_view raw, bool quoted, ParsedRow& out) {
  const std::size_t i = costdb::index_of(c);
  if (raw.empty()) {
    out.state[i] = CellState::kNull;
    return;
  }
  if (!quoted && (raw == "NULL" || raw == "null")) {
    out.state[i] = CellState::kNullToken;
    return;
  }
  switch (costdb::kind_of(c)) {
    case ColumnKind::kString:
      if (!valid_utf8(raw)) {
        // Invalid bytes would make every JSON answer about this row fail; store the repair and say so.
        const std::size_t at = out.repaired.size();
        append_utf8_replacing(raw, out.repaired);
        out.repairs.push_back({i, at, out.repaired.size() - at});
        out.state[i] = CellState::kBadUtf8;
        return;
      }
      out.item.text[i] = raw;
      out.state[i] = CellState::kValue;
      return;
    case ColumnKind::kJson:
      if (!valid_utf8(raw)) {
        out.state[i] = CellState::kBadJson;  // JSON text is UTF-8 (RFC 8259 §8.1)
        return;
      }
      parse_json(c, raw, out);
      return;
    case ColumnKind::kDecimal: {
      auto m = Money::parse(raw);
      if (!m.ok()) {
        out.state[i] = CellState::kBadDecimal;
        return;
      }
      out.item.set_money(c, m->value);
      if (m->rounded) {
        out.rounded = true;
        if (__builtin_add_overflow(out.residue_e36, m->residue_e36, &out.residue_e36)) out.residue_e36 = 0;
      }
      // FOCUS numeric format forbids a '+' anywhere, even in an exponent (billing-formats.md §2.3).
      out.state[i] = raw.find('+') == std::string_view::npos ? CellState::kValue : CellState::kPlusSign;
      return;
    }
    case ColumnKind::kTime: {
      auto t = parse_timestamp(raw, TimeSyntax::kFocus);
      CellState st = CellState::kValue;
      if (!t.ok()) {
        t = parse_timestamp(raw, TimeSyntax::kLenient);
        st = CellState::kLenientTime;
      }
      if (!t.ok()) {
        out.state[i] = CellState::kBadTime;
        return;
      }
      out.item.seconds[i] = t->seconds();
      out.state[i] = st;
      return;
    }
    case ColumnKind::kInt: return;
  }
}

void RowParser::parse(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out) {
  out.reset();
  for (std::size_t c = 0; c < costdb::kFocusColumnCount; ++c) {
    out.state[c] = header_.present.test(c) ? CellState::kNull : CellState::kAbsent;
  }
  out.field_count_mismatch = rec.fields.size() != header_.slots.size();
  const std::size_t n = std::min(rec.fields.size(), header_.slots.size());
  for (std::size_t f = 0; f < n; ++f) {
    const HeaderSlot& slot = header_.slots[f];
    if (slot.kind == HeaderSlot::Kind::kFocus) {
      parse_cell(slot.column, rec.fields[f], rec.quoted[f], out);
    } else if (slot.kind == HeaderSlot::Kind::kExtra && !rec.fields[f].empty() &&
               !(!rec.quoted[f] && (rec.fields[f] == "NULL" || rec.fields[f] == "null"))) {
      out.extras += out.extras.empty() ? "{" : ",";
      out.extras += extra_keys_[f];
      out.extras += ':';
      append_json_string(out.extras, rec.fields[f]);
    }
  }
  out.point_derived();
  if (!out.extras.empty()) {
    out.extras += '}';
    out.item.text[costdb::index_of(Column::kXExtras)] = out.extras;
  }
  out.item.text[costdb::index_of(Column::kSourceObject)] = source_object_;
  out.item.seconds[costdb::index_of(Column::kRowNumber)] = static_cast<std::int64_t>(row_number);
  const std::int64_t start = out.item.get_seconds(Column::kChargePeriodStart);
  out.item.seconds[costdb::index_of(Column::kChargeDay)] =
      start == costdb::kNullTime ? 0 : Timestamp::from_seconds(start).day_number();
}

}  // namespace fg::ingest
