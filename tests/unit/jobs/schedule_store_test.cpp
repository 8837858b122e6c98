#include "jobs/schedule_store.hpp"

#include <gtest/gtest.h>

#include "audit/audit_reader.hpp"
#include "unit/jobs/jobs_fixture.hpp"

namespace fg::jobs {
namespace {

class ScheduleStoreTest : public JobsTest {
 protected:
  void SetUp() override {
    JobsTest::SetUp();
    clock_.set(*parse_timestamp("2024-03-01T10:00:30Z", TimeSyntax::kFocus));
  }

  ScheduleStore store(bool allow_test_kinds = true) {
    return ScheduleStore(*db_, audit_, {.allow_test_kinds = allow_test_kinds}, clock_);
  }

  std::string field_of(const ScheduleSpec& spec, bool allow_test_kinds = true) {
    Result<Schedule> s = store(allow_test_kinds).create(admin(org_), spec);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << s.status().to_string();
    return s.ok() ? "" : s.status().field();
  }

  std::vector<std::string> actions(const OrgId& org) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    Result<audit::AuditPage> page = audit::list_events(*tx, {});
    EXPECT_TRUE(page.ok());
    std::vector<std::string> out;
    for (const audit::AuditRecord& r : page->records) out.push_back(r.action);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_P(ScheduleStoreTest, CreatesListsAndAuditsInTheOrg) {
  Result<Schedule> s =
      store().create(admin(org_), {"hourly", "test.count", "h", "0 * * * *", "Europe/Paris"}, {"req-1", "10.0.0.1"});
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_TRUE(s->enabled);
  EXPECT_EQ(format_timestamp(s->next_run_at), "2024-03-01T11:00:00Z");  // Paris is UTC+1 in March: 12:00 local
  Result<std::vector<Schedule>> mine = store().list(admin(org_));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].name, "hourly");
  EXPECT_EQ((*mine)[0].time_zone, "Europe/Paris");
  EXPECT_TRUE(store().list(admin(other_))->empty());
  EXPECT_EQ(actions(org_), std::vector<std::string>{"schedule.created"});
}

TEST_P(ScheduleStoreTest, RefusesBadSpecsNamingTheField) {
  EXPECT_EQ(field_of({"", "test.count", "", "* * * * *", "UTC"}), "name");
  EXPECT_EQ(field_of({std::string(101, 'n'), "test.count", "", "* * * * *", "UTC"}), "name");
  EXPECT_EQ(field_of({"tab\tname", "test.count", "", "* * * * *", "UTC"}), "name");
  EXPECT_EQ(field_of({"x", "nope", "", "* * * * *", "UTC"}), "kind");
  EXPECT_EQ(field_of({"x", "keys.rewrap", "", "* * * * *", "UTC"}), "kind");  // operators start re-wraps
  EXPECT_EQ(field_of({"x", "ingest.upload", "", "* * * * *", "UTC"}), "kind");
  EXPECT_EQ(field_of({"x", "test.count", "", "* * * * *", "UTC"}, false), "kind");  // test kinds off
  EXPECT_EQ(field_of({"x", "test.count", std::string(257, 'r'), "* * * * *", "UTC"}), "ref_id");
  EXPECT_EQ(field_of({"x", "test.count", "", "* * *", "UTC"}), "cron");
  EXPECT_EQ(field_of({"x", "test.count", "", "* * * * * *", "UTC"}), "cron");
  EXPECT_EQ(field_of({"x", "test.count", "", "61 * * * *", "UTC"}), "cron");
  EXPECT_EQ(field_of({"x", "test.count", "", "0 0 30 2 *", "UTC"}), "cron");  // never fires
  EXPECT_EQ(field_of({"x", "test.count", "", "* * * * *", "Nowhere/X"}), "time_zone");
  EXPECT_EQ(field_of({"x", "test.count", "", "* * * * *", ""}), "time_zone");
  EXPECT_TRUE(actions(org_).empty());
}

// Issue 20: a minimum interval per kind (create and update) and a per-org cap, each a 400 naming the field.
TEST_P(ScheduleStoreTest, RefusesSchedulesMoreFrequentThanTheKindAllows) {
  EXPECT_EQ(field_of({"x", "audit.checkpoint", "", "*/30 * * * *", "UTC"}), "cron");  // hourly at most
  EXPECT_EQ(field_of({"x", "audit.checkpoint", "", "0,1 9 * * *", "UTC"}), "cron");   // two runs a minute apart
  EXPECT_EQ(field_of({"x", "uploads.cleanup", "", "* * * * *", "UTC"}), "cron");      // 5 minutes at most
  EXPECT_TRUE(store().create(admin(org_), {"weekly", "uploads.cleanup", "", "0 9 * * 1,2", "UTC"}).ok());
  EXPECT_TRUE(store().create(admin(org_), {"hourly", "audit.checkpoint", "", "0 * * * *", "UTC"}).ok());
  Result<Schedule> five = store().create(admin(org_), {"five", "uploads.cleanup", "", "*/5 * * * *", "UTC"});
  ASSERT_TRUE(five.ok()) << five.status().to_string();
  Result<Schedule> faster = store().update(admin(org_), five->id, {.cron = std::string("*/2 * * * *")});
  ASSERT_FALSE(faster.ok());
  EXPECT_EQ(faster.status().field(), "cron");
  EXPECT_EQ(store().get(admin(org_), five->id)->cron, "*/5 * * * *");
}

TEST_P(ScheduleStoreTest, CapsTheSchedulesOfAnOrg) {
  ScheduleStore capped(*db_, audit_, {.allow_test_kinds = true, .max_per_org = 3}, clock_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(capped.create(admin(org_), {"s" + std::to_string(i), "test.count", "", "0 * * * *", "UTC"}).ok());
  }
  Result<Schedule> over = capped.create(admin(org_), {"s3", "test.count", "", "0 * * * *", "UTC"});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(over.status().field(), "schedules");
  EXPECT_TRUE(capped.create(admin(other_), {"s0", "test.count", "", "0 * * * *", "UTC"}).ok());  // per org
}

TEST_P(ScheduleStoreTest, DuplicateNameIsAConflictInTheOrgOnly) {
  ASSERT_TRUE(store().create(admin(org_), {"x", "test.count", "", "* * * * *", "UTC"}).ok());
  EXPECT_EQ(store().create(admin(org_), {"x", "test.count", "", "* * * * *", "UTC"}).status().code(),
            StatusCode::kConflict);
  EXPECT_TRUE(store().create(admin(other_), {"x", "test.count", "", "* * * * *", "UTC"}).ok());
}

TEST_P(ScheduleStoreTest, UpdateRecomputesTheNextRunAndDisables) {
  Result<Schedule> s = store().create(admin(org_), {"daily", "test.count", "", "0 6 * * *", "UTC"});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(format_timestamp(s->next_run_at), "2024-03-02T06:00:00Z");
  Result<Schedule> moved = store().update(admin(org_), s->id, {std::nullopt, "30 12 * * *", "America/New_York"});
  ASSERT_TRUE(moved.ok()) << moved.status().to_string();
  EXPECT_EQ(format_timestamp(moved->next_run_at), "2024-03-01T17:30:00Z");
  Result<Schedule> off = store().update(admin(org_), s->id, {false, std::nullopt, std::nullopt});
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->enabled);
  EXPECT_FALSE(store().get(admin(org_), s->id)->enabled);
  EXPECT_EQ(store().update(admin(org_), s->id, {}).status().field(), "enabled");
  EXPECT_EQ(store().update(admin(org_), s->id, {std::nullopt, "bad", std::nullopt}).status().field(), "cron");
  EXPECT_EQ(actions(org_), (std::vector<std::string>{"schedule.created", "schedule.updated", "schedule.updated"}));
}

TEST_P(ScheduleStoreTest, AnotherOrgsScheduleIsNotFoundLikeAMissingOne) {
  Result<Schedule> theirs = store().create(admin(other_), {"x", "test.count", "", "* * * * *", "UTC"});
  ASSERT_TRUE(theirs.ok());
  for (const Uuid& id : {theirs->id, Uuid::random()}) {
    EXPECT_EQ(store().get(admin(org_), id).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(store().update(admin(org_), id, {false, std::nullopt, std::nullopt}).status().code(),
              StatusCode::kNotFound);
    EXPECT_EQ(store().remove(admin(org_), id).code(), StatusCode::kNotFound);
  }
  EXPECT_TRUE(store().get(admin(other_), theirs->id)->enabled);
}

TEST_P(ScheduleStoreTest, RemoveDeletesAndAudits) {
  Result<Schedule> s = store().create(admin(org_), {"x", "test.count", "", "* * * * *", "UTC"});
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(store().remove(admin(org_), s->id).ok());
  EXPECT_EQ(store().get(admin(org_), s->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(actions(org_), (std::vector<std::string>{"schedule.created", "schedule.deleted"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScheduleStoreTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
