// MemberService: an Administrator's view of the org's members: list, change a role, deactivate,
// invite, reset MFA. Rules (tested in member_service_test.cpp):
//   * nobody grants or changes a role above their own, nor acts on a member ranked above them;
//   * the last active Owner can be neither demoted nor deactivated;
//   * a role change revokes the member's sessions in the org (they sign in again with the new role:
//     the session is rotated on privilege change); deactivation also revokes their API keys;
//   * credentials a member issued do not outlive their authority: a demotion revokes their pending
//     invitations and password resets that the new role could not issue, a deactivation all of them
//     (Authenticator::accept_invitation also re-checks the inviter);
//   * Owners see which members' second factor is locked (wrong codes) and may unlock it;
//   * MFA reset (and a second-factor unlock) applies only to users who belong to this org alone, so one org's
//   Administrator cannot
//     weaken an account another org relies on; it (and a password reset) needs a signed-in user (no API
//     key) ranked strictly above the target: no peer resets a peer, an Owner included (the operator's
//     `finguard admin` does that).
// Every change is audited in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_context.hpp"
#include "identity/role.hpp"

namespace fg::identity {

struct MemberInfo {
  std::string user_id;
  std::string email;
  std::string display_name;
  std::string role;
  bool active = true;
  bool mfa_enabled = false;
  Timestamp joined_at;
  //! While the user's second factor is locked (wrong codes), its end; set only for an Owner's listing.
  std::optional<Timestamp> mfa_locked_until;
  //! False for an account made by accepting an invitation whose holder has not proved the email yet
  //! (it joins no other org until then: `finguard admin verify-email`).
  bool email_verified = true;
};

//! A pending invitation as listed to the org's Administrators (never its token).
struct PendingInvitation {
  std::string id;
  std::string email;
  std::string role;
  std::string invited_by;        //!< the inviter's user id
  std::string invited_by_email;  //!< empty when the inviter is no longer a user
  Timestamp created_at;
  Timestamp expires_at;
};

struct IssuedInvitation {
  std::string id;
  std::string token;  //!< show once (as a link)
  Timestamp expires_at;
};

class MemberService {
 public:
  explicit MemberService(IdentityContext ctx) : ctx_(ctx) {}

  Result<std::vector<MemberInfo>> list(const OrgScope& scope) const;
  Status change_role(const OrgScope& scope, const std::string& user_id, Role role, const audit::Origin& meta) const;
  Status deactivate(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const;
  //! invalid_argument (field "email") for a malformed email; permission_denied for a role above the actor's.
  Result<IssuedInvitation> invite(const OrgScope& scope, const std::string& email, Role role,
                                  const audit::Origin& meta) const;
  Status reset_mfa(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const;
  //! Ends the lock on a member's second factor and its count of wrong codes, keeping the escalation
  //! (internal/second_factor_lockout.hpp note 2); audited auth.mfa.unlocked. Owners only, signed in
  //! (no API key), and only for users who belong to this org alone, like reset_mfa: the lock is the
  //! user's across orgs, and one org's Owner must not hand a guesser fresh tries at an account another
  //! org relies on. not_found for a non-member. Nothing locked or counted: OK, nothing audited.
  Status unlock_mfa(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const;
  //! The org's invitations neither accepted, revoked nor expired, newest first.
  Result<std::vector<PendingInvitation>> list_invitations(const OrgScope& scope) const;
  //! Revokes a pending invitation (audited user.invitation_revoked). invalid_argument (field "id") for a
  //! malformed id; not_found for another org's, an accepted, revoked or unknown one; permission_denied
  //! for an invitation to a role above the actor's.
  Status revoke_invitation(const OrgScope& scope, const std::string& invitation_id, const audit::Origin& meta) const;

 private:
  IdentityContext ctx_;
};

}  // namespace fg::identity
