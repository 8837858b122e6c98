// Builds an audit event for identity's mutations, with the request's origin filled in.
#pragma once

#include <string>

#include "audit/audit_event.hpp"
#include "identity/identity_context.hpp"

namespace fg::identity::internal {

inline audit::AuditEvent make_event(audit::AuditAction action, std::string target_type, std::string target_id,
                                    const RequestMeta& meta, audit::AuditResult result = audit::AuditResult::kSuccess) {
  audit::AuditEvent e{action,  result,          std::move(target_type),  std::move(target_id),
                      meta.ip, meta.request_id, nlohmann::json::object()};
  return e;
}

}  // namespace fg::identity::internal
