#include "identity/internal/member_rules.hpp"

namespace fg::identity::internal {

Result<TargetMember> load_member(store::OrgTransaction& tx, const std::string& user_id) {
  if (!Uuid::parse(user_id).ok()) return not_found_error("user not found");
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT role, deactivated_at FROM memberships WHERE org_id = $1 AND "
                                                 "user_id = $2",
                                                 {tx.org_id(), user_id}));
  if (rs.size() != 1) return not_found_error("user not found");
  std::optional<Role> role = parse_role(rs.text(0, 0));
  if (!role) return internal_error("membership with an unknown role");
  return TargetMember{user_id, *role, !rs.is_null(0, 1)};
}

Result<Role> actor_role(const OrgScope& scope) {
  std::optional<Role> r = parse_role(scope.actor().role);
  if (!r) return permission_denied_error("permission denied");
  return *r;
}

Status require_at_least(Role actor, Role target) {
  if (!role_at_least(actor, target)) return permission_denied_error("cannot act on a role above your own");
  return ok_status();
}

Status require_above(Role actor, Role target) {
  if (role_rank(actor) <= role_rank(target)) {
    return permission_denied_error("resetting a member's credentials needs a role above theirs");
  }
  return ok_status();
}

Status require_session_user(const OrgScope& scope) {
  if (scope.actor().kind != Actor::Kind::kUser) return permission_denied_error("this needs a signed-in user");
  return ok_status();
}

Result<std::int64_t> active_owner_count(store::OrgTransaction& tx) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT count(*) FROM memberships WHERE org_id = $1 AND role = "
                                                 "'owner' AND deactivated_at IS NULL",
                                                 {tx.org_id()}));
  return rs.int64(0, 0);
}

Result<bool> member_of_only(store::Database& db, const std::string& user_id, const OrgId& org) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, sys.call(store::PrivilegedCall::kUserMemberships, {user_id}));
  for (std::size_t r = 0; r < rs.size(); ++r) {
    if (rs.text(r, store::columns::UserMemberships::kOrgId) != org.to_string()) return false;
  }
  return true;
}

}  // namespace fg::identity::internal
