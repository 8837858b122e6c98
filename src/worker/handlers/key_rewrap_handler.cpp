#include "worker/handlers/key_rewrap_handler.hpp"

#include "core/log.hpp"
#include "crypto/sealed_secret.hpp"

namespace fg::worker {
namespace {

struct Progress {
  std::int64_t rewrapped = 0;
  std::int64_t failed = 0;
  std::string after_id;  // keyset cursor: rows that failed stay behind it
};

}  // namespace

Status KeyRewrapHandler::operator()(JobContext& ctx) const {
  const std::string active = vault_->active_public_key().id().to_string();
  Progress p;
  for (;;) {
    if (ctx.stop_requested()) return ctx.interrupted();  // every committed batch stays done
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db().begin(ctx.scope()));
    FG_ASSIGN_OR_RETURN(store::RowSet rs,
                        tx.query("SELECT id, key_id, blob, version FROM sealed_secrets WHERE org_id = $1 AND "
                                 "key_id <> $2 AND CAST(id AS TEXT) > $3 ORDER BY CAST(id AS TEXT) LIMIT $4",
                                 {ctx.scope().org_id(), active, p.after_id, kBatchSize}));
    if (rs.empty()) {
      audit::AuditEvent event;
      event.action = audit::AuditAction::kKeysRotated;
      event.result = p.failed == 0 ? audit::AuditResult::kSuccess : audit::AuditResult::kFailed;
      event.target_type = "key";
      event.target_id = active;
      event.context = {{"rewrapped", p.rewrapped}, {"failed", p.failed}, {"job_id", ctx.job().id.to_string()}};
      FG_TRY(audit_.append(tx, event));
      FG_TRY(tx.commit());
      if (p.failed > 0) return internal_error("keys.rewrap: some secrets could not be re-wrapped");
      return ok_status();
    }
    const std::int64_t now = clock_.now().micros;
    for (std::size_t r = 0; r < rs.size(); ++r) {
      const std::string& id_text = rs.text(r, 0);
      p.after_id = id_text;
      Result<Uuid> id = Uuid::parse(id_text);
      if (!id.ok()) return internal_error("keys.rewrap: malformed secret id");
      const crypto::SecretContext context{ctx.scope().org_id(), *id, static_cast<std::uint32_t>(rs.int64(r, 3))};
      const std::string& blob = rs.text(r, 2);
      Result<crypto::Bytes> resealed =
          vault_->reseal(context, std::span(reinterpret_cast<const std::uint8_t*>(blob.data()), blob.size()));
      if (!resealed.ok()) {
        ++p.failed;
        log::warn("keys.rewrap: secret does not open; left as is",
                  {{"secret_id", id_text}, {"error", std::string(status_code_name(resealed.status().code()))}});
        continue;
      }
      FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE sealed_secrets SET blob = $1, key_id = $2, updated_at = $3 "
                                                  "WHERE id = $4 AND org_id = $5 AND key_id = $6",
                                                  {store::Bytes{std::string(resealed->begin(), resealed->end())},
                                                   active, now, *id, ctx.scope().org_id(), rs.text(r, 1)}));
      p.rewrapped += n;
    }
    FG_TRY(tx.commit());
  }
}

}  // namespace fg::worker
