#include "jobs/scheduler.hpp"

#include <gtest/gtest.h>

#include "audit/audit_reader.hpp"
#include "jobs/schedule_store.hpp"
#include "unit/jobs/jobs_fixture.hpp"

namespace fg::jobs {
namespace {

class SchedulerTest : public JobsTest {
 protected:
  std::unique_ptr<Scheduler> scheduler(const std::string& holder) {
    return std::make_unique<Scheduler>(
        *db_, audit_, clock_, holder, [this](const OrgId& org) { return worker(org); }, std::chrono::seconds(30));
  }
  Result<Schedule> create(const OrgId& org, const ScheduleSpec& spec) {
    return ScheduleStore(*db_, audit_, {.allow_test_kinds = true}, clock_).create(scope_for(org), spec);
  }
  std::size_t audited(const OrgId& org, const char* action) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    Result<audit::AuditPage> page = audit::list_events(*tx, {.action = std::string(action)});
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->records.size() : 0;
  }
};

TEST_P(SchedulerTest, OnlyOneOfThreeHoldsTheLeaseAndEachPeriodFiresOnce) {
  clock_.set(*parse_timestamp("2024-03-01T10:00:30Z", TimeSyntax::kFocus));
  ASSERT_TRUE(create(org_, {"hourly", "test.count", "h", "0 * * * *", "UTC"}).ok());
  ASSERT_TRUE(create(other_, {"every-15", "test.count", "q", "*/15 * * * *", "Europe/Paris"}).ok());
  auto s1 = scheduler("w1");
  auto s2 = scheduler("w2");
  auto s3 = scheduler("w3");
  EXPECT_TRUE(*s1->hold_lease());
  EXPECT_FALSE(*s2->hold_lease());
  EXPECT_FALSE(*s3->hold_lease());
  // Two simulated hours, a tick of each scheduler every simulated minute.
  int fired = 0;
  for (int minute = 0; minute < 120; ++minute) {
    clock_.advance_seconds(60);
    for (auto* s : {s1.get(), s2.get(), s3.get()}) {
      Result<int> n = s->tick();
      ASSERT_TRUE(n.ok()) << n.status().to_string();
      if (s != s1.get()) {
        EXPECT_EQ(*n, 0);
      }
      fired += *n;
    }
  }
  EXPECT_EQ(fired, 2 + 8);  // 11:00 and 12:00; 8 quarter hours
  EXPECT_EQ(queue_->list(scope_for(org_), {})->size(), 2u);
  EXPECT_EQ(queue_->list(scope_for(other_), {})->size(), 8u);
  EXPECT_EQ(audited(org_, "schedule.ran"), 2u);
  EXPECT_EQ(audited(other_, "schedule.ran"), 8u);
}

TEST_P(SchedulerTest, AnotherTakesOverWhenTheHolderDies) {
  clock_.set(*parse_timestamp("2024-03-01T10:00:30Z", TimeSyntax::kFocus));
  ASSERT_TRUE(create(org_, {"minutely", "test.count", "m", "* * * * *", "UTC"}).ok());
  auto s1 = scheduler("w1");
  auto s2 = scheduler("w2");
  clock_.advance_seconds(60);
  EXPECT_EQ(*s1->tick(), 1);
  EXPECT_EQ(*s2->tick(), 0);
  // s1 dies (stops ticking). Within the 30 s lease nobody fires; right after it, s2 does.
  clock_.advance_seconds(20);
  EXPECT_EQ(*s2->tick(), 0);
  clock_.advance_seconds(15);
  EXPECT_TRUE(*s2->hold_lease());
  clock_.advance_seconds(30);
  EXPECT_EQ(*s2->tick(), 1);
  // The old holder coming back cannot take the lease, nor fire the period again.
  EXPECT_FALSE(*s1->hold_lease());
  EXPECT_EQ(*s1->fire_due(), 0);
}

TEST_P(SchedulerTest, ReleasedLeaseIsTakenAtOnce) {
  auto s1 = scheduler("w1");
  auto s2 = scheduler("w2");
  EXPECT_TRUE(*s1->hold_lease());
  EXPECT_FALSE(*s2->hold_lease());
  ASSERT_TRUE(s1->release_lease().ok());
  EXPECT_TRUE(*s2->hold_lease());
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::jobs
