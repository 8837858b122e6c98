#include "identity/sso/jwks_cache.hpp"

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"

namespace fg::identity {

std::string jwt_header_alg(std::string_view token) {
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos) return {};
  Result<crypto::Bytes> raw = crypto::base64url_decode(token.substr(0, dot));
  if (!raw.ok()) return {};
  nlohmann::json h = nlohmann::json::parse(raw->begin(), raw->end(), nullptr, /*allow_exceptions=*/false);
  if (!h.is_object() || !h.contains("alg") || !h["alg"].is_string()) return {};
  return h["alg"].get<std::string>();
}

Status JwksCache::refresh_locked() {
  Result<net::OutboundResponse> r = client_.get(uri_);
  if (!r.ok()) return unavailable_error("identity provider keys: " + r.status().message());
  if (r->status != 200) return unavailable_error("identity provider keys: HTTP " + std::to_string(r->status));
  Result<crypto::Jwks> set = crypto::Jwks::parse(r->body);
  if (!set.ok()) return unavailable_error("identity provider keys: " + set.status().message());
  keys_ = std::make_shared<const crypto::Jwks>(std::move(*set));
  fetched_at_ = clock_.now();
  return ok_status();
}

Result<crypto::VerifiedJwt> JwksCache::verify(std::string_view token, const crypto::JwtPolicy& policy) {
  const std::string alg = jwt_header_alg(token);
  if (alg != "RS256" && alg != "ES256" && alg != "PS256") {
    return unauthenticated_error("token refused: unsupported alg");
  }
  std::shared_ptr<const crypto::Jwks> keys;
  {
    std::lock_guard lock(mu_);
    const Timestamp now = clock_.now();
    if (!keys_ || now.seconds() - fetched_at_.seconds() > kJwksMaxAge.count()) FG_TRY(refresh_locked());
    keys = keys_;
  }
  Result<crypto::VerifiedJwt> v = crypto::verify_jwt(token, *keys, policy, clock_.now());
  // crypto::verify_jws names this one reason "no key for this kid and alg": the only failure a
  // refetch can cure (the provider rotated its keys since we fetched them).
  if (v.ok() || v.status().message().find("no key for") == std::string::npos) return v;
  {
    std::lock_guard lock(mu_);
    const Timestamp now = clock_.now();
    if (keys_ == keys && now.seconds() - fetched_at_.seconds() >= kJwksMinRefresh.count()) FG_TRY(refresh_locked());
    if (keys_ == keys) return v;
    keys = keys_;
  }
  return crypto::verify_jwt(token, *keys, policy, clock_.now());
}

}  // namespace fg::identity
