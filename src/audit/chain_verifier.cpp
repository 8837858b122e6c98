#include "audit/chain_verifier.hpp"

#include "audit/audit_reader.hpp"

namespace fg::audit {

void ChainVerifier::fail(std::int64_t position, std::string reason) {
  if (report_.broken_seq != 0) return;
  report_.broken_seq = position;
  report_.reason = std::move(reason);
}

void ChainVerifier::feed(const AuditRecord& r) {
  if (report_.broken_seq != 0) return;
  const std::int64_t expected_seq = report_.count + 1;
  const std::string expected_prev = report_.count == 0 ? std::string(kGenesisHash) : report_.head_hash;
  ++report_.count;
  // Order matters for a useful message: a deleted entry shows as a gap, a reordered one as a seq or
  // link mismatch, an edited one as a hash mismatch.
  if (r.seq != expected_seq) {
    fail(expected_seq,
         "sequence gap or reorder: expected seq " + std::to_string(expected_seq) + ", found " + std::to_string(r.seq));
  } else if (r.prev_hash != expected_prev) {
    fail(r.seq, "broken link: prev_hash does not match the previous entry's hash");
  } else if (compute_hash(r) != r.hash) {
    fail(r.seq, "hash mismatch: the entry was modified");
  }
  for (const Checkpoint& cp : checkpoints_) {
    if (cp.seq == r.seq && cp.hash != r.hash) fail(r.seq, "differs from a signed checkpoint");
  }
  report_.head_hash = r.hash;
}

ChainReport ChainVerifier::finish() {
  for (const Checkpoint& cp : checkpoints_) {
    if (cp.seq > report_.count) {
      fail(report_.count + 1, "chain ends before signed checkpoint seq " + std::to_string(cp.seq) + " (truncated)");
    }
  }
  return report_;
}

Result<ChainReport> verify_org_chain(store::OrgTransaction& tx, std::vector<Checkpoint> checkpoints) {
  ChainVerifier v(std::move(checkpoints));
  FG_TRY(for_each_event(tx, [&](const AuditRecord& r) {
    v.feed(r);
    return ok_status();
  }));
  return v.finish();
}

Result<ChainReport> verify_platform_chain(store::SystemTransaction& tx) {
  ChainVerifier v;
  FG_TRY(for_each_platform_event(tx, [&](const AuditRecord& r) {
    v.feed(r);
    return ok_status();
  }));
  return v.finish();
}

}  // namespace fg::audit
