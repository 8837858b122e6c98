#include "identity/sso/oidc_login.hpp"

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"
#include "crypto/random.hpp"
#include "identity/internal/credential_hash.hpp"
#include "net/url.hpp"

namespace fg::identity {
namespace {

Status setting_error(const std::string& name, const std::string& why) {
  return invalid_argument_error(name + ": " + why, name);
}

Status refused() {
  return unauthenticated_error("single sign-on failed");
}

// https, or http to a loopback test server when the outbound policy allows loopback.
Status check_provider_url(const std::string& url, const std::string& setting, const net::OutboundPolicy& policy) {
  Result<net::Url> u = net::Url::parse(url);
  if (!u.ok()) return setting_error(setting, "must be an absolute https URL");
  if (u->scheme != "https" && !policy.allow_loopback) return setting_error(setting, "must use https");
  return ok_status();
}

// email_verified is a boolean in OIDC Core 5.1; some providers send the string "true".
bool email_verified(const nlohmann::json& claims) {
  auto it = claims.find("email_verified");
  if (it == claims.end()) return false;
  return (it->is_boolean() && it->get<bool>()) || (it->is_string() && it->get<std::string>() == "true");
}

}  // namespace

Result<std::unique_ptr<OidcLogin>> OidcLogin::create(OidcSettings settings, crypto::SecretBuffer client_secret,
                                                     Authenticator& authenticator, net::OutboundPolicy policy) {
  FG_TRY(check_provider_url(settings.issuer, "oidc_issuer", policy));
  if (settings.client_id.empty()) return setting_error("oidc_client_id", "is required");
  if (client_secret.empty()) {
    return setting_error("oidc_client_secret", "is required (FINGUARD_OIDC_CLIENT_SECRET or oidc_client_secret_file)");
  }
  Result<net::Url> redirect = net::Url::parse(settings.redirect_uri);
  if (!redirect.ok()) return setting_error("oidc_redirect_uri", "must be an absolute URL");
  if (settings.scopes.find("openid") == std::string::npos) return setting_error("oidc_scopes", "must include openid");
  FG_ASSIGN_OR_RETURN(OrgMapping mapping, OrgMapping::parse(settings.org_mapping));
  return std::make_unique<OidcLogin>(Key{}, std::move(settings), std::move(client_secret), std::move(mapping),
                                     authenticator, policy);
}

Result<OidcLogin::Endpoints*> OidcLogin::endpoints() {
  std::lock_guard lock(mu_);
  if (endpoints_) return endpoints_.get();
  std::string base = settings_.issuer;
  if (!base.empty() && base.back() == '/') base.pop_back();
  Result<net::OutboundResponse> r = http_.get(base + "/.well-known/openid-configuration");
  if (!r.ok()) return unavailable_error("OIDC discovery: " + r.status().message());
  if (r->status != 200) return unavailable_error("OIDC discovery: HTTP " + std::to_string(r->status));
  nlohmann::json doc = nlohmann::json::parse(r->body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return unavailable_error("OIDC discovery: not a JSON object");
  auto text = [&doc](const char* name) {
    auto it = doc.find(name);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // OpenID Connect Discovery 1.0 section 4.3: the issuer in the document must be the one we asked.
  if (text("issuer") != settings_.issuer) return unavailable_error("OIDC discovery: the issuer does not match");
  auto e = std::make_unique<Endpoints>();
  e->authorization = text("authorization_endpoint");
  e->token = text("token_endpoint");
  const std::string jwks_uri = text("jwks_uri");
  for (const std::string* u : std::initializer_list<const std::string*>{&e->authorization, &e->token, &jwks_uri}) {
    if (!check_provider_url(*u, "oidc_discovery", http_.policy()).ok()) {
      return unavailable_error("OIDC discovery: an endpoint is missing or not https");
    }
  }
  e->jwks = std::make_unique<JwksCache>(http_, auth_.context().clock, jwks_uri);
  endpoints_ = std::move(e);
  return endpoints_.get();
}

Result<OidcStart> OidcLogin::start() {
  FG_ASSIGN_OR_RETURN(Endpoints * e, endpoints());
  const std::string state = crypto::random_token();
  const std::string nonce = crypto::random_token();
  // 43 base64url characters: a valid RFC 7636 verifier (43-128 unreserved characters, 256 bits).
  const std::string verifier = crypto::random_token();
  const std::string challenge = crypto::base64url_encode(crypto::sha256(crypto::as_bytes(verifier)));
  const Timestamp now = auth_.context().clock.now();
  const std::int64_t expires = now.micros + std::chrono::microseconds(kOidcStateTtl).count();
  {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, auth_.context().db.begin_system());
    // Abandoned sign-ins leave rows behind; each start sweeps the expired ones.
    FG_TRY(tx.exec("DELETE FROM oidc_login_states WHERE expires_at < $1", {now.micros}));
    FG_TRY(
        tx.exec("INSERT INTO oidc_login_states (state_hash, nonce, code_verifier, created_at, expires_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                {internal::stored_hash(state), nonce, verifier, now.micros, expires}));
    FG_TRY(tx.commit());
  }
  std::string url = e->authorization;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "response_type=code&client_id=" + net::form_encode(settings_.client_id) +
         "&redirect_uri=" + net::form_encode(settings_.redirect_uri) + "&scope=" + net::form_encode(settings_.scopes) +
         "&state=" + state + "&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256";
  return OidcStart{std::move(url), state};
}

Result<IssuedSession> OidcLogin::finish(const std::string& code, const std::string& state, const audit::Origin& meta) {
  std::string nonce, verifier;
  {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, auth_.context().db.begin_system());
    FG_ASSIGN_OR_RETURN(store::RowSet rs,
                        tx.query("DELETE FROM oidc_login_states WHERE state_hash = $1 RETURNING nonce, code_verifier, "
                                 "expires_at",
                                 {internal::stored_hash(state)}));
    FG_TRY(tx.commit());
    if (rs.size() != 1 || rs.int64(0, 2) <= auth_.context().clock.now().micros) {
      FG_TRY(auth_.audit_sso_failure("", SsoMethod::kOidc, "unknown_or_used_state", meta));
      return refused();
    }
    nonce = rs.text(0, 0);
    verifier = rs.text(0, 1);
  }
  return verify_and_sign_in(code, nonce, verifier, meta);
}

Result<IssuedSession> OidcLogin::verify_and_sign_in(const std::string& code, const std::string& nonce,
                                                    const std::string& verifier, const audit::Origin& meta) {
  FG_ASSIGN_OR_RETURN(Endpoints * e, endpoints());
  const std::string form = "grant_type=authorization_code&code=" + net::form_encode(code) +
                           "&redirect_uri=" + net::form_encode(settings_.redirect_uri) +
                           "&code_verifier=" + net::form_encode(verifier);
  // client_secret_basic (RFC 6749 section 2.3.1): both parts form-encoded before base64.
  std::string basic = net::form_encode(settings_.client_id) + ":" + net::form_encode(secret_.view());
  const std::string authorization = "Basic " + crypto::base64_encode(crypto::as_bytes(basic));
  std::fill(basic.begin(), basic.end(), '\0');
  Result<net::OutboundResponse> r = http_.post_form(e->token, form, {{"Authorization", authorization}});
  if (!r.ok()) return unavailable_error("OIDC token endpoint: " + r.status().message());
  if (r->status != 200) {
    FG_TRY(auth_.audit_sso_failure("", SsoMethod::kOidc, "token_exchange_refused", meta));
    return refused();
  }
  nlohmann::json body = nlohmann::json::parse(r->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("id_token") || !body["id_token"].is_string()) {
    FG_TRY(auth_.audit_sso_failure("", SsoMethod::kOidc, "no_id_token", meta));
    return refused();
  }
  crypto::JwtPolicy policy{settings_.issuer, {settings_.client_id}, kOidcClockSkew};
  Result<crypto::VerifiedJwt> token = e->jwks->verify(body["id_token"].get<std::string>(), policy);
  if (!token.ok()) {
    if (token.status().code() == StatusCode::kUnavailable) return token.status();
    FG_TRY(auth_.audit_sso_failure("", SsoMethod::kOidc, "id_token_refused", meta));
    return refused();
  }
  const nlohmann::json& claims = token->claims;
  const bool nonce_ok = claims.contains("nonce") && claims["nonce"].is_string() &&
                        crypto::equal_constant_time(claims["nonce"].get<std::string>(), nonce);
  // OIDC Core 3.1.3.7: with several audiences, azp must name this client.
  const bool azp_ok =
      !claims.contains("azp") || (claims["azp"].is_string() && claims["azp"].get<std::string>() == settings_.client_id);
  if (!nonce_ok || !azp_ok) {
    FG_TRY(auth_.audit_sso_failure("", SsoMethod::kOidc, nonce_ok ? "wrong_azp" : "nonce_mismatch", meta));
    return refused();
  }
  const std::string email = claims.contains("email") && claims["email"].is_string()
                                ? internal::normalize_email(claims["email"].get<std::string>())
                                : std::string();
  if (email.empty() || !email_verified(claims)) {
    FG_TRY(auth_.audit_sso_failure(email, SsoMethod::kOidc, "email_not_verified", meta));
    return refused();
  }
  std::vector<std::string> orgs = mapping_.orgs_for(email, claims);
  if (orgs.empty()) {
    FG_TRY(auth_.audit_sso_failure(email, SsoMethod::kOidc, "not_mapped", meta));
    return refused();
  }
  return auth_.login_sso(VerifiedSsoIdentity(email, SsoMethod::kOidc, std::move(orgs)), meta);
}

}  // namespace fg::identity
