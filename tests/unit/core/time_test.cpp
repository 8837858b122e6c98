#include "core/time.hpp"

#include <gtest/gtest.h>

namespace fg {
namespace {

std::int64_t secs(std::string_view s, TimeSyntax syntax) {
  Result<Timestamp> t = parse_timestamp(s, syntax);
  EXPECT_TRUE(t.ok()) << s;
  return t.ok() ? t->seconds() : -1;
}

TEST(TimeTest, ParsesFocusForm) {
  EXPECT_EQ(secs("1970-01-01T00:00:00Z", TimeSyntax::kFocus), 0);
  EXPECT_EQ(secs("2024-01-01T00:00:00Z", TimeSyntax::kFocus), 1704067200);
  EXPECT_EQ(secs("2024-02-29T23:59:59Z", TimeSyntax::kFocus), 1709251199);
}

TEST(TimeTest, FocusFormIsStrict) {
  for (const char* bad : {"2024-01-01T00:00:00", "2024-01-01 00:00:00", "2024-01-01T00:00:00+00:00",
                          "2024-01-01T00:00:00.5Z", "2024-01-01", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00z"}) {
    EXPECT_FALSE(parse_timestamp(bad, TimeSyntax::kFocus).ok()) << bad;
  }
}

TEST(TimeTest, ParsesOffsetsAndFractions) {
  EXPECT_EQ(secs("2024-01-01T02:00:00+02:00", TimeSyntax::kIso8601), 1704067200);
  EXPECT_EQ(secs("2023-12-31T19:00:00-05:00", TimeSyntax::kIso8601), 1704067200);
  Result<Timestamp> f = parse_timestamp("2024-01-01T00:00:00.25Z", TimeSyntax::kIso8601);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->micros, 1704067200LL * 1000000 + 250000);
  EXPECT_EQ(secs("2024-01-01", TimeSyntax::kIso8601), 1704067200);
}

TEST(TimeTest, LenientReadsSpaceFormAsUtc) {
  EXPECT_FALSE(parse_timestamp("2024-09-18 22:00:00", TimeSyntax::kIso8601).ok());
  EXPECT_EQ(secs("2024-09-18 22:00:00", TimeSyntax::kLenient), secs("2024-09-18T22:00:00Z", TimeSyntax::kFocus));
}

TEST(TimeTest, RejectsImpossibleDates) {
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z",
                          "2024-00-10T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
                          "2024-01-01T00:00:60Z", "1969-12-31T23:59:59Z", "", "garbage", "2024-01-01T00:00:00Zjunk",
                          "2024-01-01T00:00:00+25:00"}) {
    Result<Timestamp> t = parse_timestamp(bad, TimeSyntax::kLenient);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok() && bad[0] != 0) {
      EXPECT_EQ(t.status().message().find(bad), std::string::npos) << "echoed input";
    }
  }
}

TEST(TimeTest, FormatsRoundTrip) {
  for (const char* s : {"2024-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2038-01-19T03:14:08Z", "2100-03-01T12:00:00Z"}) {
    EXPECT_EQ(format_timestamp(*parse_timestamp(s, TimeSyntax::kFocus)), s);
  }
  EXPECT_EQ(format_timestamp(*parse_timestamp("2024-01-01T00:00:00.000123Z", TimeSyntax::kIso8601)),
            "2024-01-01T00:00:00.000123Z");
  EXPECT_EQ(format_date(*parse_timestamp("2024-07-04T23:00:00Z", TimeSyntax::kFocus)), "2024-07-04");
}

TEST(TimeTest, CivilConversionsAgreeOverFourCenturies) {
  for (std::int64_t d = -1000; d < 146097; d += 7) {
    const CivilDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
}

TEST(TimeTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(Timestamp::from_seconds(100));
  EXPECT_EQ(clock.now().seconds(), 100);
  clock.advance_seconds(30);
  EXPECT_EQ(clock.now().seconds(), 130);
  EXPECT_EQ(Timestamp::from_seconds(86400 * 3 + 5).day_number(), 3);
}

}  // namespace
}  // namespace fg
