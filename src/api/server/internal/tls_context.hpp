// The server's TLS context: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers, no renegotiation, no
// compression (the Mozilla "intermediate" profile, https://wiki.mozilla.org/Security/Server_Side_TLS).
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "core/result.hpp"

namespace fg::api::internal {

//! Loads the PEM chain and key. invalid_argument naming tls_cert/tls_key when they cannot be used.
Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const std::string& cert_file,
                                                                    const std::string& key_file);

}  // namespace fg::api::internal
