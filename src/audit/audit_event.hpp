// AuditEvent: what a caller records, and AuditRecord: what the log stores (the event plus its place
// in the chain).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit_action.hpp"
#include "audit/origin.hpp"
#include "core/org_scope.hpp"

namespace fg::audit {

//! One event to append, built with designated initializers:
//!   {.action = AuditAction::kJobRetried, .target_type = "job", .target_id = id, .origin = origin}
//! The actor comes from the transaction's scope (or is given, on the platform chain), never from here,
//! so a caller cannot record someone else as the actor.
struct AuditEvent {
  AuditAction action;
  AuditResult result = AuditResult::kSuccess;
  std::string target_type;  //!< "user", "api_key", "org", "job", ...
  std::string target_id;
  Origin origin;  //!< its request id and source IP are recorded (not the user agent)
  nlohmann::json context = nlohmann::json::object();  //!< small, flat; never a secret (ContextPolicy)
};

//! A stored entry. `hash` = SHA-256 over the canonical encoding of every other field and prev_hash.
struct AuditRecord {
  std::string org_id;  //!< "" on the platform chain
  std::int64_t seq = 0;
  std::int64_t ts_micros = 0;
  std::string actor_kind;
  std::string actor_id;
  std::string actor_role;
  std::string source_ip;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string result;
  std::string request_id;
  std::string context;  //!< canonical JSON text (sorted keys)
  std::string prev_hash;
  std::string hash;
};

std::string_view actor_kind_name(Actor::Kind kind);

//! The hex SHA-256 chaining `record` (all fields but `hash`) to its prev_hash.
std::string compute_hash(const AuditRecord& record);

//! The prev_hash of a chain's first entry.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace fg::audit
