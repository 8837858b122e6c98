#include "crypto/jwk.hpp"

#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "crypto/encoding.hpp"

namespace fg::crypto {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

Status bad(const std::string& why) {
  return invalid_argument_error("jwk: " + why, "jwks");
}

Result<Bytes> b64_member(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return bad(std::string("missing \"") + name + "\"");
  Result<Bytes> b = base64url_decode(it->get<std::string>());
  if (!b.ok() || b->empty()) return bad(std::string("\"") + name + "\" is not base64url");
  return b;
}

Result<std::shared_ptr<EVP_PKEY>> from_params(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return bad("key parameters are not a valid public key");
  }
  std::shared_ptr<EVP_PKEY> key(raw, PkeyFree());
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> check(EVP_PKEY_CTX_new_from_pkey(nullptr, raw, nullptr));
  // Catches an EC point that is not on the curve (an invalid-curve attack needs one).
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return bad("public key fails validation");
  return key;
}

Result<std::shared_ptr<EVP_PKEY>> rsa_key(const nlohmann::json& j) {
  FG_ASSIGN_OR_RETURN(Bytes n, b64_member(j, "n"));
  FG_ASSIGN_OR_RETURN(Bytes e, b64_member(j, "e"));
  std::unique_ptr<BIGNUM, BnFree> bn_n(BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr));
  std::unique_ptr<BIGNUM, BnFree> bn_e(BN_bin2bn(e.data(), static_cast<int>(e.size()), nullptr));
  if (!bn_n || !bn_e) return internal_error("jwk: out of memory");
  if (BN_num_bits(bn_n.get()) < 2048) return bad("RSA modulus is shorter than 2048 bits");
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return internal_error("jwk: out of memory");
  }
  return from_params("RSA", bld.get());
}

Result<std::shared_ptr<EVP_PKEY>> ec_key(const nlohmann::json& j) {
  if (j.value("crv", "") != "P-256") return bad("only the P-256 curve is supported");
  FG_ASSIGN_OR_RETURN(Bytes x, b64_member(j, "x"));
  FG_ASSIGN_OR_RETURN(Bytes y, b64_member(j, "y"));
  if (x.size() != 32 || y.size() != 32) return bad("P-256 coordinates must be 32 bytes");
  Bytes point{0x04};
  point.insert(point.end(), x.begin(), x.end());
  point.insert(point.end(), y.begin(), y.end());
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return internal_error("jwk: out of memory");
  }
  return from_params("EC", bld.get());
}

Result<std::shared_ptr<EVP_PKEY>> ed25519_key(const nlohmann::json& j) {
  if (j.value("crv", "") != "Ed25519") return bad("only the Ed25519 curve is supported for OKP keys");
  FG_ASSIGN_OR_RETURN(Bytes x, b64_member(j, "x"));
  if (x.size() != 32) return bad("Ed25519 key must be 32 bytes");
  EVP_PKEY* raw = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, x.data(), x.size());
  if (raw == nullptr) return bad("not a valid Ed25519 key");
  return std::shared_ptr<EVP_PKEY>(raw, PkeyFree());
}

// r || s (RFC 7518 section 3.4) to the DER form OpenSSL verifies.
bool ecdsa_raw_to_der(std::span<const std::uint8_t> raw, Bytes& der) {
  if (raw.size() != 64) return false;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  if (sig == nullptr) return false;
  BIGNUM* r = BN_bin2bn(raw.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + 32, 32, nullptr);
  if (r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return false;
  }
  const int len = i2d_ECDSA_SIG(sig, nullptr);
  bool ok = len > 0;
  if (ok) {
    der.resize(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    ok = i2d_ECDSA_SIG(sig, &p) == len;
  }
  ECDSA_SIG_free(sig);
  return ok;
}

}  // namespace

std::string_view jws_algorithm_name(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256: return "RS256";
    case JwsAlgorithm::kEs256: return "ES256";
    case JwsAlgorithm::kEdDsa: return "EdDSA";
    case JwsAlgorithm::kPs256: return "PS256";
  }
  return "";
}

Result<Jwk> Jwk::from_json(const nlohmann::json& j) {
  if (!j.is_object()) return bad("a key must be a JSON object");
  const std::string kty = j.value("kty", "");
  if (j.contains("d") || j.contains("k")) return bad("private or symmetric key material is never accepted");
  if (j.contains("use") && j.value("use", "") != "sig") return bad("key is not for signatures");
  JwsAlgorithm implied;
  Result<std::shared_ptr<EVP_PKEY>> key = bad("unsupported key type");
  if (kty == "RSA") {
    implied = JwsAlgorithm::kRs256;
    key = rsa_key(j);
  } else if (kty == "EC") {
    implied = JwsAlgorithm::kEs256;
    key = ec_key(j);
  } else if (kty == "OKP") {
    implied = JwsAlgorithm::kEdDsa;
    key = ed25519_key(j);
  } else {
    return bad("unsupported key type");
  }
  if (!key.ok()) return key.status();
  // An RSA key is RS256 unless its "alg" says PS256 (RSASSA-PSS, RFC 7518 section 3.5): one key, one
  // algorithm either way.
  if (kty == "RSA" && j.value("alg", "") == "PS256") implied = JwsAlgorithm::kPs256;
  // A key's "alg", when present, must be the one algorithm its type allows here.
  if (j.contains("alg") && j.value("alg", "") != jws_algorithm_name(implied))
    return bad("unsupported \"alg\" for this key");
  std::string kid = j.contains("kid") && j["kid"].is_string() ? j["kid"].get<std::string>() : "";
  return Jwk(std::move(kid), implied, std::move(*key));
}

bool Jwk::verify(std::string_view signing_input, std::span<const std::uint8_t> signature) const {
  Bytes der;
  std::span<const std::uint8_t> sig = signature;
  if (alg_ == JwsAlgorithm::kEs256) {
    if (!ecdsa_raw_to_der(signature, der)) return false;
    sig = der;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx) return false;
  // EdDSA hashes internally and takes no digest; the others are SHA-256 (RFC 7518, RFC 8037).
  const EVP_MD* md = alg_ == JwsAlgorithm::kEdDsa ? nullptr : EVP_sha256();
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key_.get()) != 1) return false;
  // PS256: PSS padding, MGF1 with SHA-256 and a salt as long as the digest (RFC 7518 section 3.5).
  if (alg_ == JwsAlgorithm::kPs256 && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                                       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
                                       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1)) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
}

Result<Jwks> Jwks::parse(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return bad("document is not a JWK set");
  }
  Jwks set;
  for (const auto& k : doc["keys"]) {
    Result<Jwk> key = Jwk::from_json(k);
    if (key.ok()) set.keys_.push_back(std::move(*key));
  }
  if (set.keys_.empty()) return bad("the set has no usable signature key");
  return set;
}

const Jwk* Jwks::find(std::string_view kid, JwsAlgorithm alg) const {
  const Jwk* found = nullptr;
  for (const Jwk& k : keys_) {
    if (k.algorithm() != alg) continue;
    if (!kid.empty() && k.kid() != kid) continue;
    if (found != nullptr) return nullptr;  // ambiguous: never guess between keys
    found = &k;
  }
  return found;
}

}  // namespace fg::crypto
