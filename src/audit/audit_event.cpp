#include "audit/audit_event.hpp"

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"

namespace fg::audit {

std::string_view actor_kind_name(Actor::Kind kind) {
  switch (kind) {
    case Actor::Kind::kUser: return "user";
    case Actor::Kind::kApiKey: return "api_key";
    case Actor::Kind::kWorker: return "worker";
    case Actor::Kind::kOperator: return "operator";
    case Actor::Kind::kSystem: return "system";
  }
  return "system";
}

std::string compute_hash(const AuditRecord& r) {
  // A JSON array of every field in a fixed order: unambiguous (strings are quoted and escaped, so no
  // field can run into the next) and independent of column order in either database.
  const nlohmann::json canonical = nlohmann::json::array(
      {"fg-audit-v1", r.org_id, r.seq, r.ts_micros, r.actor_kind, r.actor_id, r.actor_role, r.source_ip, r.action,
       r.target_type, r.target_id, r.result, r.request_id, r.context, r.prev_hash});
  const std::string bytes = canonical.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  const crypto::Digest d = crypto::sha256(crypto::as_bytes(bytes));
  return crypto::hex_encode(d);
}

}  // namespace fg::audit
