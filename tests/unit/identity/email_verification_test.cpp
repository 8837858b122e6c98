// Account pre-hijacking (issue 20 item 5) on both backends: an account made by accepting an invitation
// has a password chosen by whoever held the link, so it joins no second org until an operator-delivered
// link proves its email, and that proof discards what the unproven holder set.
#include "audit/audit_log.hpp"
#include "identity/member_service.hpp"
#include "identity/password_reset.hpp"
#include "identity_fixture.hpp"

namespace fg::identity {
namespace {

using EmailVerificationTest = IdentityTest;

const Actor kOperator{Actor::Kind::kOperator, "os:test", "operator"};

TEST_P(EmailVerificationTest, AnInvitationMadeAccountJoinsNoSecondOrgUntilAnOperatorLinkProvesItsEmail) {
  MemberService members(*ctx_);
  // Acme's Owner invites a stranger's email and accepts the invitation with a password of their own.
  Result<IssuedInvitation> planted =
      members.invite(user_scope(org_, owner_.to_string(), "owner"), "victim@elsewhere.test", Role::kViewer, meta_);
  ASSERT_TRUE(planted.ok()) << planted.status().to_string();
  Result<InvitationAcceptance> made =
      auth_->accept_invitation(planted->token, "the-attackers-own-passphrase", "", meta_);
  ASSERT_TRUE(made.ok()) << made.status().to_string();
  ASSERT_TRUE(made->created_user.has_value());
  const UserId victim = *made->created_user;
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE id = $1 AND email_verified_at IS NULL", {victim}), 1);
  Result<std::vector<MemberInfo>> listed = members.list(user_scope(org_, owner_.to_string(), "owner"));
  ASSERT_TRUE(listed.ok());
  for (const MemberInfo& m : *listed) EXPECT_EQ(m.email_verified, m.user_id != victim.to_string()) << m.email;

  // The account works in Acme, which made it, and the attacker holds it: a session and a second factor.
  Result<IssuedSession> attacker = login("victim@elsewhere.test", "the-attackers-own-passphrase");
  ASSERT_TRUE(attacker.ok()) << attacker.status().to_string();
  {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx->exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, 'planted')", {victim}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  // Beta invites the real person; the public link leaves the existing account alone, and the account
  // (signed in with the attacker's password) cannot take Beta's invitation.
  const OrgId beta = create_org("beta");
  const std::string beta_owner = add_user(beta, "boss@beta.test", "owner");
  Result<IssuedInvitation> real =
      members.invite(user_scope(beta, beta_owner, "owner"), "victim@elsewhere.test", Role::kAnalyst, meta_);
  ASSERT_TRUE(real.ok()) << real.status().to_string();
  Result<InvitationAcceptance> public_accept =
      auth_->accept_invitation(real->token, "whatever-the-visitor-typed", "", meta_);
  ASSERT_TRUE(public_accept.ok());
  EXPECT_FALSE(public_accept->created_user.has_value());
  Result<JoinedOrg> refused = auth_->join_invitation(victim, real->token, meta_);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("verify-email"), std::string::npos) << refused.status().message();
  const std::string in_beta = "SELECT count(*) FROM memberships WHERE user_id = $1 AND org_id = $2";
  EXPECT_EQ(org_count(beta, in_beta, {victim, beta}), 0);
  EXPECT_EQ(org_count(beta, "SELECT count(*) FROM invitations WHERE org_id = $1 AND accepted_at IS NOT NULL", {beta}),
            0)
      << "the refused join consumed nothing";

  // The operator's link: not for verified or unknown emails; for this one, valid a day.
  EXPECT_EQ(issue_email_verification(*ctx_, kOperator, "owner@acme.test").status().code(), StatusCode::kConflict);
  EXPECT_EQ(issue_email_verification(*ctx_, kOperator, "nobody@nowhere.test").status().code(), StatusCode::kNotFound);
  Result<std::string> link = issue_email_verification(*ctx_, kOperator, "Victim@Elsewhere.test");
  ASSERT_TRUE(link.ok()) << link.status().to_string();
  EXPECT_EQ(count("SELECT count(*) FROM platform_audit_events WHERE action = 'auth.password.reset_requested' AND "
                  "actor_kind = 'operator' AND target_id = $1",
                  {victim}),
            1);
  clock_.advance_seconds(2 * 3600);  // past a reset's hour: the operator carries this link by hand
  ASSERT_TRUE(auth_->complete_password_reset(*link, "the-real-persons-passphrase", meta_).ok());

