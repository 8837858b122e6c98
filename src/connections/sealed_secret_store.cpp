#include "connections/sealed_secret_store.hpp"

namespace fg::connections {
namespace {

// The columns not_sealed_to reads, in this order.
constexpr const char* kSelectNotSealedTo =
    "SELECT id, key_id, blob, purpose, version FROM sealed_secrets WHERE org_id = $1 AND key_id <> $2 "
    "AND CAST(id AS TEXT) > $3 ORDER BY CAST(id AS TEXT) LIMIT $4";
enum Col : std::size_t { kId, kKeyId, kBlob, kPurpose, kVersion };

}  // namespace

Status SealedSecretStore::insert(store::OrgTransaction& tx, const NewSealedSecret& secret, Timestamp now) {
  Result<std::int64_t> n = tx.exec(
      "INSERT INTO sealed_secrets (id, org_id, key_id, blob, purpose, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
      {secret.id, tx.org_id(), secret.key_id, store::Bytes{secret.blob}, secret.purpose,
       static_cast<std::int64_t>(secret.version), now.micros});
  return n.status();
}

Result<std::vector<SealedSecret>> SealedSecretStore::not_sealed_to(store::OrgTransaction& tx, std::string_view key_id,
                                                                   std::string_view after_id, int limit) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query(kSelectNotSealedTo, {tx.org_id(), std::string(key_id),
                                                                      std::string(after_id), std::int64_t{limit}}));
  std::vector<SealedSecret> out;
  out.reserve(rs.size());
  for (std::size_t r = 0; r < rs.size(); ++r) {
    Result<Uuid> id = Uuid::parse(rs.text(r, kId));
    if (!id.ok()) return internal_error("sealed_secrets: malformed secret id");
    const std::int64_t version = rs.int64(r, kVersion);
    if (version < 0 || version > UINT32_MAX) return internal_error("sealed_secrets: version out of range");
    out.push_back(
        {*id, rs.text(r, kKeyId), rs.text(r, kBlob), rs.text(r, kPurpose), static_cast<std::uint32_t>(version)});
  }
  return out;
}

Result<bool> SealedSecretStore::reseal(store::OrgTransaction& tx, const Uuid& id, std::string_view from_key,
                                       std::string_view to_key, const std::string& blob, Timestamp now) {
  FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE sealed_secrets SET blob = $1, key_id = $2, updated_at = $3 "
                                              "WHERE id = $4 AND org_id = $5 AND key_id = $6",
                                              {store::Bytes{blob}, std::string(to_key), now.micros, id, tx.org_id(),
                                               std::string(from_key)}));
  return n == 1;
}

}  // namespace fg::connections
