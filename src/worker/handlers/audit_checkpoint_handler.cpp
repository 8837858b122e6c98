#include "worker/handlers/audit_checkpoint_handler.hpp"

#include "audit/checkpoint.hpp"
#include "audit/checkpoint_key.hpp"

namespace fg::worker {

Status AuditCheckpointHandler::operator()(JobContext& ctx) const {
  FG_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> key, audit::load_or_create_checkpoint_key(data_dir_));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db().begin(ctx.scope()));
  FG_ASSIGN_OR_RETURN(audit::Checkpoint cp, audit::record_checkpoint(tx, audit_, key, clock_.now().micros));
  FG_TRY(tx.commit());
  // After the commit: a checkpoint on file always names an entry that exists. A failed write leaves
  // an audited checkpoint without its line; the retry makes a fresh one.
  return audit::append_checkpoint_line(audit::checkpoint_file_path(data_dir_, cp.org_id), cp);
}

}  // namespace fg::worker
