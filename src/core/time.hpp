// Timestamp: a UTC instant in microseconds since the Unix epoch, and its ISO-8601 text forms.
//
// GCC 12 has no std::chrono::parse or time-zone database (CORRECTIONS.md), so parsing is done here
// with fixed offsets; zones (schedules) use howardhinnant date/tz.h where they are needed.
//
//   Result<Timestamp> t = parse_timestamp("2024-01-01T00:00:00Z", TimeSyntax::kFocus);
//   format_timestamp(*t) == "2024-01-01T00:00:00Z"
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg {

struct Timestamp {
  std::int64_t micros = 0;  //!< since 1970-01-01T00:00:00Z

  static constexpr Timestamp from_seconds(std::int64_t s) { return Timestamp{s * 1000000}; }
  constexpr std::int64_t seconds() const { return micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000); }
  //! Days since the epoch (floor), the day-grain group-by key.
  constexpr std::int64_t day_number() const {
    const std::int64_t s = seconds();
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;
};

//! Which text forms a parser accepts.
enum class TimeSyntax {
  kFocus,    //!< exactly YYYY-MM-DDTHH:MM:SSZ (FOCUS date/time format)
  kIso8601,  //!< FOCUS form plus fractional seconds, +HH:MM/-HH:MM offsets, or a bare YYYY-MM-DD
  kLenient,  //!< kIso8601 plus "YYYY-MM-DD HH:MM:SS" read as UTC (seen in real exports)
};

//! Parses `text`. Returns invalid_argument for anything else, including impossible dates
//! (2024-02-30) and years outside 1970..9999; the message never echoes the input.
Result<Timestamp> parse_timestamp(std::string_view text, TimeSyntax syntax);

//! "2024-01-01T00:00:00Z", with ".ffffff" when the instant has sub-second micros.
std::string format_timestamp(Timestamp t);
//! "2024-01-01".
std::string format_date(Timestamp t);

//! Days since the epoch of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
CivilDate civil_from_days(std::int64_t days);

//! The source of "now". Tests inject a ManualClock (session expiry, schedules, leases).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

//! The real UTC clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
  //! A process-wide instance.
  static const SystemClock& instance();
};

//! A clock that moves only when told. Thread-compatible (tests drive it from one thread).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_; }
  void advance_seconds(std::int64_t s) { now_.micros += s * 1000000; }
  void set(Timestamp t) { now_ = t; }

 private:
  Timestamp now_;
};

}  // namespace fg
