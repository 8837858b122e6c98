#include "api/server/internal/tls_context.hpp"

#include <openssl/ssl.h>

namespace fg::api::internal {

namespace ssl = boost::asio::ssl;

// TLS 1.2 suites; TLS 1.3 has only AEAD suites and keeps OpenSSL's defaults.
static constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

Result<std::shared_ptr<ssl::context>> make_tls_context(const std::string& cert_file, const std::string& key_file) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                   ec);
  if (ec) return internal_error("tls: cannot set options");
  SSL_CTX* native = ctx->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return internal_error("tls: cannot set the protocol floor or ciphers");
  }
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
  ctx->use_certificate_chain_file(cert_file, ec);
  if (ec) return invalid_argument_error("tls_cert: cannot load the certificate chain", "tls_cert");
  ctx->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec) return invalid_argument_error("tls_key: cannot load the private key", "tls_key");
  if (SSL_CTX_check_private_key(native) != 1) {
    return invalid_argument_error("tls_key: does not match the certificate", "tls_key");
  }
  return ctx;
}

}  // namespace fg::api::internal
