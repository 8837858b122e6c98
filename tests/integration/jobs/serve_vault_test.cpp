// Who touches the vault (CORRECTIONS.md): `finguard serve` without --with-worker never loads the worker
// private key. It serves normally with the key file gone, keeps no key file open or mapped, and leaves a
// job that needs the vault queued. With --with-worker it runs that job, and refuses to start (fail
// closed) when the key is missing.
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "crypto/public_keyring.hpp"
#include "integration/jobs/worker_fixture.hpp"
#include "raw_client.hpp"
#include "support/test_env.hpp"

namespace fg::jobs {
namespace {

bool status_is(std::uint16_t port, const std::string& path, int status) {
  std::optional<api::test::RawResponse> r = api::test::http_get(port, path);
  return r && r->status == status;
}

//! Every file a live process has open or mapped, as paths.
std::string open_and_mapped_files(pid_t pid) {
  std::string all;
  const std::string proc = "/proc/" + std::to_string(pid);
  std::error_code ec;
  for (const auto& fd : std::filesystem::directory_iterator(proc + "/fd", ec)) {
    all += std::filesystem::read_symlink(fd.path(), ec).string() + "\n";
  }
  std::ifstream maps(proc + "/maps");
  all.append(std::istreambuf_iterator<char>(maps), std::istreambuf_iterator<char>());
  return all;
}

class ServeVaultTest : public WorkerProcessTest {
 protected:
  void SetUp() override {
    WorkerProcessTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    keys_dir_ = crypto::keys_dir_for(data_dir_);
    testing::ProcessResult init = testing::run_process({testing::finguard_binary(), "keys", "init"}, worker_env());
    ASSERT_EQ(init.exit_code, 0) << init.output;
    Result<crypto::PublicKey> key = crypto::load_active_public_key(keys_dir_);
    ASSERT_TRUE(key.ok()) << key.status().to_string();
    key_id_ = key->id().to_string();
    private_key_ = crypto::private_key_path(keys_dir_, key->id());
    ASSERT_TRUE(std::filesystem::exists(private_key_));
    org_ = new_org("vaulted");
    rewrap_job_ = enqueue(org_, kKeyRewrapKind, key_id_);
  }

  void remove_private_key() {
    std::filesystem::rename(private_key_, data_dir_ + "/private-key-moved-away");
    ASSERT_FALSE(std::filesystem::exists(private_key_));
  }

  std::unique_ptr<testing::BackgroundProcess> serve(std::uint16_t port, bool with_worker) {
    std::vector<std::string> argv = {testing::finguard_binary(), "serve", "--listen",
                                     "127.0.0.1:" + std::to_string(port)};
    if (with_worker) argv.push_back("--with-worker");
    return std::make_unique<testing::BackgroundProcess>(argv, worker_env());
  }

  std::string keys_dir_, key_id_, private_key_;
  OrgId org_;
  Uuid rewrap_job_;
};

TEST_P(ServeVaultTest, ServeWithoutWorkerServesWithTheKeyGoneAndLeavesVaultJobsQueued) {
  remove_private_key();
  const std::uint16_t port = testing::free_loopback_port();
  auto proc = serve(port, false);
  ASSERT_TRUE(eventually([&] { return status_is(port, "/healthz", 200); }, std::chrono::seconds(30))) << proc->output();
  EXPECT_TRUE(status_is(port, "/readyz", 200)) << proc->output();
  EXPECT_TRUE(status_is(port, "/api/v1/jobs", 401));
  // Time for a worker to claim the job, had serve run one.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const Job j = job(org_, rewrap_job_);
  EXPECT_EQ(j.status, JobStatus::kQueued);
  EXPECT_EQ(j.attempts, 0);
  const std::string files = open_and_mapped_files(proc->pid());
  EXPECT_EQ(files.find(keys_dir_ + "/worker-"), std::string::npos) << files;
  EXPECT_EQ(files.find("master.key"), std::string::npos) << files;
  proc->signal(SIGTERM);
  testing::ProcessResult r = proc->wait();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("vault"), std::string::npos) << r.output;  // never tried to load it
  EXPECT_EQ(r.output.find("worker started"), std::string::npos) << r.output;
}

TEST_P(ServeVaultTest, WithWorkerAndTheKeyGoneRefusesToStart) {
  remove_private_key();
  const std::uint16_t port = testing::free_loopback_port();
  testing::ProcessResult r = testing::run_process(
      {testing::finguard_binary(), "serve", "--with-worker", "--listen", "127.0.0.1:" + std::to_string(port)},
      worker_env());
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("private key"), std::string::npos) << r.output;
  EXPECT_FALSE(status_is(port, "/healthz", 200));
  EXPECT_EQ(job(org_, rewrap_job_).status, JobStatus::kQueued);
}

TEST_P(ServeVaultTest, WithWorkerAndTheKeyPresentRunsTheVaultJob) {
  const std::uint16_t port = testing::free_loopback_port();
  auto proc = serve(port, true);
  ASSERT_TRUE(eventually([&] { return status_is(port, "/healthz", 200); }, std::chrono::seconds(30))) << proc->output();
  EXPECT_TRUE(
      eventually([&] { return job(org_, rewrap_job_).status == JobStatus::kSucceeded; }, std::chrono::seconds(60)))
      << proc->output();
  proc->signal(SIGTERM);
  EXPECT_EQ(proc->wait().exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeVaultTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
