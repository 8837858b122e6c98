// Crash safety: a delivery process is SIGKILLed at random points; the store must always open and show
// either the previous or the new contents of the replaced partitions, never a mix or a partial set.
// The child is a fork of this test (not the finguard binary), so it runs the same Delivery code path
// without needing an org in the metadata store.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "costdb/cost_store.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "test_rows.hpp"

namespace fg::costdb {
namespace {

constexpr int kRows = 6000;  // per period; two periods per delivery

StoreOptions small_segments() {
  StoreOptions o;
  o.max_segment_rows = 1000;  // many segment files, many fsyncs: many points to die at
  return o;
}

// Version v writes kRows rows of BilledCost v into September and October.
int deliver_version(const std::string& dir, const OrgScope& scope, int v) {
  auto store = CostStore::open(dir, small_segments());
  if (!store.ok()) return 1;
  auto d = (*store)->begin_delivery(scope, "feed");
  if (!d.ok()) return 1;
  test::RowBuilder b;
  const std::string billed = std::to_string(v);
  for (const char* period : {"2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z"}) {
    for (int i = 0; i < kRows; ++i) {
      if (!(*d)->append(b.row(period, period, "EC2", billed.c_str())).ok()) return 1;
    }
  }
  return (*d)->commit().ok() ? 0 : 1;
}

TEST(CrashSafety, KilledDeliveriesLeaveOldOrNewNeverAMix) {
  const std::string dir = fg::testing::make_temp_dir("costdb-crash");
  const OrgScope scope = fg::testing::ScopeForTest::org(*OrgId::parse("33333333-3333-4333-8333-333333333333"));
  ASSERT_EQ(deliver_version(dir, scope, 1), 0);
  // A second source that no delivery touches must survive every crash unchanged.
  {
    auto store = *CostStore::open(dir);
    auto d = *store->begin_delivery(scope, "other");
    test::RowBuilder b;
    ASSERT_TRUE(d->append(b.row("2024-09-01T00:00:00Z", "2024-09-01T00:00:00Z", "S3", "0.5")).ok());
    ASSERT_TRUE(d->commit().ok());
  }
  std::mt19937 rng(12345);
  int committed = 1, killed_mid = 0;
  auto started = std::chrono::steady_clock::now();
  (void)started;
  for (int iter = 0; iter < 12; ++iter) {
    const int next = committed + 1;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) _exit(deliver_version(dir, scope, next));
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 120000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    const bool finished = WIFEXITED(status);
    if (finished) {
      ASSERT_EQ(WEXITSTATUS(status), 0);
    }

    auto store = CostStore::open(dir);
    ASSERT_TRUE(store.ok());
    Query q;
    q.group_by = {Dimension::of(Column::kServiceName), Dimension::month()};
    auto r = (*store)->query(scope, q);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->rows.size(), 3u);
    int seen = -1;
    for (const ResultRow& row : r->rows) {
      if (row.keys[0] == "S3") {
        EXPECT_EQ(row.sums.billed_cost.to_string(), "0.5");
        continue;
      }
      ASSERT_EQ(row.sums.count, static_cast<std::uint64_t>(kRows)) << "partial period after a crash";
      const Money per_row = Money::from_scaled(row.sums.billed_cost.scaled() / kRows);
      ASSERT_EQ(Money::from_units(kRows).scaled() / Money::kOne * per_row.scaled(), row.sums.billed_cost.scaled());
      const int v = static_cast<int>(per_row.scaled() / Money::kOne);
      ASSERT_TRUE(v == committed || v == next) << "unexpected version " << v;
      if (seen == -1) seen = v;
      ASSERT_EQ(v, seen) << "September and October of one delivery must switch together";
    }
    if (finished) {
      ASSERT_EQ(seen, next);
    }
    if (!finished && seen == committed) ++killed_mid;
    committed = seen;
  }
  // With random kill times most runs die before their commit; at least one must have, or the test
  // never exercised a crash.
  EXPECT_GT(killed_mid, 0);
  // Garbage from killed deliveries is collected by the next successful commit.
  ASSERT_EQ(deliver_version(dir, scope, committed + 1), 0);
  auto store = *CostStore::open(dir);
  std::size_t referenced = 0, on_disk = 0;
  const std::vector<Partition> parts = *store->partitions(scope);
  for (const Partition& p : parts) referenced += p.segments.size();
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) on_disk += e.path().extension() == ".seg";
  EXPECT_EQ(on_disk, referenced);
}

}  // namespace
}  // namespace fg::costdb
