#include "crypto/jwt.hpp"

#include <algorithm>
#include <cmath>

#include "crypto/encoding.hpp"

namespace fg::crypto {
namespace {

Status refused(const std::string& why) {
  return unauthenticated_error("token refused: " + why);
}

Result<nlohmann::json> decode_json_part(std::string_view part, const char* what) {
  Result<Bytes> raw = base64url_decode(part);
  if (!raw.ok()) return refused(std::string(what) + " is not base64url");
  nlohmann::json j = nlohmann::json::parse(raw->begin(), raw->end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return refused(std::string(what) + " is not a JSON object");
  return j;
}

Result<JwsAlgorithm> parse_alg(const nlohmann::json& header) {
  auto it = header.find("alg");
  if (it == header.end() || !it->is_string()) return refused("no alg");
  const std::string alg = it->get<std::string>();
  // An allowlist, not a denylist: "none", "HS256", "none " or "NONE" all land here.
  if (alg == "RS256") return JwsAlgorithm::kRs256;
  if (alg == "ES256") return JwsAlgorithm::kEs256;
  if (alg == "EdDSA") return JwsAlgorithm::kEdDsa;
  if (alg == "PS256") return JwsAlgorithm::kPs256;
  return refused("unsupported alg");
}

// A NumericDate claim (RFC 7519 section 2), as whole seconds.
Result<std::optional<std::int64_t>> numeric_claim(const nlohmann::json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return std::optional<std::int64_t>();
  if (!it->is_number()) return refused(std::string(name) + " is not a number");
  const double v = it->get<double>();
  if (!std::isfinite(v) || v < 0 || v > 1e12) return refused(std::string(name) + " is out of range");
  return std::optional<std::int64_t>(static_cast<std::int64_t>(v));
}

}  // namespace

Result<std::pair<nlohmann::json, std::string>> verify_jws(std::string_view compact, const Jwks& keys) {
  if (compact.size() > kMaxJwtBytes) return refused("too large");
  const auto dot1 = compact.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : compact.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || compact.find('.', dot2 + 1) != std::string_view::npos) {
    return refused("not a compact JWS");
  }
  FG_ASSIGN_OR_RETURN(nlohmann::json header, decode_json_part(compact.substr(0, dot1), "header"));
  FG_ASSIGN_OR_RETURN(JwsAlgorithm alg, parse_alg(header));
  // We understand no critical extensions, so RFC 7515 section 4.1.11 says refuse any.
  if (header.contains("crit")) return refused("critical header extensions are not supported");
  std::string kid;
  if (header.contains("kid")) {
    if (!header["kid"].is_string()) return refused("kid is not a string");
    kid = header["kid"].get<std::string>();
  }
  const Jwk* key = keys.find(kid, alg);
  if (key == nullptr) return refused("no key for this kid and alg");
  Result<Bytes> sig = base64url_decode(compact.substr(dot2 + 1));
  if (!sig.ok() || sig->empty()) return refused("signature is not base64url");
  if (!key->verify(compact.substr(0, dot2), *sig)) return refused("bad signature");
  Result<Bytes> payload = base64url_decode(compact.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!payload.ok()) return refused("payload is not base64url");
  return std::make_pair(std::move(header), std::string(payload->begin(), payload->end()));
}

Result<VerifiedJwt> verify_jwt(std::string_view token, const Jwks& keys, const JwtPolicy& policy, Timestamp now) {
  if (policy.issuer.empty() || policy.audiences.empty()) {
    return invalid_argument_error("jwt policy needs an issuer and at least one audience", "jwt_policy");
  }
  FG_ASSIGN_OR_RETURN(auto verified, verify_jws(token, keys));
  nlohmann::json claims = nlohmann::json::parse(verified.second, nullptr, /*allow_exceptions=*/false);
  if (claims.is_discarded() || !claims.is_object()) return refused("claims are not a JSON object");

  if (!claims.contains("iss") || !claims["iss"].is_string() || claims["iss"].get<std::string>() != policy.issuer) {
    return refused("wrong issuer");
  }
  bool aud_ok = false;
  auto accepted = [&](const nlohmann::json& a) {
    return a.is_string() &&
           std::find(policy.audiences.begin(), policy.audiences.end(), a.get<std::string>()) != policy.audiences.end();
  };
  if (claims.contains("aud")) {
    const auto& aud = claims["aud"];
    if (aud.is_array()) {
      for (const auto& a : aud) aud_ok = aud_ok || accepted(a);
    } else {
      aud_ok = accepted(aud);
    }
  }
  if (!aud_ok) return refused("wrong audience");

  const std::int64_t skew = std::min(policy.clock_skew, kMaxClockSkew).count();
  const std::int64_t t = now.seconds();
  FG_ASSIGN_OR_RETURN(std::optional<std::int64_t> exp, numeric_claim(claims, "exp"));
  FG_ASSIGN_OR_RETURN(std::optional<std::int64_t> nbf, numeric_claim(claims, "nbf"));
  FG_ASSIGN_OR_RETURN(std::optional<std::int64_t> iat, numeric_claim(claims, "iat"));
  // A login token without an expiry would be valid forever.
  if (!exp) return refused("no exp");
  // RFC 7519 4.1.4: the current time must be before exp; the instant exp itself is expired.
  if (t >= *exp + skew) return refused("expired");
  // 4.1.5: the current time must be at or after nbf. iat may equal now (+ skew), not pass it.
  if (nbf && t + skew < *nbf) return refused("not yet valid");
  if (iat && *iat > t + skew) return refused("issued in the future");
  return VerifiedJwt{std::move(verified.first), std::move(claims)};
}

}  // namespace fg::crypto
