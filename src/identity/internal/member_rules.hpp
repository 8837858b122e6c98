// The rules every change to another member goes through: the target must be a member of the scope's
// org (else not_found, as if absent), and the actor may act only on roles at most its own.
#pragma once

#include <optional>
#include <string>

#include "identity/role.hpp"
#include "store/database.hpp"

namespace fg::identity::internal {

struct TargetMember {
  std::string user_id;
  Role role = Role::kViewer;
  bool deactivated = false;
};

//! The target's membership in tx's org; not_found for a malformed id or a non-member.
Result<TargetMember> load_member(store::OrgTransaction& tx, const std::string& user_id);
//! The actor's role; permission_denied for a role-less principal.
Result<Role> actor_role(const OrgScope& scope);
//! permission_denied unless `actor` is at least `target`.
Status require_at_least(Role actor, Role target);
//! permission_denied unless `actor` ranks strictly above `target` (credential resets: an Administrator
//! must not take over a peer Administrator, nor an Owner a peer Owner; the operator's CLI does that).
Status require_above(Role actor, Role target);
//! permission_denied unless the scope's actor is a signed-in user (not an API key, worker or operator).
Status require_session_user(const OrgScope& scope);
//! How many active Owners tx's org has.
Result<std::int64_t> active_owner_count(store::OrgTransaction& tx);
//! True when the user belongs to no org other than `org`.
Result<bool> member_of_only(store::Database& db, const std::string& user_id, const OrgId& org);

}  // namespace fg::identity::internal
