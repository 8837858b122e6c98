// The audit checkpoint job (kind audit.checkpoint, daily per org by default): records audit.checkpoint
// in the org's chain, signs the chain's head with the checkpoint key, and appends the signed line to
// DATA_DIR/audit/checkpoints/<org>.jsonl, from where it is shipped off the machine. A later
// `finguard audit verify --checkpoint FILE` then detects a history rewritten or cut short even by
// someone who could edit the whole database.
//
// Idempotent in effect: a second run makes one more checkpoint, which is harmless.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "worker/handler_table.hpp"

namespace fg::worker {

class AuditCheckpointHandler {
 public:
  AuditCheckpointHandler(std::string data_dir, const audit::AuditLog& audit,
                         const Clock& clock = SystemClock::instance())
      : data_dir_(std::move(data_dir)), audit_(audit), clock_(clock) {}

  Status operator()(JobContext& ctx) const;

 private:
  std::string data_dir_;
  const audit::AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace fg::worker
