// The sealed_secrets table through its owner, on both backends: paging by key, the fenced reseal, and
// another org's secrets out of reach.
#include "connections/sealed_secret_store.hpp"

#include <set>

#include "support/store_fixture.hpp"

namespace fg::connections {
namespace {

using SealedSecretStoreTest = store::StoreTest;

constexpr Timestamp kNow = Timestamp::from_seconds(1'750'000'000);

void add(store::Database& db, const OrgScope& scope, const Uuid& id, const std::string& key, const std::string& blob) {
  Result<store::OrgTransaction> tx = db.begin(scope);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(SealedSecretStore::insert(*tx, {id, key, blob, "connection:test", 1}, kNow).ok());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(SealedSecretStoreTest, ListsTheSecretsNotSealedToAKeyInPagesOfItsOrgOnly) {
  const OrgId a = create_org("acme");
  const OrgId b = create_org("beta");
  std::set<std::string> old_ids;
  for (int i = 0; i < 5; ++i) {
    const Uuid id = Uuid::random();
    add(*db_, scope_for(a), id, "key-old", "sealed-" + std::to_string(i));
    old_ids.insert(id.to_string());
  }
  add(*db_, scope_for(a), Uuid::random(), "key-new", "already-new");
  add(*db_, scope_for(b), Uuid::random(), "key-old", "beta-secret");

  Result<store::OrgTransaction> tx = db_->begin(scope_for(a), store::TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  std::set<std::string> seen;
  std::string after;
  for (int page = 0; page < 4; ++page) {
    Result<std::vector<SealedSecret>> batch = SealedSecretStore::not_sealed_to(*tx, "key-new", after, 2);
    ASSERT_TRUE(batch.ok()) << batch.status().to_string();
    if (batch->empty()) break;
    EXPECT_LE(batch->size(), 2u);
    for (const SealedSecret& s : *batch) {
      EXPECT_EQ(s.key_id, "key-old");
      EXPECT_EQ(s.purpose, "connection:test");
      EXPECT_EQ(s.version, 1u);
      EXPECT_NE(s.blob, "beta-secret") << "another org's secret";
      EXPECT_TRUE(seen.insert(s.id.to_string()).second) << "listed twice";
      EXPECT_GT(s.id.to_string(), after) << "pages follow the id order";
      after = s.id.to_string();
    }
  }
  EXPECT_EQ(seen, old_ids);
}

TEST_P(SealedSecretStoreTest, ResealReplacesOnlyWhileTheSecretIsStillSealedToTheOldKey) {
  const OrgId a = create_org("acme");
  const Uuid id = Uuid::random();
  add(*db_, scope_for(a), id, "key-old", "v1");
  {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(a));
    Result<bool> first = SealedSecretStore::reseal(*tx, id, "key-old", "key-new", "v2", kNow);
    ASSERT_TRUE(first.ok()) << first.status().to_string();
    EXPECT_TRUE(*first);
    // A second re-wrap read the old key: the row moved on, so it changes nothing.
    Result<bool> stale = SealedSecretStore::reseal(*tx, id, "key-old", "key-other", "v3", kNow);
    ASSERT_TRUE(stale.ok());
    EXPECT_FALSE(*stale);
    ASSERT_TRUE(tx->commit().ok());
  }
  Result<store::OrgTransaction> tx = db_->begin(scope_for(a), store::TxMode::kRead);
  Result<std::vector<SealedSecret>> left = SealedSecretStore::not_sealed_to(*tx, "key-new", "", 10);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  Result<std::vector<SealedSecret>> under_new = SealedSecretStore::not_sealed_to(*tx, "key-elsewhere", "", 10);
  ASSERT_TRUE(under_new.ok());
  ASSERT_EQ(under_new->size(), 1u);
  EXPECT_EQ((*under_new)[0].blob, "v2");
  EXPECT_EQ((*under_new)[0].key_id, "key-new");
}

TEST_P(SealedSecretStoreTest, AnotherOrgsSecretCannotBeResealedOrListed) {
  const OrgId a = create_org("acme");
  const OrgId b = create_org("beta");
  const Uuid id = Uuid::random();
  add(*db_, scope_for(b), id, "key-old", "beta-secret");
  Result<store::OrgTransaction> tx = db_->begin(scope_for(a));
  Result<bool> r = SealedSecretStore::reseal(*tx, id, "key-old", "key-new", "planted", kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
  Result<std::vector<SealedSecret>> listed = SealedSecretStore::not_sealed_to(*tx, "key-new", "", 10);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  ASSERT_TRUE(tx->commit().ok());
  Result<store::OrgTransaction> beta = db_->begin(scope_for(b), store::TxMode::kRead);
  Result<std::vector<SealedSecret>> theirs = SealedSecretStore::not_sealed_to(*beta, "key-new", "", 10);
  ASSERT_TRUE(theirs.ok());
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ((*theirs)[0].blob, "beta-secret");
}

TEST_P(SealedSecretStoreTest, ADuplicateIdIsAConflict) {
  const OrgId a = create_org("acme");
  const Uuid id = Uuid::random();
  add(*db_, scope_for(a), id, "key-old", "v1");
  Result<store::OrgTransaction> tx = db_->begin(scope_for(a));
  Status dup = SealedSecretStore::insert(*tx, {id, "key-old", "v2", "connection:test", 1}, kNow);
  EXPECT_EQ(dup.code(), StatusCode::kConflict) << dup.to_string();
}

INSTANTIATE_TEST_SUITE_P(Backends, SealedSecretStoreTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::connections
