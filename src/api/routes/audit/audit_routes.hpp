// The audit routes: an org's own chain, read a page at a time or exported whole.
//
//   GET /api/v1/audit          audit.read    newest first; ?from=&to=&actor=&action=&result=&cursor=&limit=
//   GET /api/v1/audit/export   audit.export  the whole chain in seq order, streamed; ?format=jsonl|csv
//                                            &after_seq=N (only what a previous shipment did not have)
//
// The org is the principal's, never a parameter, so one org's events are unreachable from another. An
// export is itself recorded (audit.exported) before its first byte, and it ends at the entry that
// recorded it: what was shipped can be verified offline with the hashes it carries.
#pragma once

#include "api/router/router.hpp"
#include "audit/audit_log.hpp"
#include "store/database.hpp"

namespace fg::api {

//! Adds both routes. `db` and `audit` must outlive the router. Errors as Router::add.
Status install_audit(Router& router, store::Database& db, const audit::AuditLog& audit);

}  // namespace fg::api
