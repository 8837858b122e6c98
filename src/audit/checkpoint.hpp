// Checkpoint: a signed statement "org O's chain had N entries ending in hash H at time T", to be
// shipped off the machine (a ticket, object storage, an email). Verifying against it detects a
// truncated or rewritten history even by someone who could edit the whole database.
//
// Signed with HMAC-SHA256 under the checkpoint key (DATA_DIR/keys/audit-checkpoint.key, 0600), which
// lives outside the database.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "audit/audit_log.hpp"
#include "core/result.hpp"
#include "store/transaction.hpp"

namespace fg::audit {

struct Checkpoint {
  std::string org_id;
  std::int64_t seq = 0;  //!< the entry count at the time
  std::string hash;      //!< the hash of entry `seq`
  std::int64_t ts_micros = 0;
  std::string signature;  //!< hex HMAC-SHA256 over the other fields
};

//! The checkpoint of tx's org chain now, signed with `key`. not_found if the chain is empty.
Result<Checkpoint> make_checkpoint(store::OrgTransaction& tx, std::span<const std::uint8_t> key,
                                   std::int64_t now_micros);

//! Records audit.checkpoint in tx's org chain, then signs the chain's head, which is that entry: the
//! checkpoint vouches for its own record too. The caller commits tx.
Result<Checkpoint> record_checkpoint(store::OrgTransaction& tx, const AuditLog& log, std::span<const std::uint8_t> key,
                                     std::int64_t now_micros);

//! DATA_DIR/audit/checkpoints/<org id>.jsonl: where the worker's scheduled checkpoints accumulate, one
//! line each, for shipping elsewhere and for `finguard audit verify --checkpoint`.
std::string checkpoint_file_path(const std::string& data_dir, const std::string& org_id);
//! Appends one line to `path` (made 0600 with its directories 0700) and fsyncs it.
Status append_checkpoint_line(const std::string& path, const Checkpoint& cp);

//! One JSON line.
std::string checkpoint_to_json(const Checkpoint& cp);
//! Parses a JSON line and checks its signature. invalid_argument for malformed text,
//! permission_denied for a bad signature.
Result<Checkpoint> parse_checkpoint(const std::string& line, std::span<const std::uint8_t> key);

}  // namespace fg::audit
