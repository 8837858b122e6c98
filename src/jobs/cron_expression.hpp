// CronExpression: a standard 5-field cron schedule (minute hour day-of-month month day-of-week),
// evaluated in an IANA time zone with howardhinnant date/tz.h over the system tzdata (GCC 12 has no
// std::chrono time-zone database).
//
// Each field takes `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, and comma lists of those.
// Months are 1-12, days of the week 0-7 (0 and 7 are Sunday). As in Vixie cron, when both day fields
// are restricted a day matches if either does. Names (JAN, MON) and the @-macros are not accepted.
//
// Daylight saving: a local time skipped by a spring-forward gap does not fire that day; a local time
// that occurs twice in a fall-back fires once, at its first occurrence.
#pragma once

#include <bitset>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace fg::jobs {

class CronExpression {
 public:
  //! invalid_argument (field "cron") for anything but five valid fields; the message names the field.
  static Result<CronExpression> parse(std::string_view text);

  //! The first whole minute strictly after `after` at which the schedule fires in `time_zone`.
  //! invalid_argument (field "time_zone") for an unknown zone; not_found when nothing matches within
  //! eight years (e.g. "0 0 30 2 *").
  Result<Timestamp> next_after(Timestamp after, std::string_view time_zone) const;

 private:
  bool day_matches(unsigned day_of_month, unsigned weekday) const;

  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1..31
  std::bitset<13> months_;   // 1..12
  std::bitset<8> weekdays_;  // 0..6 (7 folded into 0)
  bool days_star_ = false;
  bool weekdays_star_ = false;
};

//! OK for a zone the tz database knows ("UTC", "Europe/Paris"); invalid_argument otherwise.
Status validate_time_zone(std::string_view time_zone);

}  // namespace fg::jobs
