// TestIdp: an OpenID Connect provider and a Cloudflare Access team for tests, on a LocalHttpServer on
// 127.0.0.1. It generates its own RSA-2048 and P-256 signing keys and serves discovery, the JWKS (also
// at Access's /cdn-cgi/access/certs path) and a token endpoint that checks client_secret_basic, the
// code, the redirect URI and the PKCE S256 verifier before it returns an ID token.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "support/local_http_server.hpp"

namespace fg::testing {

class TestIdp {
 public:
  static constexpr const char* kClientId = "finguard-test";
  static constexpr const char* kClientSecret = "canary-client-secret-4f1c";  // planted canary

  TestIdp();
  ~TestIdp();

  //! "http://127.0.0.1:PORT": the issuer, and the Access team origin.
  std::string issuer() const { return server_->url(""); }

  //! A compact JWT signed with the current RSA key (RS256, kid) or the EC key (ES256).
  std::string sign_rs256(nlohmann::json header, const nlohmann::json& claims) const;
  std::string sign_es256(nlohmann::json header, const nlohmann::json& claims) const;
  //! HS256 with the RSA public key's bytes (its JWK "n", decoded) as the HMAC secret: the RS/HS confusion.
  std::string sign_hs256_with_public_key(const nlohmann::json& claims) const;
  //! The current RSA key id.
  std::string kid() const;
  //! Replaces the RSA key (the JWKS then serves only the new one) under `kid`.
  void rotate_rsa_key(const std::string& kid);

  //! Registers what the authorization endpoint would have issued: a code bound to the nonce,
  //! challenge and redirect URI of a start() redirect, with the ID token's claims (iss, aud, exp,
  //! iat and nonce are filled in unless present).
  void issue_code(const std::string& code, const std::string& start_location, nlohmann::json claims);
  //! Replaces the next ID tokens entirely (attack cases): given the default claims, returns a token.
  void set_token_override(std::function<std::string(const nlohmann::json& claims)> f);

  //! The time the token endpoint stamps into iat/exp (seconds); default: the system clock.
  void set_now(std::int64_t seconds) {
    std::lock_guard lock(mu_);
    now_ = seconds;
  }

  int token_requests() const { return token_requests_; }
  //! Requests of the OIDC JWKS (/jwks) and of Access's certs path, counted as they arrive.
  int jwks_requests() const;
  int access_certs_requests() const;

  //! Both key endpoints answer HTTP `status` instead of the keys; 0 serves the keys again.
  void set_jwks_failure(int status);
  //! Key requests block in the handler until release_jwks() (the server answers nothing else
  //! meanwhile: it serves one connection at a time). The destructor releases them too.
  void hold_jwks();
  void release_jwks();
  //! Waits until a key request is blocked by hold_jwks(); false after `deadline`.
  bool wait_jwks_held(std::chrono::milliseconds deadline);
  //! Whether a key request is blocked right now.
  bool jwks_held() const;
  //! The last token request's failure, or "" when it succeeded.
  std::string last_token_error() const;

  //! The value of query parameter `name` in a URL.
  static std::string query_param(const std::string& url, const std::string& name);

 private:
  LocalHttpServer::Response handle(const LocalHttpServer::Request& r);
  nlohmann::json jwks() const;

  struct Keys;
  struct Code {
    std::string nonce, challenge, redirect_uri;
    nlohmann::json claims;
  };
  mutable std::mutex mu_;
  std::unique_ptr<Keys> keys_;
  std::map<std::string, Code> codes_;
  std::function<std::string(const nlohmann::json&)> override_;
  std::string last_error_;
  std::int64_t now_ = 0;
  int token_requests_ = 0;
  int jwks_requests_ = 0;
  int certs_requests_ = 0;
  int jwks_failure_ = 0;
  bool hold_ = false;
  int parked_ = 0;                           // key requests blocked by hold_
  std::condition_variable hold_cv_;          // hold_ or parked_ changed
  std::unique_ptr<LocalHttpServer> server_;  // last: stops before the state above is destroyed
};

}  // namespace fg::testing
