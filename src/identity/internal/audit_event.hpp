// Builds an audit event for identity's mutations, with the request's origin filled in.
#pragma once

#include <string>

#include "audit/audit_event.hpp"
#include "identity/identity_context.hpp"

namespace fg::identity::internal {

inline audit::AuditEvent make_event(audit::AuditAction action, std::string target_type, std::string target_id,
                                    const audit::Origin& origin,
                                    audit::AuditResult result = audit::AuditResult::kSuccess) {
  return {.action = action,
          .result = result,
          .target_type = std::move(target_type),
          .target_id = std::move(target_id),
          .origin = origin};
}

}  // namespace fg::identity::internal
