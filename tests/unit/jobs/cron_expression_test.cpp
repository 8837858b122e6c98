#include "jobs/cron_expression.hpp"

#include <gtest/gtest.h>

namespace fg::jobs {
namespace {

Timestamp at(const char* iso) {
  return *parse_timestamp(iso, TimeSyntax::kIso8601);
}

std::string next(const char* cron, const char* after, const char* zone = "UTC") {
  Result<CronExpression> c = CronExpression::parse(cron);
  EXPECT_TRUE(c.ok()) << cron;
  Result<Timestamp> t = c->next_after(at(after), zone);
  EXPECT_TRUE(t.ok()) << t.status().to_string();
  return t.ok() ? format_timestamp(*t) : "";
}

TEST(CronExpressionTest, EveryMinuteIsTheNextWholeMinute) {
  EXPECT_EQ(next("* * * * *", "2024-03-01T10:15:30Z"), "2024-03-01T10:16:00Z");
  EXPECT_EQ(next("* * * * *", "2024-03-01T10:15:00Z"), "2024-03-01T10:16:00Z");  // strictly after
}

TEST(CronExpressionTest, StepsRangesAndLists) {
  EXPECT_EQ(next("*/15 * * * *", "2024-03-01T10:16:00Z"), "2024-03-01T10:30:00Z");
  EXPECT_EQ(next("0 9-17/4 * * *", "2024-03-01T13:00:00Z"), "2024-03-01T17:00:00Z");
  EXPECT_EQ(next("5,40 3 * * *", "2024-03-01T03:06:00Z"), "2024-03-01T03:40:00Z");
  EXPECT_EQ(next("0 0 1 * *", "2024-12-15T00:00:00Z"), "2025-01-01T00:00:00Z");
  EXPECT_EQ(next("0 0 29 2 *", "2025-01-01T00:00:00Z"), "2028-02-29T00:00:00Z");
}

TEST(CronExpressionTest, DayOfWeekAndTheVixieOrRule) {
  // 2024-03-01 is a Friday. Monday 09:00:
  EXPECT_EQ(next("0 9 * * 1", "2024-03-01T00:00:00Z"), "2024-03-04T09:00:00Z");
  EXPECT_EQ(next("0 9 * * 7", "2024-03-01T00:00:00Z"), "2024-03-03T09:00:00Z");  // 7 = Sunday
  // Both day fields restricted: the 15th OR a Monday, whichever comes first.
  EXPECT_EQ(next("0 0 15 * 1", "2024-03-05T00:00:00Z"), "2024-03-11T00:00:00Z");
}

TEST(CronExpressionTest, RunsInTheOrgsTimeZoneAcrossDaylightSaving) {
  // 09:00 in Paris is 08:00Z in winter and 07:00Z in summer (DST began 2024-03-31).
  EXPECT_EQ(next("0 9 * * *", "2024-03-29T12:00:00Z", "Europe/Paris"), "2024-03-30T08:00:00Z");
  EXPECT_EQ(next("0 9 * * *", "2024-03-30T12:00:00Z", "Europe/Paris"), "2024-03-31T07:00:00Z");
  // 02:30 does not exist in Paris on 2024-03-31: that day is skipped.
  EXPECT_EQ(next("30 2 * * *", "2024-03-30T12:00:00Z", "Europe/Paris"), "2024-04-01T00:30:00Z");
  // 02:30 happens twice on 2024-10-27: it fires once, at the first.
  EXPECT_EQ(next("30 2 * * *", "2024-10-26T12:00:00Z", "Europe/Paris"), "2024-10-27T00:30:00Z");
  EXPECT_EQ(next("30 2 * * *", "2024-10-27T00:30:00Z", "Europe/Paris"), "2024-10-28T01:30:00Z");
}

TEST(CronExpressionTest, RefusesMalformedExpressions) {
  for (const char* bad : {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
                          "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "1,,2 * * * *", "@daily"}) {
    Result<CronExpression> c = CronExpression::parse(bad);
    EXPECT_FALSE(c.ok()) << bad;
    if (!c.ok()) {
      EXPECT_EQ(c.status().field(), "cron");
    }
  }
}

TEST(CronExpressionTest, UnknownZoneAndImpossibleDates) {
  Result<CronExpression> c = CronExpression::parse("0 0 30 2 *");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->next_after(at("2024-01-01T00:00:00Z"), "UTC").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(c->next_after(at("2024-01-01T00:00:00Z"), "Mars/Olympus").status().field(), "time_zone");
  EXPECT_TRUE(validate_time_zone("America/New_York").ok());
  EXPECT_FALSE(validate_time_zone("../etc/passwd").ok());
}

}  // namespace
}  // namespace fg::jobs
