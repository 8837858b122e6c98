// AuditLog: appends events to an org's chain inside the caller's transaction, so a mutation and its
// event commit or roll back together; and to the platform chain for events that belong to no org.
//
// Notes (the chain invariants):
//   1. Per chain, seq runs 1, 2, 3, ... with no gap; entry n's prev_hash is entry n-1's hash (the
//      genesis hash for n = 1); hash = compute_hash(entry).
//   2. Appends to one chain are serialized: on PostgreSQL by a transaction-scoped advisory lock on the
//      chain (the application role can only INSERT and SELECT the log); on SQLite by the write lock the
//      transaction holds from BEGIN IMMEDIATE. So concurrent writers keep the sequence gap-free.
//   3. Nothing updates or deletes an entry: triggers refuse it in both databases.
//
//   FG_TRY(tx->exec("UPDATE memberships SET role = $1 ...", {...}));
//   FG_TRY(audit.append(*tx, {.action = AuditAction::kUserRoleChanged, .target_type = "user", .target_id = id,
//                             .origin = ctx.origin()}));
//   FG_TRY(tx->commit());
#pragma once

#include "audit/audit_event.hpp"
#include "core/time.hpp"
#include "store/transaction.hpp"

namespace fg::audit {

class AuditLog {
 public:
  explicit AuditLog(const Clock& clock = SystemClock::instance()) : clock_(clock) {}

  //! Appends to the chain of tx's org; the actor is tx's scope actor. The transaction must be a write
  //! transaction. invalid_argument if the context breaks ContextPolicy. Thread-safe.
  Status append(store::OrgTransaction& tx, const AuditEvent& event) const;

  //! Appends unless the chain already holds an event with the same action and target_id: for events
  //! recorded after a commit elsewhere (a cost-store ingest, keyed by its delivery id), so a retry after a
  //! crash between that commit and this one records the event exactly once.
  Status append_once(store::OrgTransaction& tx, const AuditEvent& event) const;

  //! Appends to the platform chain (events with no org: an unknown user's failed login, ...).
  Status append_platform(store::SystemTransaction& tx, const Actor& actor, const AuditEvent& event) const;

 private:
  const Clock& clock_;
};

}  // namespace fg::audit
