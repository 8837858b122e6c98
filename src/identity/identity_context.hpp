// IdentityContext: what every identity service shares (the store, the audit log, the clock, the
// password hasher, the TOTP key and the tunable settings). Where a request came from is an
// audit::Origin (audit/origin.hpp), recorded in audit events and on sessions.
#pragma once

#include <cstdint>
#include <string>

#include "audit/audit_log.hpp"
#include "audit/origin.hpp"
#include "core/time.hpp"
#include "crypto/password.hpp"
#include "identity/totp_key.hpp"
#include "store/database.hpp"

namespace fg::identity {

struct IdentitySettings {
  int login_failures_per_ip_per_minute = 5;         //!< failed logins per client IP
  int login_failures_per_account_per_minute = 5;    //!< failed logins per account (email)
  int mfa_lockout_failures = 5;                     //!< consecutive wrong second-factor codes that lock it
  std::int64_t mfa_lockout_base_seconds = 60;       //!< the first second-factor lock; each further one doubles
  std::int64_t mfa_lockout_max_seconds = 86400;     //!< the longest second-factor lock
  std::int64_t invitation_ttl_seconds = 7 * 86400;  //!< invitation links
  std::int64_t password_reset_ttl_seconds = 3600;   //!< password reset links
  std::int64_t last_seen_write_seconds = 60;        //!< session last_seen granularity (fewer writes)
  std::string totp_issuer = "finguard";
};

struct IdentityContext {
  store::Database& db;
  const audit::AuditLog& audit;
  const Clock& clock;
  const crypto::PasswordHasher& hasher;
  const TotpKey& totp_key;
  IdentitySettings settings;
};

}  // namespace fg::identity
