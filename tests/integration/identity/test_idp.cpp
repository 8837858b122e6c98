#include "test_idp.hpp"

#include <ctime>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "api/http/http_request.hpp"
#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"

namespace fg::testing {
namespace {

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

crypto::Bytes bn_param(EVP_PKEY* k, const char* name, std::size_t pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(k, name, &bn);
  crypto::Bytes out(std::max<std::size_t>(pad, static_cast<std::size_t>(BN_num_bytes(bn))));
  BN_bn2binpad(bn, out.data(), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

std::string sign_with(EVP_PKEY* key, const std::string& input, bool ecdsa) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
  std::size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  crypto::Bytes sig(len);
  EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  if (ecdsa) {
    // DER to the 64-byte R || S of RFC 7518 section 3.4.
    const unsigned char* p = sig.data();
    ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    crypto::Bytes raw(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(s), raw.data(), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(s), raw.data() + 32, 32);
    ECDSA_SIG_free(s);
    sig = raw;
  }
  return crypto::base64url_encode(sig);
}

std::string signing_input(const nlohmann::json& header, const nlohmann::json& claims) {
  return crypto::base64url_encode(crypto::as_bytes(header.dump())) + "." +
         crypto::base64url_encode(crypto::as_bytes(claims.dump()));
}

}  // namespace

struct TestIdp::Keys {
  Pkey rsa{EVP_RSA_gen(2048), &EVP_PKEY_free};
  Pkey ec{EVP_EC_gen("P-256"), &EVP_PKEY_free};
  std::string rsa_kid = "rsa-1";
};

TestIdp::TestIdp() : keys_(std::make_unique<Keys>()) {
  server_ = std::make_unique<LocalHttpServer>([this](const LocalHttpServer::Request& r) { return handle(r); });
}

TestIdp::~TestIdp() {
  release_jwks();  // a parked handler would keep the server from stopping
  server_.reset();
}

int TestIdp::jwks_requests() const {
  std::lock_guard lock(mu_);
  return jwks_requests_;
}

int TestIdp::access_certs_requests() const {
  std::lock_guard lock(mu_);
  return certs_requests_;
}

void TestIdp::set_jwks_failure(int status) {
  std::lock_guard lock(mu_);
  jwks_failure_ = status;
}

void TestIdp::hold_jwks() {
  std::lock_guard lock(mu_);
  hold_ = true;
}

void TestIdp::release_jwks() {
  std::lock_guard lock(mu_);
  hold_ = false;
  hold_cv_.notify_all();
}

bool TestIdp::wait_jwks_held(std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return hold_cv_.wait_for(lock, deadline, [this] { return parked_ > 0; });
}

bool TestIdp::jwks_held() const {
  std::lock_guard lock(mu_);
  return parked_ > 0;
}

std::string TestIdp::kid() const {
  std::lock_guard lock(mu_);
  return keys_->rsa_kid;
}

void TestIdp::rotate_rsa_key(const std::string& kid) {
  std::lock_guard lock(mu_);
  keys_->rsa.reset(EVP_RSA_gen(2048));
  keys_->rsa_kid = kid;
}

std::string TestIdp::sign_rs256(nlohmann::json header, const nlohmann::json& claims) const {
  std::lock_guard lock(mu_);
  if (!header.contains("alg")) header["alg"] = "RS256";
  if (!header.contains("kid")) header["kid"] = keys_->rsa_kid;
  const std::string input = signing_input(header, claims);
  return input + "." + sign_with(keys_->rsa.get(), input, false);
}

std::string TestIdp::sign_es256(nlohmann::json header, const nlohmann::json& claims) const {
  std::lock_guard lock(mu_);
  header["alg"] = "ES256";
  if (!header.contains("kid")) header["kid"] = "ec-1";
  const std::string input = signing_input(header, claims);
  return input + "." + sign_with(keys_->ec.get(), input, true);
}

std::string TestIdp::sign_hs256_with_public_key(const nlohmann::json& claims) const {
  std::lock_guard lock(mu_);
  const std::string input = signing_input({{"alg", "HS256"}, {"kid", keys_->rsa_kid}}, claims);
  const crypto::Bytes n = bn_param(keys_->rsa.get(), OSSL_PKEY_PARAM_RSA_N);
  return input + "." + crypto::base64url_encode(crypto::hmac_sha256(n, crypto::as_bytes(input)));
}

nlohmann::json TestIdp::jwks() const {
  const crypto::Bytes n = bn_param(keys_->rsa.get(), OSSL_PKEY_PARAM_RSA_N);
  const crypto::Bytes e = bn_param(keys_->rsa.get(), OSSL_PKEY_PARAM_RSA_E);
  const crypto::Bytes x = bn_param(keys_->ec.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32);
  const crypto::Bytes y = bn_param(keys_->ec.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32);
  return {{"keys",
           {{{"kty", "RSA"},
             {"kid", keys_->rsa_kid},
             {"use", "sig"},
             {"alg", "RS256"},
             {"n", crypto::base64url_encode(n)},
             {"e", crypto::base64url_encode(e)}},
            {{"kty", "EC"},
             {"kid", "ec-1"},
             {"use", "sig"},
             {"crv", "P-256"},
             {"x", crypto::base64url_encode(x)},
             {"y", crypto::base64url_encode(y)}}}}};
}

std::string TestIdp::query_param(const std::string& url, const std::string& name) {
  api::HttpRequest r;
  const std::size_t q = url.find('?');
  r.set_target(q == std::string::npos ? "/" : "/" + url.substr(q));
  return r.query_param(name).value_or("");
}

void TestIdp::issue_code(const std::string& code, const std::string& start_location, nlohmann::json claims) {
  std::lock_guard lock(mu_);
  codes_[code] = Code{query_param(start_location, "nonce"), query_param(start_location, "code_challenge"),
                      query_param(start_location, "redirect_uri"), std::move(claims)};
}

void TestIdp::set_token_override(std::function<std::string(const nlohmann::json&)> f) {
  std::lock_guard lock(mu_);
  override_ = std::move(f);
}

std::string TestIdp::last_token_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

LocalHttpServer::Response TestIdp::handle(const LocalHttpServer::Request& r) {
  const std::string path = r.target.substr(0, r.target.find('?'));
  if (path == "/.well-known/openid-configuration") {
    return LocalHttpServer::json(200, nlohmann::json{{"issuer", issuer()},
                                                     {"authorization_endpoint", issuer() + "/authorize"},
                                                     {"token_endpoint", issuer() + "/token"},
                                                     {"jwks_uri", issuer() + "/jwks"},
                                                     {"response_types_supported", {"code"}},
                                                     {"id_token_signing_alg_values_supported", {"RS256", "ES256"}}}
                                          .dump());
  }
  if (path == "/jwks" || path == "/cdn-cgi/access/certs") {
    std::unique_lock lock(mu_);
    ++(path == "/jwks" ? jwks_requests_ : certs_requests_);
    if (hold_) {
      ++parked_;
      hold_cv_.notify_all();
      hold_cv_.wait(lock, [this] { return !hold_; });
      --parked_;
    }
    if (jwks_failure_ != 0) return LocalHttpServer::json(jwks_failure_, R"({"error":"unavailable"})");
    return LocalHttpServer::json(200, jwks().dump());
  }
  if (path != "/token" || r.method != "POST") return LocalHttpServer::json(404, "{}");
  std::unique_lock lock(mu_);
  ++token_requests_;
  auto fail = [this](const std::string& why) {
    last_error_ = why;
    return LocalHttpServer::json(400, nlohmann::json{{"error", "invalid_grant"}}.dump());
  };
  api::HttpRequest form;
  form.set_target("/?" + r.body);
  const std::string expected_auth =
      "Basic " + crypto::base64_encode(crypto::as_bytes(std::string(kClientId) + ":" + std::string(kClientSecret)));
  auto auth = r.headers.find("authorization");
  if (auth == r.headers.end() || auth->second != expected_auth) return fail("client authentication");
  if (form.query_param("grant_type").value_or("") != "authorization_code") return fail("grant_type");
  auto it = codes_.find(form.query_param("code").value_or(""));
  if (it == codes_.end()) return fail("unknown code");
  const Code c = it->second;
  codes_.erase(it);  // codes are single use
  if (form.query_param("redirect_uri").value_or("") != c.redirect_uri) return fail("redirect_uri");
  const std::string verifier = form.query_param("code_verifier").value_or("");
  if (crypto::base64url_encode(crypto::sha256(crypto::as_bytes(verifier))) != c.challenge) return fail("pkce");
  nlohmann::json claims = c.claims;
  const std::int64_t now = now_ != 0 ? now_ : static_cast<std::int64_t>(std::time(nullptr));
  if (!claims.contains("iss")) claims["iss"] = issuer();
  if (!claims.contains("aud")) claims["aud"] = kClientId;
  if (!claims.contains("exp")) claims["exp"] = now + 300;
  if (!claims.contains("iat")) claims["iat"] = now;
  if (!claims.contains("nonce")) claims["nonce"] = c.nonce;
  if (claims["nonce"].is_null()) claims.erase("nonce");
  if (!claims.contains("sub")) claims["sub"] = "subject-1";
  last_error_.clear();
  auto override = override_;
  lock.unlock();
  const std::string token = override ? override(claims) : sign_rs256({}, claims);
  return LocalHttpServer::json(
      200, nlohmann::json{{"id_token", token}, {"access_token", "at"}, {"token_type", "Bearer"}}.dump());
}

}  // namespace fg::testing
