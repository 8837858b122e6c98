#include "identity/org_service.hpp"

#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/password_policy.hpp"
#include "identity/slug.hpp"

namespace fg::identity {

Result<CreatedOrg> create_org_with_owner(const IdentityContext& ctx, const OrgScope& scope,
                                         const NewOrgWithOwner& request, const NewOrgSetup& setup) {
  FG_ASSIGN_OR_RETURN(std::string slug, make_slug(request.org_name));
  const std::string email = internal::normalize_email(request.owner_email);
  if (email.size() < 3 || email.size() > 254 || email.find('@') == std::string::npos) {
    return invalid_argument_error("email: must be an email address", "email");
  }
  FG_TRY(check_password(PasswordPolicy::for_org(false), request.owner_password, email));
  // Hash before the transaction: argon2id takes tens of milliseconds and must not hold the write lock.
  FG_ASSIGN_OR_RETURN(std::string hash, ctx.hasher.hash(request.owner_password));

  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet existing_user, tx.query("SELECT id FROM users WHERE email = $1", {email}));
  if (!existing_user.empty()) return conflict_error("a user with this email already exists");
  const std::int64_t now = ctx.clock.now().micros;
  Status org = tx.exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, $2, $3, $4)",
                       {scope.org_id(), slug, request.org_name, now})
                   .status();
  if (!org.ok()) {
    if (org.code() == StatusCode::kConflict) return conflict_error("an organization with this slug already exists");
    return org;
  }
  const UserId user = UserId::random();
  FG_TRY(
      // The operator named this email (`finguard admin create-org`): it counts as verified (migration 0011).
      tx.exec("INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at, email_verified_at) "
              "VALUES ($1, $2, $3, $4, $5, $5, $5)",
              {user, email, request.owner_display_name, hash, now}));
  FG_TRY(tx.exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)",
                 {scope.org_id(), user, now}));
  audit::AuditEvent event =
      internal::make_event(audit::AuditAction::kOrgCreated, "org", scope.org_id().to_string(), audit::Origin{});
  event.context = {{"slug", slug}, {"owner_user_id", user.to_string()}};
  FG_TRY(ctx.audit.append(tx, event));
  if (setup) {
    FG_TRY(setup(tx));
  }
  FG_TRY(tx.commit());
  return CreatedOrg{scope.org_id(), slug, user};
}

}  // namespace fg::identity
