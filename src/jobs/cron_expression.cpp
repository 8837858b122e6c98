#include "jobs/cron_expression.hpp"

#include <charconv>
#include <chrono>
#include <vector>

#include <date/tz.h>

namespace fg::jobs {
namespace {

constexpr const char* kFieldNames[5] = {"minute", "hour", "day of month", "month", "day of week"};

std::vector<std::string_view> split(std::string_view s, char sep, bool skip_empty) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    if (!part.empty() || !skip_empty) out.push_back(part);
    start = end + 1;
  }
  return out;
}

bool parse_number(std::string_view s, int& out) {
  if (s.empty() || s.size() > 2) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Sets the bits of one field; false on any syntax or range error.
bool parse_field(std::string_view field, int lo, int hi, std::vector<bool>& bits, bool& star) {
  star = field == "*";
  for (std::string_view item : split(field, ',', false)) {
    if (item.empty()) return false;
    int step = 1;
    const std::size_t slash = item.find('/');
    if (slash != std::string_view::npos) {
      if (!parse_number(item.substr(slash + 1), step) || step < 1) return false;
      item = item.substr(0, slash);
    }
    int a = lo;
    int b = hi;
    if (item != "*") {
      const std::size_t dash = item.find('-');
      if (dash == std::string_view::npos) {
        if (!parse_number(item, a)) return false;
        b = slash == std::string_view::npos ? a : hi;  // "5/15" means 5-max/15
      } else if (!parse_number(item.substr(0, dash), a) || !parse_number(item.substr(dash + 1), b)) {
        return false;
      }
    }
    if (a < lo || b > hi || a > b) return false;
    for (int v = a; v <= b; v += step) bits[static_cast<std::size_t>(v)] = true;
  }
  return true;
}

}  // namespace

Result<CronExpression> CronExpression::parse(std::string_view text) {
  std::vector<std::string_view> fields = split(text, ' ', true);
  if (fields.size() != 5) return invalid_argument_error("cron: must have 5 fields separated by spaces", "cron");
  const int lo[5] = {0, 0, 1, 1, 0};
  const int hi[5] = {59, 23, 31, 12, 7};
  CronExpression c;
  bool star = false;
  for (int f = 0; f < 5; ++f) {
    std::vector<bool> bits(static_cast<std::size_t>(hi[f] + 1), false);
    if (!parse_field(fields[f], lo[f], hi[f], bits, star)) {
      return invalid_argument_error(std::string("cron: invalid ") + kFieldNames[f] + " field", "cron");
    }
    for (std::size_t v = 0; v < bits.size(); ++v) {
      if (!bits[v]) continue;
      switch (f) {
        case 0: c.minutes_.set(v); break;
        case 1: c.hours_.set(v); break;
        case 2: c.days_.set(v); break;
        case 3: c.months_.set(v); break;
        default: c.weekdays_.set(v % 7); break;
      }
    }
    if (f == 2) c.days_star_ = star;
    if (f == 4) c.weekdays_star_ = star;
  }
  return c;
}

bool CronExpression::day_matches(unsigned day_of_month, unsigned weekday) const {
  const bool dom = days_.test(day_of_month);
  const bool dow = weekdays_.test(weekday);
  if (days_star_ || weekdays_star_) return dom && dow;  // '*' matches all, so this is the other field
  return dom || dow;
}

Status validate_time_zone(std::string_view time_zone) {
  try {
    (void)date::locate_zone(std::string(time_zone));
    return ok_status();
  } catch (...) {
    return invalid_argument_error("time_zone: unknown time zone", "time_zone");
  }
}

Result<Timestamp> CronExpression::next_after(Timestamp after, std::string_view time_zone) const {
  using namespace std::chrono;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(time_zone));
  } catch (...) {
    return invalid_argument_error("time_zone: unknown time zone", "time_zone");
  }
  const sys_seconds start{seconds(after.seconds())};
  // Walk local time forward, skipping whole months, days and hours that cannot match. The bound keeps
  // an impossible schedule (Feb 30) from looping: eight years covers every leap-day pattern.
  date::local_seconds lt = floor<minutes>(zone->to_local(start)) + minutes(1);
  const date::local_seconds limit = lt + date::days(366 * 8);
  while (lt < limit) {
    const date::local_days day = floor<date::days>(lt);
    const date::year_month_day ymd{day};
    if (!months_.test(static_cast<unsigned>(ymd.month()))) {
      lt = date::local_days{(ymd.year() / ymd.month() / 1) + date::months(1)};
      continue;
    }
    if (!day_matches(static_cast<unsigned>(ymd.day()), date::weekday{day}.c_encoding())) {
      lt = day + date::days(1);
      continue;
    }
    const date::hh_mm_ss<seconds> tod{lt - day};
    if (!hours_.test(static_cast<std::size_t>(tod.hours().count()))) {
      lt = day + tod.hours() + hours(1);
      continue;
    }
    if (!minutes_.test(static_cast<std::size_t>(tod.minutes().count()))) {
      lt += minutes(1);
      continue;
    }
    const date::local_info info = zone->get_info(lt);
    if (info.result == date::local_info::nonexistent) {
      lt += minutes(1);
      continue;
    }
    const sys_seconds fire = zone->to_sys(lt, date::choose::earliest);
    if (fire > start) return Timestamp::from_seconds(fire.time_since_epoch().count());
    lt += minutes(1);
  }
  return not_found_error("cron: the schedule never fires");
}

}  // namespace fg::jobs
