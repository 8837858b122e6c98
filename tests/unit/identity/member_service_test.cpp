// MemberService, invitations and password resets on both backends: role rules, the last Owner,
// deactivation, single-use links, and the cross-org guard on MFA and password resets.
#include "identity/member_service.hpp"

#include "identity/account_service.hpp"
#include "identity/api_key_service.hpp"
#include "identity/password_reset.hpp"
#include "identity_fixture.hpp"

namespace fg::identity {
namespace {

using MemberServiceTest = IdentityTest;

TEST_P(MemberServiceTest, LastOwnerCannotBeDemotedOrDeactivated) {
  MemberService members(*ctx_);
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  EXPECT_EQ(members.change_role(owner, owner_.to_string(), Role::kAdministrator, meta_).code(), StatusCode::kConflict);
  EXPECT_EQ(members.deactivate(owner, owner_.to_string(), meta_).code(), StatusCode::kConflict);
  const std::string second = add_user(org_, "second@acme.test", "owner");
  EXPECT_TRUE(members.change_role(owner, owner_.to_string(), Role::kAdministrator, meta_).ok());
  EXPECT_EQ(members.deactivate(user_scope(org_, second, "owner"), second, meta_).code(), StatusCode::kConflict);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'user.role_changed'"), 1);
}

TEST_P(MemberServiceTest, NobodyActsAboveTheirOwnRole) {
  MemberService members(*ctx_);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::string viewer = add_user(org_, "viewer@acme.test", "viewer");
  const OrgScope as_admin = user_scope(org_, admin, "administrator");
  EXPECT_EQ(members.change_role(as_admin, viewer, Role::kOwner, meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(members.change_role(as_admin, owner_.to_string(), Role::kViewer, meta_).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(members.deactivate(as_admin, owner_.to_string(), meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(members.invite(as_admin, "x@acme.test", Role::kOwner, meta_).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(members.change_role(as_admin, viewer, Role::kAdministrator, meta_).ok());
}

TEST_P(MemberServiceTest, AnotherOrgsMemberIsNotFound) {
  MemberService members(*ctx_);
  const OrgId other = create_org("other");
  const std::string stranger = add_user(other, "x@other.test", "viewer");
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  EXPECT_EQ(members.change_role(owner, stranger, Role::kViewer, meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(members.deactivate(owner, stranger, meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(members.reset_mfa(owner, stranger, meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(members.change_role(owner, "not-a-uuid", Role::kViewer, meta_).code(), StatusCode::kNotFound);
  Result<std::vector<MemberInfo>> list = members.list(owner);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_P(MemberServiceTest, DeactivationEndsSessionsAndKeys) {
  const std::string member = add_user(org_, "m@acme.test", "member");
  Result<IssuedSession> s = login("m@acme.test");
  ASSERT_TRUE(s.ok());
  ApiKeyService keys(*ctx_);
  Result<CreatedApiKey> k = keys.create(user_scope(org_, member, "member"), {"k", "", Role::kMember, {}}, meta_);
  ASSERT_TRUE(k.ok());
  ASSERT_TRUE(auth_->authenticate_api_key(k->key).ok());
  MemberService members(*ctx_);
  ASSERT_TRUE(members.deactivate(user_scope(org_, owner_.to_string(), "owner"), member, meta_).ok());
  EXPECT_FALSE(auth_->authenticate_session(s->token, std::nullopt, false).ok());
  EXPECT_FALSE(auth_->authenticate_api_key(k->key).ok());
  EXPECT_FALSE(login("m@acme.test").ok());
}

TEST_P(MemberServiceTest, InvitationIsSingleUseAndExpires) {
  MemberService members(*ctx_);
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  Result<IssuedInvitation> inv = members.invite(owner, "New@Acme.test", Role::kAnalyst, meta_);
  ASSERT_TRUE(inv.ok()) << inv.status().to_string();
  EXPECT_EQ(auth_->accept_invitation(inv->token, "short", "", meta_).status().field(), "password");
  ASSERT_TRUE(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "New", meta_).ok());
  EXPECT_EQ(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "New", meta_).status().code(),
            StatusCode::kNotFound);
  Result<IssuedSession> s = login("new@acme.test", "a-long-enough-passphrase");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->role, "analyst");

  Result<IssuedInvitation> late = members.invite(owner, "late@acme.test", Role::kViewer, meta_);
  clock_.advance_seconds(7 * 86400 + 1);
  EXPECT_EQ(auth_->accept_invitation(late->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
}

// Issue 20 item 3: the link never checks an existing account's password; the account joins signed in.
TEST_P(MemberServiceTest, AnExistingAccountJoinsOnlyWhenSignedInAndTheLinkNeverChecksItsPassword) {
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgId other = create_org("other");
  const std::string other_owner = add_user(other, "boss@other.test", "owner");
  MemberService members(*ctx_);
  Result<IssuedInvitation> inv =
      members.invite(user_scope(other, other_owner, "owner"), "m@acme.test", Role::kViewer, meta_);
  ASSERT_TRUE(inv.ok()) << inv.status().to_string();
  Result<InvitationAcceptance> a = auth_->accept_invitation(inv->token, "not-their-password-at-all", "", meta_);
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  EXPECT_FALSE(a->created_user.has_value());
  const std::string in_other = "SELECT count(*) FROM memberships WHERE user_id = $1 AND org_id = $2";
  EXPECT_EQ(org_count(other, in_other, {member, other}), 0);
  EXPECT_TRUE(login("m@acme.test").ok()) << "its password is untouched";

  const UserId stranger = *UserId::parse(add_user(org_, "s@acme.test", "member"));
  EXPECT_EQ(auth_->join_invitation(stranger, inv->token, meta_).status().code(), StatusCode::kNotFound);
  Result<JoinedOrg> j = auth_->join_invitation(*UserId::parse(member), inv->token, meta_);
  ASSERT_TRUE(j.ok()) << j.status().to_string();
  EXPECT_TRUE(j->newly_joined);
  EXPECT_EQ(j->org_id, other);
  EXPECT_EQ(j->role, "viewer");
  EXPECT_EQ(org_count(other, in_other, {member, other}), 1);
  Result<JoinedOrg> again = auth_->join_invitation(*UserId::parse(member), inv->token, meta_);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_FALSE(again->newly_joined);
  EXPECT_EQ(auth_->accept_invitation(inv->token, "not-their-password-at-all", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(org_count(other, "SELECT count(*) FROM audit_events WHERE action = 'user.invite_accepted'"), 1);
}

TEST_P(MemberServiceTest, PasswordResetIsSingleUseAndGuardedAcrossOrgs) {
  const std::string member = add_user(org_, "m@acme.test", "member");
  Result<IssuedSession> before = login("m@acme.test");
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  Result<std::string> token = issue_password_reset_for_member(*ctx_, owner, member, meta_);
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  ASSERT_TRUE(auth_->complete_password_reset(*token, "brand-new-passphrase-1", meta_).ok());
  EXPECT_EQ(auth_->complete_password_reset(*token, "brand-new-passphrase-2", meta_).code(), StatusCode::kNotFound);
  EXPECT_FALSE(auth_->authenticate_session(before->token, std::nullopt, false).ok());
  EXPECT_TRUE(login("m@acme.test", "brand-new-passphrase-1").ok());

  // A user who also belongs to another org cannot be reset (or have MFA reset) by this org alone.
  const OrgId other = create_org("other");
  add_member(other, member, "viewer");
  EXPECT_EQ(issue_password_reset_for_member(*ctx_, owner, member, meta_).status().code(),
            StatusCode::kPermissionDenied);
  MemberService members(*ctx_);
  EXPECT_EQ(members.reset_mfa(owner, member, meta_).code(), StatusCode::kPermissionDenied);
}

// Issue 20 item 6: an Administrator reset a peer's MFA and password and signed in as the peer.
TEST_P(MemberServiceTest, CredentialResetsNeedAStrictlyHigherRoleAndASignedInUser) {
  MemberService members(*ctx_);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::string peer = add_user(org_, "peer@acme.test", "administrator");
  const std::string second_owner = add_user(org_, "owner2@acme.test", "owner");
  const OrgScope as_admin = user_scope(org_, admin, "administrator");
  EXPECT_EQ(members.reset_mfa(as_admin, peer, meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(issue_password_reset_for_member(*ctx_, as_admin, peer, meta_).status().code(),
            StatusCode::kPermissionDenied);
  // Strictly higher: an Owner cannot reset a peer Owner either (the operator's CLI can).
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  EXPECT_EQ(members.reset_mfa(owner, second_owner, meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(issue_password_reset_for_member(*ctx_, owner, second_owner, meta_).status().code(),
            StatusCode::kPermissionDenied);
  // An API key cannot reset anyone, not even an Owner's key resetting an Administrator.
  ApiKeyService keys(*ctx_);
  Result<CreatedApiKey> k = keys.create(owner, {"k", "", Role::kOwner, {}}, meta_);
  ASSERT_TRUE(k.ok()) << k.status().to_string();
  Result<AuthenticatedPrincipal> key = auth_->authenticate_api_key(k->key);
  ASSERT_TRUE(key.ok()) << key.status().to_string();
  EXPECT_EQ(members.reset_mfa(key->scope, peer, meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(issue_password_reset_for_member(*ctx_, key->scope, peer, meta_).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM password_resets"), 0);
  // An Owner resets an Administrator.
  EXPECT_TRUE(members.reset_mfa(owner, peer, meta_).ok());
  EXPECT_TRUE(issue_password_reset_for_member(*ctx_, owner, peer, meta_).ok());
}

// Issue 20 item 10: Owners see a member's locked second factor and can end the lock.
TEST_P(MemberServiceTest, OwnersSeeAndUnlockALockedSecondFactor) {
  MemberService members(*ctx_);
  const std::string member = add_user(org_, "m@acme.test", "member");
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::int64_t until = clock_.now().micros + 600 * 1000000LL;
  {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx->exec("INSERT INTO second_factor_lockouts (user_id, failures, locks, locked_until) VALUES ($1, 0, "
                         "3, $2)",
                         {member, until})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  const OrgScope as_admin = user_scope(org_, admin, "administrator");
  auto locked_until = [&](const OrgScope& who) -> std::optional<Timestamp> {
    Result<std::vector<MemberInfo>> list = members.list(who);
    EXPECT_TRUE(list.ok());
    for (const MemberInfo& m : *list) {
      if (m.user_id == member) return m.mfa_locked_until;
    }
    ADD_FAILURE() << "member not listed";
    return std::nullopt;
  };
  ASSERT_TRUE(locked_until(owner).has_value());
  EXPECT_EQ(locked_until(owner)->micros, until);
  EXPECT_FALSE(locked_until(as_admin).has_value()) << "Owners only";

  EXPECT_EQ(members.unlock_mfa(as_admin, member, meta_).code(), StatusCode::kPermissionDenied);
  ApiKeyService keys(*ctx_);
  Result<CreatedApiKey> k = keys.create(owner, {"k", "", Role::kOwner, {}}, meta_);
  ASSERT_TRUE(k.ok()) << k.status().to_string();
  Result<AuthenticatedPrincipal> key = auth_->authenticate_api_key(k->key);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(members.unlock_mfa(key->scope, member, meta_).code(), StatusCode::kPermissionDenied) << "no API key";
  const OrgId other = create_org("other");
  const std::string stranger = add_user(other, "x@other.test", "viewer");
  EXPECT_EQ(members.unlock_mfa(owner, stranger, meta_).code(), StatusCode::kNotFound);
  EXPECT_TRUE(locked_until(owner).has_value());

  ASSERT_TRUE(members.unlock_mfa(owner, member, meta_).ok());
  EXPECT_FALSE(locked_until(owner).has_value());
  EXPECT_EQ(count("SELECT locks FROM second_factor_lockouts WHERE user_id = $1", {member}), 3)
      << "the escalation stays";
  EXPECT_TRUE(members.unlock_mfa(owner, member, meta_).ok()) << "nothing left: no error";
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'auth.mfa.unlocked'"), 1);

  // A user of another org too: visible, but only the lock's end (or the operator) frees them.
  add_member(other, member, "viewer");
  {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(
        tx->exec("UPDATE second_factor_lockouts SET locked_until = $2 WHERE user_id = $1", {member, until}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_TRUE(locked_until(owner).has_value());
  EXPECT_EQ(members.unlock_mfa(owner, member, meta_).code(), StatusCode::kPermissionDenied);
}

TEST_P(MemberServiceTest, OperatorIssuesAResetForAMemberOfTheOrgOnly) {
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgId other = create_org("other");
  add_user(other, "x@other.test", "viewer");
  const OrgScope op = testing::ScopeForTest::org(org_, {Actor::Kind::kOperator, "os:test", "operator"});
  EXPECT_EQ(issue_password_reset_in_org(*ctx_, op, "x@other.test").status().code(), StatusCode::kNotFound);
  Result<std::string> token = issue_password_reset_in_org(*ctx_, op, "M@acme.test");
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  ASSERT_TRUE(auth_->complete_password_reset(*token, "operator-given-passphrase", meta_).ok());
  EXPECT_TRUE(login("m@acme.test", "operator-given-passphrase").ok());
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'auth.password.reset_requested'"), 1);
}

// Issue 20 item 2: a deactivated Administrator's pending Administrator invitation was still accepted.
TEST_P(MemberServiceTest, DeactivatedInvitersInvitationsAndResetsAreRevoked) {
  MemberService members(*ctx_);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgScope as_admin = user_scope(org_, admin, "administrator");
  Result<IssuedInvitation> inv = members.invite(as_admin, "new-admin@acme.test", Role::kAdministrator, meta_);
  ASSERT_TRUE(inv.ok()) << inv.status().to_string();
  Result<std::string> reset = issue_password_reset_for_member(*ctx_, as_admin, member, meta_);
  ASSERT_TRUE(reset.ok()) << reset.status().to_string();
  ASSERT_TRUE(members.deactivate(user_scope(org_, owner_.to_string(), "owner"), admin, meta_).ok());
  EXPECT_EQ(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(auth_->complete_password_reset(*reset, "brand-new-passphrase-1", meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE email = 'new-admin@acme.test'"), 0);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM memberships WHERE role = 'administrator' AND deactivated_at IS NULL"),
            0);
  Result<std::vector<PendingInvitation>> pending =
      members.list_invitations(user_scope(org_, owner_.to_string(), "owner"));
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

TEST_P(MemberServiceTest, DemotionRevokesOnlyWhatTheNewRoleCouldNotIssue) {
  MemberService members(*ctx_);
  const std::string boss = add_user(org_, "boss@acme.test", "owner");
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgScope as_boss = user_scope(org_, boss, "owner");
  Result<IssuedInvitation> to_owner = members.invite(as_boss, "o@acme.test", Role::kOwner, meta_);
  Result<IssuedInvitation> to_admin = members.invite(as_boss, "a@acme.test", Role::kAdministrator, meta_);
  Result<std::string> reset_admin = issue_password_reset_for_member(*ctx_, as_boss, admin, meta_);
  Result<std::string> reset_member = issue_password_reset_for_member(*ctx_, as_boss, member, meta_);
  ASSERT_TRUE(to_owner.ok() && to_admin.ok() && reset_admin.ok() && reset_member.ok());
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  ASSERT_TRUE(members.change_role(owner, boss, Role::kAdministrator, meta_).ok());
  // An Administrator can invite an Administrator and reset a Member, not invite an Owner or reset a peer.
  EXPECT_EQ(auth_->accept_invitation(to_owner->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(auth_->complete_password_reset(*reset_admin, "brand-new-passphrase-1", meta_).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(auth_->accept_invitation(to_admin->token, "a-long-enough-passphrase", "", meta_).ok());
  EXPECT_TRUE(auth_->complete_password_reset(*reset_member, "brand-new-passphrase-1", meta_).ok());
  // Demoted below users.invite: everything else they issued goes.
  Result<IssuedInvitation> viewer =
      members.invite(user_scope(org_, boss, "administrator"), "v@acme.test", Role::kViewer, meta_);
  ASSERT_TRUE(viewer.ok());
  ASSERT_TRUE(members.change_role(owner, boss, Role::kAnalyst, meta_).ok());
  EXPECT_EQ(auth_->accept_invitation(viewer->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'user.role_changed'"), 2);
}

TEST_P(MemberServiceTest, PromotionRevokesResetsIssuedForTheMemberByWhoIsNoLongerAbove) {
  MemberService members(*ctx_);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  Result<std::string> by_admin =
      issue_password_reset_for_member(*ctx_, user_scope(org_, admin, "administrator"), member, meta_);
  Result<std::string> by_owner = issue_password_reset_for_member(*ctx_, owner, member, meta_);
  ASSERT_TRUE(by_admin.ok() && by_owner.ok());
  ASSERT_TRUE(members.change_role(owner, member, Role::kAdministrator, meta_).ok());
  EXPECT_EQ(auth_->complete_password_reset(*by_admin, "brand-new-passphrase-1", meta_).code(), StatusCode::kNotFound)
      << "the Administrator is now the member's peer";
  EXPECT_TRUE(auth_->complete_password_reset(*by_owner, "brand-new-passphrase-2", meta_).ok());
}

TEST_P(MemberServiceTest, AcceptanceRechecksTheInviter) {
  MemberService members(*ctx_);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  const OrgScope as_admin = user_scope(org_, admin, "administrator");
  Result<IssuedInvitation> inv = members.invite(as_admin, "x@acme.test", Role::kAdministrator, meta_);
  Result<IssuedInvitation> low = members.invite(as_admin, "y@acme.test", Role::kViewer, meta_);
  ASSERT_TRUE(inv.ok() && low.ok());
  // Behind the service's back (as an older server would have left it): the inviter is now an Analyst.
  {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org_));
    ASSERT_TRUE(tx->exec("UPDATE memberships SET role = 'analyst' WHERE user_id = $1", {admin}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(auth_->accept_invitation(low->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound)
      << "an Analyst cannot invite at all";
  {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org_));
    ASSERT_TRUE(tx->exec("UPDATE memberships SET role = 'administrator' WHERE user_id = $1", {admin}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_TRUE(auth_->accept_invitation(low->token, "a-long-enough-passphrase", "", meta_).ok());
  EXPECT_TRUE(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "", meta_).ok());
}

TEST_P(MemberServiceTest, PendingInvitationsAreListedAndRevocable) {
  MemberService members(*ctx_);
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  Result<IssuedInvitation> inv = members.invite(owner, "new@acme.test", Role::kOwner, meta_);
  ASSERT_TRUE(inv.ok());
  Result<std::vector<PendingInvitation>> pending = members.list_invitations(owner);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].id, inv->id);
  EXPECT_EQ((*pending)[0].role, "owner");
  EXPECT_EQ((*pending)[0].invited_by_email, "owner@acme.test");
  EXPECT_EQ((*pending)[0].expires_at.micros, inv->expires_at.micros);

  EXPECT_EQ(members.revoke_invitation(owner, "not-a-uuid", meta_).field(), "id");
  const OrgId other = create_org("other");
  const std::string stranger = add_user(other, "s@other.test", "owner");
  EXPECT_EQ(members.revoke_invitation(user_scope(other, stranger, "owner"), inv->id, meta_).code(),
            StatusCode::kNotFound);
  const std::string admin = add_user(org_, "admin@acme.test", "administrator");
  EXPECT_EQ(members.revoke_invitation(user_scope(org_, admin, "administrator"), inv->id, meta_).code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(members.revoke_invitation(owner, inv->id, meta_).ok());
  EXPECT_EQ(members.revoke_invitation(owner, inv->id, meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "", meta_).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(members.list_invitations(owner)->empty());
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'user.invitation_revoked'"), 1);
}

TEST_P(MemberServiceTest, OrgRequiringMfaGivesUnenrolledSessionsNoRole) {
  AccountService account(*ctx_);
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  ASSERT_TRUE(account.update_security(owner, {true, std::nullopt, std::nullopt}, meta_).ok());
  Result<IssuedSession> s = login("owner@acme.test");
  ASSERT_TRUE(s.ok());
  Result<AuthenticatedPrincipal> p = auth_->authenticate_session(s->token, std::nullopt, false);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->scope.actor().role, "") << "no permissions until MFA is enrolled";
}

INSTANTIATE_TEST_SUITE_P(Backends, MemberServiceTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity
