#include "identity/authenticator.hpp"

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"
#include "crypto/random.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/internal/usage_write_throttle.hpp"
#include "identity/role.hpp"

namespace fg::identity {
namespace {

Status invalid_credentials() {
  return unauthenticated_error("invalid or expired credentials");
}

constexpr std::string_view kCsrfLabel = "finguard csrf v1";

}  // namespace

Authenticator::Authenticator(IdentityContext ctx)
    : ctx_(ctx),
      throttle_(ctx.clock, ctx.settings.login_failures_per_ip_per_minute,
                ctx.settings.login_failures_per_account_per_minute),
      key_usage_writes_(std::make_unique<internal::UsageWriteThrottle>(ctx.settings.last_seen_write_seconds)) {
  // The hash verified for unknown users, so they cost the same as a wrong password (note 1).
  Result<std::string> h = ctx_.hasher.hash(crypto::random_token());
  if (h.ok()) dummy_hash_ = *h;
}

Authenticator::~Authenticator() = default;

OrgScope Authenticator::scope_for(const OrgId& org, Actor actor) const {
  return OrgScope::make(OrgScope::Passkey{}, org, std::move(actor));
}

std::string Authenticator::csrf_token_for(std::string_view session_token) {
  const crypto::Digest d = crypto::hmac_sha256(crypto::as_bytes(session_token), crypto::as_bytes(kCsrfLabel));
  return crypto::base64url_encode(d);
}

Result<AuthenticatedPrincipal> Authenticator::authenticate_session(std::string_view token,
                                                                   std::optional<std::string_view> csrf,
                                                                   bool is_mutation) const {
  if (token.size() != crypto::kTokenChars) return invalid_credentials();
  const std::string hash = internal::stored_hash(token);
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, sys.call(store::PrivilegedCall::kSessionLookup, {hash}));
  sys.rollback();
  if (rs.size() != 1) return invalid_credentials();
  const Timestamp now = ctx_.clock.now();
  using S = store::columns::SessionLookup;
  const std::int64_t last_seen = rs.int64(0, S::kLastSeenAt);
  const std::int64_t idle_micros = rs.int64(0, S::kIdleSeconds) * 1000000;
  if (now.micros >= rs.int64(0, S::kExpiresAt) || now.micros >= last_seen + idle_micros) return invalid_credentials();
  if (rs.text(0, S::kUserStatus) != "active" || !rs.is_null(0, S::kDeactivatedAt)) return invalid_credentials();
  FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(rs.text(0, S::kOrgId)));
  FG_ASSIGN_OR_RETURN(UserId user, UserId::parse(rs.text(0, S::kUserId)));
  // Note 5: an un-enrolled user in an org that enforces MFA acts with no role until enrolling.
  const bool mfa_missing = rs.int64(0, S::kRequireMfa) != 0 && rs.int64(0, S::kMfaEnabled) == 0;
  const std::string role = mfa_missing ? std::string() : rs.text(0, S::kRole);
  AuthenticatedPrincipal p{scope_for(org, Actor{Actor::Kind::kUser, user.to_string(), role}), CredentialKind::kSession,
                           false, rs.text(0, S::kId), user};
  if (is_mutation && csrf.has_value()) {
    p.csrf_verified = crypto::equal_constant_time(*csrf, csrf_token_for(token));
  }
  if (now.micros - last_seen >= ctx_.settings.last_seen_write_seconds * 1000000) {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(p.scope));
    FG_TRY(tx.exec("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", {now.micros, p.session_id}));
    FG_TRY(tx.commit());
  }
  return p;
}

Result<AuthenticatedPrincipal> Authenticator::authenticate_api_key(std::string_view key) const {
  Result<crypto::ApiKeyParts> parts = crypto::parse_api_key(key);
  if (!parts.ok()) return invalid_credentials();
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, sys.call(store::PrivilegedCall::kApiKeyLookup, {parts->id}));
  sys.rollback();
  if (rs.size() != 1) return invalid_credentials();
  using K = store::columns::ApiKeyLookup;
  Result<crypto::Bytes> stored = crypto::hex_decode(rs.text(0, K::kSecretHash));
  if (!stored.ok() || !crypto::verify_token(parts->secret, *stored)) return invalid_credentials();
  const Timestamp now = ctx_.clock.now();
  if (!rs.is_null(0, K::kExpiresAt) && now.micros >= rs.int64(0, K::kExpiresAt)) return invalid_credentials();
  // The creator must still be an active member; the key never acts above the creator's current role.
  if (rs.is_null(0, K::kCreatorRole) || rs.text(0, K::kCreatorStatus) != "active" ||
      !rs.is_null(0, K::kDeactivatedAt)) {
    return invalid_credentials();
  }
  std::optional<Role> key_role = parse_role(rs.text(0, K::kRole));
  std::optional<Role> creator_role = parse_role(rs.text(0, K::kCreatorRole));
  if (!key_role || !creator_role) return invalid_credentials();
  const Role effective = role_at_least(*creator_role, *key_role) ? *key_role : *creator_role;
  FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(rs.text(0, K::kOrgId)));
  FG_ASSIGN_OR_RETURN(UserId creator, UserId::parse(rs.text(0, K::kCreatedBy)));
  // Note 5 for keys (issue 20 item 7): where the org enforces MFA and the creator has not enrolled, the
  // key acts with no role, so a key minted before enforcement cannot route around it.
  const bool mfa_missing = rs.int64(0, K::kRequireMfa) != 0 && rs.int64(0, K::kCreatorMfaEnabled) == 0;
  const std::string role = mfa_missing ? std::string() : std::string(role_name(effective));
  AuthenticatedPrincipal p{
      scope_for(org, Actor{Actor::Kind::kApiKey, parts->id, role}), CredentialKind::kApiKey, false, {}, creator};
  if (key_usage_writes_->should_write(parts->id, now)) {  // note 6
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(p.scope));
    FG_TRY(tx.exec("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", {now.micros, parts->id}));
    FG_TRY(tx.commit());
  }
  return p;
}

}  // namespace fg::identity
