#include "core/time.hpp"

#include <chrono>

#include <fmt/format.h>

namespace fg {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

Status bad() { return invalid_argument_error("not a valid UTC timestamp (want YYYY-MM-DDTHH:MM:SSZ)"); }

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), m, d};
}

Result<Timestamp> parse_timestamp(std::string_view s, TimeSyntax syntax) {
  int year, month, day;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
      !digits(s, 8, 2, day)) {
    return bad();
  }
  if (year < 1970 || month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month)) {
    return bad();
  }
  std::int64_t micros = days_from_civil(year, month, day) * 86400LL * 1000000LL;
  if (s.size() == 10) {
    if (syntax == TimeSyntax::kFocus) return bad();
    return Timestamp{micros};
  }
  const bool space_form = s[10] == ' ';
  if (s[10] != 'T' && !(space_form && syntax == TimeSyntax::kLenient)) return bad();
  int hh, mm, ss;
  if (!digits(s, 11, 2, hh) || s.size() < 19 || s[13] != ':' || !digits(s, 14, 2, mm) || s[16] != ':' ||
      !digits(s, 17, 2, ss)) {
    return bad();
  }
  // Leap seconds (ss == 60) are not representable in FOCUS data and are refused.
  if (hh > 23 || mm > 59 || ss > 59) return bad();
  micros += (hh * 3600LL + mm * 60LL + ss) * 1000000LL;
  std::size_t pos = 19;
  if (space_form) {
    // "2024-09-18 22:00:00" carries no zone; real exports that use it mean UTC.
    if (pos == s.size()) return Timestamp{micros};
    return bad();
  }
  if (syntax != TimeSyntax::kFocus && pos < s.size() && s[pos] == '.') {
    ++pos;
    std::int64_t frac = 0;
    int n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 6) {
        frac = frac * 10 + (s[pos] - '0');
        ++n;
      }
      ++pos;
    }
    if (n == 0) return bad();
    for (int k = n; k < 6; ++k) frac *= 10;
    micros += frac;
  }
  if (pos < s.size() && s[pos] == 'Z') {
    return pos + 1 == s.size() ? Result<Timestamp>(Timestamp{micros}) : Result<Timestamp>(bad());
  }
  if (syntax == TimeSyntax::kFocus) return bad();
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const bool minus = s[pos] == '-';
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 6 != s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return bad();
    }
    const std::int64_t offset = (oh * 3600LL + om * 60LL) * 1000000LL;
    return Timestamp{minus ? micros + offset : micros - offset};
  }
  return bad();
}

std::string format_timestamp(Timestamp t) {
  const std::int64_t s = t.seconds();
  const std::int64_t days = t.day_number();
  const std::int64_t sod = s - days * 86400;
  const CivilDate c = civil_from_days(days);
  const std::int64_t sub = t.micros - s * 1000000;
  if (sub != 0) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", c.year, c.month, c.day, sod / 3600,
                       sod / 60 % 60, sod % 60, sub);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, sod / 3600, sod / 60 % 60,
                     sod % 60);
}

std::string format_date(Timestamp t) {
  const CivilDate c = civil_from_days(t.day_number());
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

Timestamp SystemClock::now() const {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since).count()};
}

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace fg
