#include "audit/audit_export.hpp"

#include "audit/audit_reader.hpp"

namespace fg::audit {

Result<std::int64_t> record_export(store::Database& db, const AuditLog& log, const OrgScope& scope,
                                   std::string_view format, std::int64_t after_seq, const Origin& origin) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db.begin(scope));
  FG_TRY(log.append(tx, {.action = AuditAction::kAuditExported,
                         .target_type = "org",
                         .target_id = scope.org_id().to_string(),
                         .origin = origin,
                         .context = {{"format", std::string(format)}, {"after_seq", after_seq}}}));
  FG_ASSIGN_OR_RETURN(std::int64_t end, last_seq(tx));
  FG_TRY(tx.commit());
  return end;
}

}  // namespace fg::audit
