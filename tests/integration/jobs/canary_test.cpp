// The key re-wrap job end to end, with a planted canary: a credential sealed to the old worker key is
// re-sealed to the new one by a `finguard worker` process after `finguard keys rotate`, audited
// keys.rotated, and the canary never reaches the jobs table, the worker's log or the jobs API's JSON.
#include <signal.h>

#include "api/routes/jobs/job_routes.hpp"
#include "audit/audit_reader.hpp"
#include "crypto/public_keyring.hpp"
#include "crypto/sealed_secret.hpp"
#include "integration/jobs/worker_fixture.hpp"
#include "vault/vault.hpp"

namespace fg::jobs {
namespace {

constexpr std::string_view kCanary = "CANARY-aws-secret-9f1c2e7b4d";

class RewrapTest : public WorkerProcessTest {};

TEST_P(RewrapTest, RotatedKeyRewrapsSecretsAndTheCanaryStaysSealed) {
  const std::string keys_dir = crypto::keys_dir_for(data_dir_);
  testing::ProcessResult init = testing::run_process({testing::finguard_binary(), "keys", "init"}, worker_env());
  ASSERT_EQ(init.exit_code, 0) << init.output;
  Result<crypto::PublicKey> old_key = crypto::load_active_public_key(keys_dir);
  ASSERT_TRUE(old_key.ok()) << old_key.status().to_string();

  const OrgId a = new_org("alpha");
  const Uuid secret_id = Uuid::random();
  const crypto::SecretContext context{a, secret_id, 1};
  Result<crypto::Bytes> sealed = crypto::seal_secret(*old_key, context, crypto::as_bytes(kCanary));
  ASSERT_TRUE(sealed.ok());
  {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(a));
    ASSERT_TRUE(
        tx->exec("INSERT INTO sealed_secrets (id, org_id, key_id, blob, purpose, version, created_at, "
                 "updated_at) VALUES ($1, $2, $3, $4, 'aws', 1, 1, 1)",
                 {secret_id, a, old_key->id().to_string(), store::Bytes{std::string(sealed->begin(), sealed->end())}})
            .ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  testing::ProcessResult rotate = testing::run_process({testing::finguard_binary(), "keys", "rotate"}, worker_env());
  ASSERT_EQ(rotate.exit_code, 0) << rotate.output;
  Result<crypto::PublicKey> new_key = crypto::load_active_public_key(keys_dir);
  ASSERT_TRUE(new_key.ok());
  ASSERT_NE(new_key->id().to_string(), old_key->id().to_string());

  // keys rotate enqueued the re-wrap job of every org with secrets under an older key.
  EXPECT_NE(rotate.output.find("re-wrap jobs enqueued: 1"), std::string::npos) << rotate.output;
  Uuid job_id;
  {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(a), store::TxMode::kRead);
    Result<store::RowSet> rs = tx->query("SELECT id FROM jobs WHERE kind = $1", {std::string(kKeyRewrapKind.name)});
    ASSERT_TRUE(rs.ok() && rs->size() == 1);
    job_id = *Uuid::parse(rs->text(0, 0));
  }
  auto w = start_worker();
  ASSERT_TRUE(eventually([&] { return job(a, job_id).status == JobStatus::kSucceeded; }, std::chrono::seconds(30)))
      << w->output();
  w->signal(SIGTERM);
  testing::ProcessResult out = w->wait();
  EXPECT_EQ(out.exit_code, 0);

  // Re-sealed to the new key, and it still opens to the same credential in the same context.
  Result<store::OrgTransaction> tx = db_->begin(scope_for(a), store::TxMode::kRead);
  Result<store::RowSet> row = tx->query("SELECT key_id, blob FROM sealed_secrets WHERE id = $1", {secret_id});
  ASSERT_TRUE(row.ok() && row->size() == 1);
  EXPECT_EQ(row->text(0, 0), new_key->id().to_string());
  Result<vault::Vault> v = vault::Vault::load(keys_dir, vault::MasterKeySource{std::nullopt, keys_dir + "/master.key"});
  ASSERT_TRUE(v.ok()) << v.status().to_string();
  const std::string& blob = row->text(0, 1);
  Result<crypto::SecretBuffer> opened =
      v->open_secret(context, std::span(reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(opened->data()), opened->size()), kCanary);

  // Audited in the org's chain, counts only.
  Result<audit::AuditPage> page = audit::list_events(*tx, {.action = std::string("keys.rotated")});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_NE(page->records[0].context.find("\"rewrapped\":1"), std::string::npos);

  // The canary is nowhere: not in any column of the jobs table, the worker's log or the API's JSON.
  Result<store::RowSet> jobs_rows = tx->query("SELECT * FROM jobs", {});
  ASSERT_TRUE(jobs_rows.ok());
  for (std::size_t r = 0; r < jobs_rows->size(); ++r) {
    for (std::size_t c = 0; c < jobs_rows->columns().size(); ++c) {
      EXPECT_EQ(jobs_rows->text(r, c).find(kCanary), std::string::npos);
    }
  }
  EXPECT_EQ(out.output.find(kCanary), std::string::npos);
  EXPECT_NE(out.output.find("job finished"), std::string::npos);
  Result<std::vector<Job>> listed = queue_->list(scope_for(a), {});
  ASSERT_TRUE(listed.ok());
  for (const Job& j : *listed) EXPECT_EQ(api::job_json(j).dump().find(kCanary), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, RewrapTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::jobs
