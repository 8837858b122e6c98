// The scheduler across `finguard worker` processes: 3 on PostgreSQL (2 on SQLite) compete for the one
// scheduler lease; a per-minute schedule fires once per period; kill -9 of the lease holder (read from
// the scheduler_leases row) hands the lease to another worker within the lease time, and the schedule
// keeps firing once per period. The workers' scheduler clock runs 20x fast (--test-clock-scale), so a
// cron minute lasts 3 real seconds.
#include <signal.h>

#include <algorithm>
#include <set>

#include "audit/audit_reader.hpp"
#include "core/scaled_clock.hpp"
#include "integration/jobs/worker_fixture.hpp"
#include "jobs/schedule_store.hpp"

namespace fg::jobs {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr int kScale = 20;  // a cron minute lasts 3 s
constexpr std::int64_t kPeriodMicros = 60'000'000;
constexpr int kLeaseMs = 2000;  // real time; the takeover bound
constexpr int kTickMs = 100;

class SchedulerTakeoverTest : public WorkerProcessTest {
 protected:
  std::unique_ptr<testing::BackgroundProcess> start_scheduler_worker(const std::string& id) {
    std::vector<std::string> argv = {testing::finguard_binary(),
                                     "worker",
                                     "--poll-ms",
                                     "50",
                                     "--worker-id",
                                     id,
                                     "--scheduler-lease-ms",
                                     std::to_string(kLeaseMs),
                                     "--scheduler-tick-ms",
                                     std::to_string(kTickMs),
                                     "--test-clock-scale",
                                     std::to_string(kScale),
                                     "--test-clock-start",
                                     std::to_string(start_.seconds())};
    return std::make_unique<testing::BackgroundProcess>(argv, worker_env());
  }

  std::string holder() {
    Result<store::SystemTransaction> tx = db_->begin_system(store::TxMode::kRead);
    if (!tx.ok()) return "";
    Result<store::RowSet> rs = tx->query("SELECT holder FROM scheduler_leases WHERE name = 'scheduler'", {});
    return rs.ok() && !rs->empty() ? rs->text(0, 0) : "";
  }

  //! The periods (scaled micros) the schedule fired, from the per-period unique keys of its jobs.
  std::vector<std::int64_t> fired_periods(const OrgId& org) {
    std::vector<std::int64_t> out;
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    if (!tx.ok()) return out;
    Result<store::RowSet> rs = tx->query("SELECT unique_key FROM jobs WHERE org_id = $1", {org});
    for (std::size_t r = 0; rs.ok() && r < rs->size(); ++r) {
      const std::string& key = rs->text(r, 0);  // "schedule:<id>:<period micros>"
      out.push_back(std::stoll(key.substr(key.rfind(':') + 1)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  //! The actor ids of the schedule.ran entries, one per fire.
  std::vector<std::string> ran_by(const OrgId& org) {
    std::vector<std::string> out;
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    Result<audit::AuditPage> page = audit::list_events(*tx, {.action = std::string("schedule.ran"), .limit = 500});
    for (const audit::AuditRecord& r : page->records) out.push_back(r.actor_id);
    return out;
  }

  Timestamp start_ = SystemClock::instance().now();
};

TEST_P(SchedulerTakeoverTest, OneFirePerPeriodAndTakeoverWithinTheLease) {
  const int workers = GetParam() == store::Dialect::kPostgres ? 3 : 2;
  const OrgId org = new_org("sched");
  const ScaledClock clock(start_, kScale);
  audit::AuditLog audit(clock);
  Result<Schedule> s = ScheduleStore(*db_, audit, {.allow_test_kinds = true}, clock)
                           .create(scope_for(org), {"every-minute", "test.count", "tick", "* * * * *", "UTC"});
  ASSERT_TRUE(s.ok()) << s.status().to_string();

  std::map<std::string, std::unique_ptr<testing::BackgroundProcess>> procs;
  for (int i = 1; i <= workers; ++i) procs["w" + std::to_string(i)] = start_scheduler_worker("w" + std::to_string(i));

  ASSERT_TRUE(eventually([&] { return fired_periods(org).size() >= 4; }, std::chrono::seconds(40)))
      << procs.begin()->second->output();
  const std::string first = holder();
  ASSERT_TRUE(procs.count(first)) << "holder '" << first << "'";

  // kill -9 the holder: it cannot release the lease, so the others wait for it to run out.
  procs[first]->signal(SIGKILL);
  procs[first]->wait();
  const steady_clock::time_point killed = steady_clock::now();
  const std::size_t before_kill = fired_periods(org).size();
  std::string second;
  ASSERT_TRUE(eventually(
      [&] {
        second = holder();
        return !second.empty() && second != first;
      },
      milliseconds(kLeaseMs + 8000)));
  const auto takeover = std::chrono::duration_cast<milliseconds>(steady_clock::now() - killed);
  std::printf("scheduler takeover after kill -9: %lld ms (lease %d ms)\n", static_cast<long long>(takeover.count()),
              kLeaseMs);
  EXPECT_LE(takeover.count(), kLeaseMs + 3 * kTickMs + 1500);  // lease + a few ticks + polling slack

  ASSERT_TRUE(eventually([&] { return fired_periods(org).size() >= before_kill + 4; }, std::chrono::seconds(40)));
  for (auto& [id, p] : procs) {
    if (id != first) p->signal(SIGTERM);
  }
  for (auto& [id, p] : procs) {
    if (id != first) {
      EXPECT_EQ(p->wait().exit_code, 0) << id;
    }
  }

  const std::vector<std::int64_t> periods = fired_periods(org);
  const std::vector<std::string> actors = ran_by(org);
  // Once per period: no period twice, one audited schedule.ran per job.
  EXPECT_EQ(std::set<std::int64_t>(periods.begin(), periods.end()).size(), periods.size());
  EXPECT_EQ(actors.size(), periods.size());
  // Every period fired except those that passed while the dead holder's lease ran out.
  int gaps = 0;
  for (std::size_t i = 1; i < periods.size(); ++i) {
    const std::int64_t step = periods[i] - periods[i - 1];
    EXPECT_EQ(step % kPeriodMicros, 0) << i;
    if (step > kPeriodMicros) {
      ++gaps;
      // The lease (2 s = 40 scaled seconds) plus a tick lets at most two periods pass unfired.
      EXPECT_LE(step, 3 * kPeriodMicros) << i;
    }
  }
  EXPECT_LE(gaps, 1);
  // Both the first holder and its successor fired, each as itself.
  const std::set<std::string> who(actors.begin(), actors.end());
  EXPECT_TRUE(who.count("worker:" + first)) << ::testing::PrintToString(who);
  EXPECT_TRUE(who.count("worker:" + second)) << ::testing::PrintToString(who);
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerTakeoverTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
