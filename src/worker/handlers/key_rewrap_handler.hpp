// The key re-wrap job (kind keys.rewrap, one job per org after `finguard keys rotate`): reseals every
// secret of the org that is not sealed to the active worker key, so that old keys can be retired.
//
// Resumable: it works in batches, each committed on its own, and picks rows by "key_id is not the
// active key", so a re-run (after a crash, a lease loss or a shutdown) continues where the last one
// stopped and never re-wraps twice. A row is updated only if it still holds the blob that was read
// (fenced on key_id), so a concurrent credential change wins. On completion it audits keys.rotated in
// the org's chain (counts only). The plaintext exists only inside Vault::reseal, in locked memory.
#pragma once

#include <memory>

#include "audit/audit_log.hpp"
#include "vault/vault.hpp"
#include "worker/handler_table.hpp"

namespace fg::worker {

class KeyRewrapHandler {
 public:
  static constexpr int kBatchSize = 50;

  KeyRewrapHandler(std::shared_ptr<const vault::Vault> vault, const audit::AuditLog& audit,
                   const Clock& clock = SystemClock::instance())
      : vault_(std::move(vault)), audit_(audit), clock_(clock) {}

  //! Runs the job. A secret that does not open (tampered, or its key is gone) is skipped and counted;
  //! the job then fails (transient, so it retries the rest) and the audit entry says how many.
  Status operator()(JobContext& ctx) const;

 private:
  std::shared_ptr<const vault::Vault> vault_;
  const audit::AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace fg::worker
