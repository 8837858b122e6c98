// `finguard admin schedule list|add|remove --org ORG`: the operator's way to an org's schedules, with
// the API's validation and audit entries (plus operator.command naming the OS user).
#include <algorithm>

#include "audit/audit_reader.hpp"
#include "integration/jobs/worker_fixture.hpp"

namespace fg::jobs {
namespace {

class AdminScheduleTest : public WorkerProcessTest {
 protected:
  testing::ProcessResult admin(std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::finguard_binary(), "admin", "schedule"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_process(argv, worker_env());
  }

  std::vector<std::string> audited(const OrgId& org) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    Result<audit::AuditPage> page = audit::list_events(*tx, {});
    std::vector<std::string> out;
    for (const audit::AuditRecord& r : page->records) out.push_back(r.action + " " + r.actor_kind);
    return out;
  }
};

TEST_P(AdminScheduleTest, AddsListsAndRemovesWithAudit) {
  const OrgId org = new_org("ops");
  testing::ProcessResult add = admin({"add", "--org", "ops", "--name", "nightly", "--kind", "test.count", "--cron",
                                      "0 2 * * *", "--time-zone", "Europe/Paris"});
  ASSERT_EQ(add.exit_code, 0) << add.output;
  testing::ProcessResult list = admin({"list", "--org", "ops"});
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("nightly"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("Europe/Paris"), std::string::npos) << list.output;
  testing::ProcessResult remove = admin({"remove", "--org", "ops", "--name", "nightly"});
  EXPECT_EQ(remove.exit_code, 0) << remove.output;
  EXPECT_NE(admin({"remove", "--org", "ops", "--name", "nightly"}).exit_code, 0);
  EXPECT_EQ(admin({"list", "--org", "ops"}).output.find("nightly"), std::string::npos);
  const std::vector<std::string> events = audited(org);
  EXPECT_EQ(std::count(events.begin(), events.end(), "schedule.created operator"), 1);
  EXPECT_EQ(std::count(events.begin(), events.end(), "schedule.deleted operator"), 1);
  EXPECT_GE(std::count(events.begin(), events.end(), "operator.command operator"), 3);
}

TEST_P(AdminScheduleTest, RefusesWhatTheApiRefuses) {
  new_org("ops");
  testing::ProcessResult bad_cron =
      admin({"add", "--org", "ops", "--name", "x", "--kind", "test.count", "--cron", "* * *"});
  EXPECT_EQ(bad_cron.exit_code, 78) << bad_cron.output;
  EXPECT_NE(bad_cron.output.find("(cron)"), std::string::npos) << bad_cron.output;
  testing::ProcessResult rewrap =
      admin({"add", "--org", "ops", "--name", "x", "--kind", "keys.rewrap", "--cron", "* * * * *"});
  EXPECT_EQ(rewrap.exit_code, 78) << rewrap.output;
  EXPECT_NE(rewrap.output.find("(kind)"), std::string::npos) << rewrap.output;
  EXPECT_NE(admin({"list", "--org", "no-such-org"}).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminScheduleTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
