#include "worker/handlers/key_rewrap_handler.hpp"

#include "connections/sealed_secret_store.hpp"
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
    FG_ASSIGN_OR_RETURN(std::vector<connections::SealedSecret> batch,
                        connections::SealedSecretStore::not_sealed_to(tx, active, p.after_id, kBatchSize));
    if (batch.empty()) {
      const audit::AuditEvent event{
          .action = audit::AuditAction::kKeysRotated,
          .result = p.failed == 0 ? audit::AuditResult::kSuccess : audit::AuditResult::kFailed,
          .target_type = "key",
          .target_id = active,
          .context = {{"rewrapped", p.rewrapped}, {"failed", p.failed}, {"job_id", ctx.job().id.to_string()}}};
      FG_TRY(audit_.append(tx, event));
      FG_TRY(tx.commit());
      if (p.failed > 0) return internal_error("keys.rewrap: some secrets could not be re-wrapped");
      return ok_status();
    }
    const Timestamp now = clock_.now();
    for (const connections::SealedSecret& secret : batch) {
      p.after_id = secret.id.to_string();
      const crypto::SecretContext context{ctx.scope().org_id(), secret.id, secret.version};
      Result<crypto::Bytes> resealed = vault_->reseal(
          context, std::span(reinterpret_cast<const std::uint8_t*>(secret.blob.data()), secret.blob.size()));
      if (!resealed.ok()) {
        ++p.failed;
        log::warn("keys.rewrap: secret does not open; left as is",
                  {{"secret_id", p.after_id}, {"error", std::string(status_code_name(resealed.status().code()))}});
        continue;
      }
      FG_ASSIGN_OR_RETURN(bool replaced,
                          connections::SealedSecretStore::reseal(tx, secret.id, secret.key_id, active,
                                                                 std::string(resealed->begin(), resealed->end()), now));
      p.rewrapped += replaced ? 1 : 0;
    }
    FG_TRY(tx.commit());
  }
}

}  // namespace fg::worker
