// ChainVerifier: recomputes a chain entry by entry and reports the first broken link. Optionally
// checks the chain against signed checkpoints, which is what catches a truncated tail: the chain alone
// cannot tell that its last entries were removed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_event.hpp"
#include "audit/checkpoint.hpp"
#include "store/transaction.hpp"

namespace fg::audit {

struct ChainReport {
  std::int64_t count = 0;       //!< entries read
  std::string head_hash;        //!< hash of the last entry read
  std::int64_t broken_seq = 0;  //!< 0 when the chain is intact; else the first bad entry's position
  std::string reason;           //!< why it broke ("hash mismatch", "sequence gap", ...)
  bool ok() const { return broken_seq == 0; }
};

class ChainVerifier {
 public:
  //! Checkpoints the chain must agree with (seq and hash); each must be reached.
  explicit ChainVerifier(std::vector<Checkpoint> checkpoints = {}) : checkpoints_(std::move(checkpoints)) {}

  //! Feeds the next entry in stored order. After a break, later entries are ignored.
  void feed(const AuditRecord& r);
  //! The verdict after the last entry.
  ChainReport finish();

 private:
  void fail(std::int64_t position, std::string reason);
  std::vector<Checkpoint> checkpoints_;
  ChainReport report_;
};

//! Verifies tx's org chain (against `checkpoints` of that org, if any).
Result<ChainReport> verify_org_chain(store::OrgTransaction& tx, std::vector<Checkpoint> checkpoints = {});
//! Verifies the platform chain.
Result<ChainReport> verify_platform_chain(store::SystemTransaction& tx);

}  // namespace fg::audit
