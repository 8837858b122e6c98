// The start of an export of an org's audit chain (GET /api/v1/audit/export): the one state change an
// export makes, owned here like every audit write. The export is recorded first, in its own
// transaction, so the chain that is shipped ends with the entry that says who took it.
#pragma once

#include <cstdint>
#include <string_view>

#include "audit/audit_log.hpp"
#include "audit/origin.hpp"
#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace fg::audit {

//! Appends audit.exported (format, after_seq) to `scope`'s org chain and returns the chain's last
//! sequence number, that entry's: the export ships the entries after `after_seq` up to it.
Result<std::int64_t> record_export(store::Database& db, const AuditLog& log, const OrgScope& scope,
                                   std::string_view format, std::int64_t after_seq, const Origin& origin);

}  // namespace fg::audit