  // The proof discarded everything the attacker set: password, session, second factor.
  EXPECT_EQ(login("victim@elsewhere.test", "the-attackers-own-passphrase").status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_FALSE(auth_->authenticate_session(attacker->token, std::nullopt, false).ok());
  EXPECT_EQ(count("SELECT count(*) FROM recovery_codes WHERE user_id = $1", {victim}), 0);
  EXPECT_EQ(
      count("SELECT count(*) FROM users WHERE id = $1 AND email_verified_at IS NOT NULL AND mfa_enabled = 0", {victim}),
      1);
  EXPECT_EQ(count("SELECT count(*) FROM platform_audit_events WHERE action = 'auth.password.reset' AND target_id = "
                  "$1 AND context LIKE '%email_verified%'",
                  {victim}),
            1);
  EXPECT_EQ(issue_email_verification(*ctx_, kOperator, "victim@elsewhere.test").status().code(), StatusCode::kConflict)
      << "verified now";

  // Now the real person signs in with their own password and takes Beta's invitation.
  ASSERT_TRUE(login("victim@elsewhere.test", "the-real-persons-passphrase").ok());
  Result<JoinedOrg> joined = auth_->join_invitation(victim, real->token, meta_);
  ASSERT_TRUE(joined.ok()) << joined.status().to_string();
  EXPECT_TRUE(joined->newly_joined);
  EXPECT_EQ(joined->role, "analyst");
  EXPECT_EQ(org_count(beta, in_beta, {victim, beta}), 1);
}

TEST_P(EmailVerificationTest, AVerificationLinkExpiresAfterADayAndAPlainResetAlsoProvesTheEmail) {
  MemberService members(*ctx_);
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  Result<IssuedInvitation> inv = members.invite(owner, "late@acme.test", Role::kViewer, meta_);
  ASSERT_TRUE(inv.ok());
  Result<InvitationAcceptance> made = auth_->accept_invitation(inv->token, "a-long-enough-passphrase", "", meta_);
  ASSERT_TRUE(made.ok() && made->created_user.has_value());
  Result<std::string> link = issue_email_verification(*ctx_, kOperator, "late@acme.test");
  ASSERT_TRUE(link.ok());
  clock_.advance_seconds(kEmailVerificationTtlSeconds + 1);
  EXPECT_EQ(auth_->complete_password_reset(*link, "another-long-passphrase", meta_).code(), StatusCode::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE email = 'late@acme.test' AND email_verified_at IS NULL"), 1);

  // The operator's ordinary reset link reaches the same email and proves it just as well.
  Result<std::string> reset = issue_password_reset_in_org(*ctx_, owner, "late@acme.test");
  ASSERT_TRUE(reset.ok()) << reset.status().to_string();
  ASSERT_TRUE(auth_->complete_password_reset(*reset, "another-long-passphrase", meta_).ok());
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE email = 'late@acme.test' AND email_verified_at IS NOT NULL"), 1);
}

TEST_P(EmailVerificationTest, AVerifiedAccountsResetKeepsItsSecondFactor) {
  const std::string member = add_user(org_, "kept@acme.test", "viewer");
  {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx->exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, 'kept')", {member}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  Result<std::string> reset =
      issue_password_reset_in_org(*ctx_, user_scope(org_, owner_.to_string(), "owner"), "kept@acme.test");
  ASSERT_TRUE(reset.ok());
  ASSERT_TRUE(auth_->complete_password_reset(*reset, "another-long-passphrase", meta_).ok());
  EXPECT_EQ(count("SELECT count(*) FROM recovery_codes WHERE user_id = $1", {member}), 1)
      << "only an unproven holder's factor is discarded";
}

INSTANTIATE_TEST_SUITE_P(Backends, EmailVerificationTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity
