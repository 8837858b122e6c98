#include "core/config.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <fstream>

#include <yaml-cpp/yaml.h>

#include "core/secret_file.hpp"

namespace fg {
namespace {

Status setting_error(std::string_view name, std::string_view why) {
  return invalid_argument_error(std::string(name) + ": " + std::string(why), std::string(name));
}

std::vector<std::string> split_list(std::string_view v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view item = v.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

bool parse_bool(std::string_view v, bool& out) {
  if (v == "true" || v == "1" || v == "yes") {
    out = true;
    return true;
  }
  if (v == "false" || v == "0" || v == "no") {
    out = false;
    return true;
  }
  return false;
}

template <typename Int>
bool parse_int(std::string_view v, Int& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

bool valid_listen(std::string_view v) {
  // host:port with an explicit host; "[::1]:8080" for IPv6.
  const std::size_t colon = v.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  int port = 0;
  if (!parse_int(v.substr(colon + 1), port) || port < 1 || port > 65535) return false;
  return true;
}

const SettingSpec* find_spec(std::string_view name) {
  for (const auto& s : setting_specs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// The token buckets, each with two settings: <prefix>_per_minute and <prefix>_burst.
struct BucketSetting {
  std::string_view prefix;
  RateLimitSetting RateLimitSettings::*bucket;
};
constexpr BucketSetting kBucketSettings[] = {
    {"rate_limit_auth_per_ip", &RateLimitSettings::auth_per_ip},
    {"rate_limit_mutation_per_ip", &RateLimitSettings::mutation_per_ip},
    {"rate_limit_read_per_ip", &RateLimitSettings::read_per_ip},
    {"rate_limit_auth_per_principal", &RateLimitSettings::auth_per_principal},
    {"rate_limit_mutation_per_principal", &RateLimitSettings::mutation_per_principal},
    {"rate_limit_read_per_principal", &RateLimitSettings::read_per_principal},
};

Status apply_bounded(std::string_view name, const std::string& v, std::int64_t max, std::int64_t& out) {
  std::int64_t n = 0;
  if (!parse_int(v, n) || n < 1 || n > max) {
    return setting_error(name, "must be an integer from 1 to " + std::to_string(max));
  }
  out = n;
  return ok_status();
}

// Applies a rate-limit setting; nullopt when `name` is not one.
struct IngestCapSpec {
  std::string_view name;
  std::int64_t IngestCapSettings::*field;
  std::int64_t min;
  std::int64_t max;
};
constexpr IngestCapSpec kIngestCaps[] = {
    {"ingest_max_expansion_ratio", &IngestCapSettings::max_expansion_ratio, 2, 1'000'000},
    {"ingest_max_decompressed_bytes", &IngestCapSettings::max_decompressed_bytes, 1 << 20, 1LL << 50},
    {"ingest_max_rows", &IngestCapSettings::max_rows, 1, 1LL << 40},
    {"ingest_max_quarantine_rows", &IngestCapSettings::max_quarantine_rows, 1, 1LL << 32},
    {"ingest_max_quarantine_bytes", &IngestCapSettings::max_quarantine_bytes, 1024, 1LL << 40},
    {"ingest_max_strict_error_rows", &IngestCapSettings::max_strict_error_rows, 1, 1LL << 32},
};

// nullopt: not an ingest cap.
std::optional<Status> apply_ingest_cap(IngestCapSettings& caps, std::string_view name, const std::string& v) {
  for (const IngestCapSpec& c : kIngestCaps) {
    if (c.name != name) continue;
    std::int64_t n = 0;
    if (!parse_int(v, n) || n < c.min || n > c.max) {
      return setting_error(name, "must be an integer from " + std::to_string(c.min) + " to " + std::to_string(c.max));
    }
    caps.*c.field = n;
    return ok_status();
  }
  return std::nullopt;
}

std::optional<Status> apply_rate_limit(RateLimitSettings& r, std::string_view name, const std::string& v) {
  if (name == "rate_limit_login_failures_per_ip_per_minute") {
    return apply_bounded(name, v, kMaxLoginFailuresPerMinute, r.login_failures_per_ip_per_minute);
  }
  if (name == "rate_limit_login_failures_per_account_per_minute") {
    return apply_bounded(name, v, kMaxLoginFailuresPerMinute, r.login_failures_per_account_per_minute);
  }
  for (const BucketSetting& b : kBucketSettings) {
    if (name.substr(0, b.prefix.size()) != b.prefix) continue;
    const std::string_view suffix = name.substr(b.prefix.size());
    if (suffix == "_per_minute") return apply_bounded(name, v, kMaxRateLimitPerMinute, (r.*b.bucket).per_minute);
    if (suffix == "_burst") return apply_bounded(name, v, kMaxRateLimitBurst, (r.*b.bucket).burst);
  }
  return std::nullopt;
}

// nullopt: not an mfa_lockout_* setting.
std::optional<Status> apply_mfa_lockout(MfaLockoutSettings& m, std::string_view name, const std::string& v) {
  if (name == "mfa_lockout_failures") return apply_bounded(name, v, 100, m.failures);
  if (name == "mfa_lockout_base_seconds") return apply_bounded(name, v, 86400, m.base_seconds);
  if (name == "mfa_lockout_max_seconds") return apply_bounded(name, v, 30 * 86400, m.max_seconds);
  return std::nullopt;
}

// Applies one raw value to the typed config.
Status apply(Config& cfg, std::string_view name, const std::string& v) {
  if (std::optional<Status> st = apply_rate_limit(cfg.rate_limits, name, v)) return *st;
  if (name == "mode") {
    if (v == "development")
      cfg.mode = RunMode::kDevelopment;
    else if (v == "production")
      cfg.mode = RunMode::kProduction;
    else
      return setting_error(name, "must be development or production");
  } else if (name == "data_dir") {
    if (v.empty()) return setting_error(name, "must not be empty");
    cfg.data_dir = v;
  } else if (name == "listen") {
    if (!valid_listen(v)) return setting_error(name, "must be HOST:PORT, e.g. 127.0.0.1:8080");
    cfg.listen = v;
  } else if (name == "database_url") {
    if (!v.empty() && v.rfind("postgresql://", 0) != 0 && v.rfind("postgres://", 0) != 0 &&
        v.rfind("sqlite:", 0) != 0) {
      return setting_error(name, "must start with postgresql:// or sqlite:");
    }
    cfg.database_url = v;
  } else if (name == "database_admin_url") {
    if (!v.empty() && v.rfind("postgresql://", 0) != 0 && v.rfind("postgres://", 0) != 0) {
      return setting_error(name, "must start with postgresql://");
    }
    cfg.database_admin_url = v;
  } else if (name == "master_key_file") {
    cfg.master_key_file = v;
  } else if (name == "master_key") {
    cfg.master_key_from_env = !v.empty();
  } else if (name == "log_level") {
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    if (std::find(std::begin(kLevels), std::end(kLevels), v) == std::end(kLevels)) {
      return setting_error(name, "must be one of trace, debug, info, warn, error, off");
    }
    cfg.log_level = v;
  } else if (name == "log_format") {
    if (v == "json")
      cfg.log_format = LogFormat::kJson;
    else if (v == "text")
      cfg.log_format = LogFormat::kText;
    else
      return setting_error(name, "must be json or text");
  } else if (name == "tls_cert") {
    cfg.tls_cert = v;
  } else if (name == "tls_key") {
    cfg.tls_key = v;
  } else if (name == "trusted_proxies") {
    cfg.trusted_proxies = split_list(v);
  } else if (name == "oidc_issuer") {
    if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) {
      return setting_error(name, "must be the issuer URL, https://...");
    }
    cfg.oidc_issuer = v;
  } else if (name == "oidc_client_id") {
    cfg.oidc_client_id = v;
  } else if (name == "oidc_client_secret") {
    cfg.oidc_client_secret_from_env = !v.empty();
  } else if (name == "oidc_client_secret_file") {
    cfg.oidc_client_secret_file = v;
  } else if (name == "oidc_redirect_uri") {
    cfg.oidc_redirect_uri = v;
  } else if (name == "oidc_org_mapping") {
    cfg.oidc_org_mapping = split_list(v);
  } else if (name == "cf_access_team_domain") {
    cfg.cf_access_team_domain = v;
  } else if (name == "cf_access_audience") {
    cfg.cf_access_audience = v;
  } else if (name == "cors_origins") {
    cfg.cors_origins = split_list(v);
    for (const auto& o : cfg.cors_origins) {
      if (o == "*") return setting_error(name, "must list exact origins; '*' is refused with credentials");
      if (o.rfind("https://", 0) != 0 && o.rfind("http://", 0) != 0) {
        return setting_error(name, "each origin must start with https:// or http://");
      }
    }
  } else if (name == "metrics_listen") {
    if (!v.empty() && !valid_listen(v)) return setting_error(name, "must be HOST:PORT");
    cfg.metrics_listen = v;
  } else if (name == "allow_loopback_targets") {
    if (!parse_bool(v, cfg.allow_loopback_targets)) return setting_error(name, "must be true or false");
  } else if (name == "enable_test_job_kinds") {
    if (!parse_bool(v, cfg.enable_test_job_kinds)) return setting_error(name, "must be true or false");
  } else if (name == "db_pool_size") {
    if (!parse_int(v, cfg.db_pool_size) || cfg.db_pool_size < 1 || cfg.db_pool_size > 256) {
      return setting_error(name, "must be an integer from 1 to 256");
    }
  } else if (name == "password_hash_workers") {
    if (!parse_int(v, cfg.password_hash_workers) || cfg.password_hash_workers < 0 || cfg.password_hash_workers > 64) {
      return setting_error(name, "must be an integer from 0 (one per core, at most 4) to 64");
    }
  } else if (name == "password_hash_queue") {
    if (!parse_int(v, cfg.password_hash_queue) || cfg.password_hash_queue < 1 || cfg.password_hash_queue > 100000) {
      return setting_error(name, "must be an integer from 1 to 100000");
    }
  } else if (name == "upload_max_bytes") {
    if (!parse_int(v, cfg.upload_max_bytes) || cfg.upload_max_bytes < 1024) {
      return setting_error(name, "must be an integer of at least 1024");
    }
  } else if (name == "upload_max_pending_per_org") {
    if (!parse_int(v, cfg.upload_max_pending_per_org) || cfg.upload_max_pending_per_org < 1 ||
        cfg.upload_max_pending_per_org > 10000) {
      return setting_error(name, "must be an integer from 1 to 10000");
    }
  } else if (name == "upload_report_retention_days") {
    if (!parse_int(v, cfg.upload_report_retention_days) || cfg.upload_report_retention_days < 1 ||
        cfg.upload_report_retention_days > 3650) {
      return setting_error(name, "must be an integer from 1 to 3650");
    }
  } else if (std::optional<Status> st = apply_ingest_cap(cfg.ingest_caps, name, v)) {
    return *st;
  } else if (std::optional<Status> st = apply_mfa_lockout(cfg.mfa_lockout, name, v)) {
    return *st;
  } else if (name == "max_schedules_per_org") {
    if (!parse_int(v, cfg.max_schedules_per_org) || cfg.max_schedules_per_org < 2 ||
        cfg.max_schedules_per_org > 10000) {
      return setting_error(name, "must be an integer from 2 to 10000");
    }
  } else if (name == "job_time_limits") {
    for (const std::string& item : split_list(v)) {
      const std::size_t eq = item.find('=');
      std::int64_t seconds = 0;
      const std::string kind = eq == std::string::npos ? std::string() : item.substr(0, eq);
      const bool kind_ok = !kind.empty() && kind.size() <= 64 &&
                           kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") == std::string::npos;
      if (!kind_ok || !parse_int(std::string_view(item).substr(eq + 1), seconds) || seconds < 1 || seconds > 86400) {
        return setting_error(name, "must be KIND=SECONDS items (1 to 86400 seconds; KIND a job kind or default)");
      }
      cfg.job_time_limit_seconds[kind] = seconds;
    }
  } else if (name == "web_dir") {
    cfg.web_dir = v;
  } else {
    return setting_error(name, "unknown setting");
  }
  return ok_status();
}

Status read_file(const std::string& path, std::map<std::string, std::string>& out) {
  std::ifstream in(path);
  if (!in) return setting_error("config", "cannot read the config file");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::Exception& e) {
    return setting_error("config", "not valid YAML (line " + std::to_string(e.mark.line + 1) + ")");
  }
  if (root.IsNull()) return ok_status();
  if (!root.IsMap()) return setting_error("config", "must be a mapping of setting: value");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const SettingSpec* spec = find_spec(key);
    if (spec == nullptr) return setting_error(key, "unknown setting in the config file");
    if (spec->env_only) return setting_error(key, "is a secret: set it in the environment, not the config file");
    if (kv.second.IsSequence()) {
      std::string joined;
      for (const auto& item : kv.second) {
        if (!joined.empty()) joined += ',';
        joined += item.as<std::string>();
      }
      out[key] = joined;
    } else if (kv.second.IsScalar()) {
      out[key] = kv.second.as<std::string>();
    } else if (kv.second.IsNull()) {
      out[key] = "";
    } else {
      return setting_error(key, "must be a scalar or a list");
    }
  }
  return ok_status();
}

// SSO is all or nothing: a half-configured provider fails at start-up, never as a silent bypass.
Status validate_sso(const Config& cfg) {
  const bool oidc = !cfg.oidc_issuer.empty() || !cfg.oidc_client_id.empty() || cfg.oidc_client_secret_from_env ||
                    !cfg.oidc_client_secret_file.empty() || !cfg.oidc_redirect_uri.empty() ||
                    !cfg.oidc_org_mapping.empty();
  if (oidc) {
    const std::pair<const char*, bool> required[] = {{"oidc_issuer", cfg.oidc_issuer.empty()},
                                                     {"oidc_client_id", cfg.oidc_client_id.empty()},
                                                     {"oidc_redirect_uri", cfg.oidc_redirect_uri.empty()},
                                                     {"oidc_org_mapping", cfg.oidc_org_mapping.empty()}};
    for (const auto& [name, missing] : required) {
      if (missing) return setting_error(name, "OIDC is half-configured: this setting is required");
    }
    if (cfg.oidc_client_secret_from_env == !cfg.oidc_client_secret_file.empty()) {
      return setting_error("oidc_client_secret_file",
                           "set exactly one of FINGUARD_OIDC_CLIENT_SECRET and oidc_client_secret_file");
    }
    if (!cfg.oidc_client_secret_file.empty()) {
      FG_TRY(check_private_file(cfg.oidc_client_secret_file, "oidc_client_secret_file"));
    }
  }
  if (cfg.cf_access_team_domain.empty() != cfg.cf_access_audience.empty()) {
    return setting_error(cfg.cf_access_team_domain.empty() ? "cf_access_team_domain" : "cf_access_audience",
                         "Cloudflare Access is half-configured: set both cf_access_team_domain and cf_access_audience");
  }
  return ok_status();
}

Status validate(const Config& cfg) {
  if (cfg.tls_cert.empty() != cfg.tls_key.empty()) {
    return setting_error(cfg.tls_cert.empty() ? "tls_cert" : "tls_key",
                         "TLS is half-configured: set both tls_cert and tls_key, or neither");
  }
  for (const auto* name : {"tls_cert", "tls_key"}) {
    const std::string& path = std::string_view(name) == "tls_cert" ? cfg.tls_cert : cfg.tls_key;
    if (path.empty()) continue;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return setting_error(name, "file not found");
  }
  FG_TRY(validate_sso(cfg));
  if (cfg.mfa_lockout.max_seconds < cfg.mfa_lockout.base_seconds) {
    return setting_error("mfa_lockout_max_seconds", "must be at least mfa_lockout_base_seconds");
  }
  if (cfg.mode == RunMode::kProduction && cfg.allow_loopback_targets) {
    return setting_error("allow_loopback_targets", "is a test setting and is refused in production mode");
  }
  if (cfg.mode == RunMode::kProduction && cfg.enable_test_job_kinds) {
    return setting_error("enable_test_job_kinds", "is a test setting and is refused in production mode");
  }
  return ok_status();
}

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> kSpecs = {
      {"mode", "FINGUARD_MODE", "development or production", false},
      {"data_dir", "FINGUARD_DATA_DIR", "data directory (default ./var)", false},
      {"listen", "FINGUARD_LISTEN", "HTTP listen address (default 127.0.0.1:8080)", false},
      {"database_url", "FINGUARD_DATABASE_URL", "postgresql://... (default: SQLite in the data dir)", false},
      {"database_admin_url", "FINGUARD_DATABASE_ADMIN_URL", "PostgreSQL superuser URL used by `finguard migrate` only",
       false},
      {"master_key_file", "FINGUARD_MASTER_KEY_FILE", "master key file, mode 0600 (default DATA_DIR/keys/master.key)",
       false},
      {"master_key", "FINGUARD_MASTER_KEY", "master key, base64 (environment only)", true},
      {"log_level", "FINGUARD_LOG_LEVEL", "trace, debug, info, warn, error, off", false},
      {"log_format", "FINGUARD_LOG_FORMAT", "json or text", false},
      {"tls_cert", "FINGUARD_TLS_CERT", "TLS certificate chain (PEM)", false},
      {"tls_key", "FINGUARD_TLS_KEY", "TLS private key (PEM)", false},
      {"trusted_proxies", "FINGUARD_TRUSTED_PROXIES", "comma-separated CIDRs of TLS proxies", false},
      {"cors_origins", "FINGUARD_CORS_ORIGINS", "comma-separated allowed origins", false},
      {"oidc_issuer", "FINGUARD_OIDC_ISSUER", "OIDC sign-in: the provider's issuer URL (default off)", false},
      {"oidc_client_id", "FINGUARD_OIDC_CLIENT_ID", "OIDC sign-in: the client id", false},
      {"oidc_client_secret", "FINGUARD_OIDC_CLIENT_SECRET", "OIDC sign-in: the client secret (environment only)", true},
      {"oidc_client_secret_file", "FINGUARD_OIDC_CLIENT_SECRET_FILE", "OIDC sign-in: the client secret, a 0600 file",
       false},
      {"oidc_redirect_uri", "FINGUARD_OIDC_REDIRECT_URI",
       "OIDC sign-in: https://HOST/api/v1/auth/oidc/callback as registered", false},
      {"oidc_org_mapping", "FINGUARD_OIDC_ORG_MAPPING",
       "OIDC sign-in: comma-separated domain:D=ORG or claim:NAME=VALUE=ORG rules", false},
      {"cf_access_team_domain", "FINGUARD_CF_ACCESS_TEAM_DOMAIN",
       "Cloudflare Access: TEAM.cloudflareaccess.com (default off)", false},
      {"cf_access_audience", "FINGUARD_CF_ACCESS_AUDIENCE", "Cloudflare Access: the application's AUD tag", false},
      {"metrics_listen", "FINGUARD_METRICS_LISTEN", "listen address of /metrics (default off)", false},
      {"allow_loopback_targets", "FINGUARD_ALLOW_LOOPBACK_TARGETS", "let outbound HTTP reach loopback (tests only)",
       false},
      {"enable_test_job_kinds", "FINGUARD_ENABLE_TEST_JOB_KINDS", "let the worker run test job kinds (tests only)",
       false},
      {"db_pool_size", "FINGUARD_DB_POOL_SIZE", "database connections per process", false},
      {"password_hash_workers", "FINGUARD_PASSWORD_HASH_WORKERS",
       "threads hashing passwords off the I/O threads (default 0: one per core, at most 4)", false},
      {"password_hash_queue", "FINGUARD_PASSWORD_HASH_QUEUE",
       "password requests waiting for a hash thread before 429 (default 32)", false},
      {"upload_max_bytes", "FINGUARD_UPLOAD_MAX_BYTES", "largest accepted upload", false},
      {"upload_max_pending_per_org", "FINGUARD_UPLOAD_MAX_PENDING_PER_ORG",
       "uploads of one org waiting for their ingest (default 16)", false},
      {"upload_report_retention_days", "FINGUARD_UPLOAD_REPORT_RETENTION_DAYS",
       "days a lenient ingest's quarantine report is kept (default 30)", false},
      {"ingest_max_expansion_ratio", "FINGUARD_INGEST_MAX_EXPANSION_RATIO",
       "decompressed/compressed size an upload may reach past its first MiB (default 250)", false},
      {"ingest_max_decompressed_bytes", "FINGUARD_INGEST_MAX_DECOMPRESSED_BYTES",
       "decompressed bytes of one ingested object (default 64 GiB)", false},
      {"ingest_max_rows", "FINGUARD_INGEST_MAX_ROWS", "rows of one delivery (default 200000000)", false},
      {"ingest_max_quarantine_rows", "FINGUARD_INGEST_MAX_QUARANTINE_ROWS",
       "lines of a lenient ingest's quarantine report (default 100000)", false},
      {"ingest_max_quarantine_bytes", "FINGUARD_INGEST_MAX_QUARANTINE_BYTES",
       "bytes of a lenient ingest's quarantine report (default 16 MiB)", false},
      {"ingest_max_strict_error_rows", "FINGUARD_INGEST_MAX_STRICT_ERROR_ROWS",
       "rows with errors after which a strict ingest stops validating (default 1000)", false},
      {"mfa_lockout_failures", "FINGUARD_MFA_LOCKOUT_FAILURES",
       "consecutive wrong second-factor codes that lock a user's second factor (default 5)", false},
      {"mfa_lockout_base_seconds", "FINGUARD_MFA_LOCKOUT_BASE_SECONDS",
       "the first second-factor lock in seconds; each further lock doubles (default 60)", false},
      {"mfa_lockout_max_seconds", "FINGUARD_MFA_LOCKOUT_MAX_SECONDS",
       "the longest second-factor lock in seconds (default 86400)", false},
      {"max_schedules_per_org", "FINGUARD_MAX_SCHEDULES_PER_ORG", "schedules an organization may hold (default 50)",
       false},
      {"job_time_limits", "FINGUARD_JOB_TIME_LIMITS",
       "wall-clock limit per job kind, KIND=SECONDS,... (default: default=300,ingest.upload=1800)", false},
      {"rate_limit_auth_per_ip_per_minute", "FINGUARD_RATE_LIMIT_AUTH_PER_IP_PER_MINUTE",
       "auth-class requests per minute per client IP, before authentication (default 30)", false},
      {"rate_limit_auth_per_ip_burst", "FINGUARD_RATE_LIMIT_AUTH_PER_IP_BURST",
       "auth-class requests at once per client IP (default 10)", false},
      {"rate_limit_mutation_per_ip_per_minute", "FINGUARD_RATE_LIMIT_MUTATION_PER_IP_PER_MINUTE",
       "mutation-class requests per minute per client IP, before authentication (default 300)", false},
      {"rate_limit_mutation_per_ip_burst", "FINGUARD_RATE_LIMIT_MUTATION_PER_IP_BURST",
       "mutation-class requests at once per client IP (default 60)", false},
      {"rate_limit_read_per_ip_per_minute", "FINGUARD_RATE_LIMIT_READ_PER_IP_PER_MINUTE",
       "read-class requests per minute per client IP, before authentication (default 1200)", false},
      {"rate_limit_read_per_ip_burst", "FINGUARD_RATE_LIMIT_READ_PER_IP_BURST",
       "read-class requests at once per client IP (default 200)", false},
      {"rate_limit_auth_per_principal_per_minute", "FINGUARD_RATE_LIMIT_AUTH_PER_PRINCIPAL_PER_MINUTE",
       "auth-class requests per minute per user or API key, after authentication (default 30)", false},
      {"rate_limit_auth_per_principal_burst", "FINGUARD_RATE_LIMIT_AUTH_PER_PRINCIPAL_BURST",
       "auth-class requests at once per principal (default 10)", false},
      {"rate_limit_mutation_per_principal_per_minute", "FINGUARD_RATE_LIMIT_MUTATION_PER_PRINCIPAL_PER_MINUTE",
       "mutation-class requests per minute per user or API key, after authentication (default 120)", false},
      {"rate_limit_mutation_per_principal_burst", "FINGUARD_RATE_LIMIT_MUTATION_PER_PRINCIPAL_BURST",
       "mutation-class requests at once per principal (default 30)", false},
      {"rate_limit_read_per_principal_per_minute", "FINGUARD_RATE_LIMIT_READ_PER_PRINCIPAL_PER_MINUTE",
       "read-class requests per minute per user or API key, after authentication (default 1200)", false},
      {"rate_limit_read_per_principal_burst", "FINGUARD_RATE_LIMIT_READ_PER_PRINCIPAL_BURST",
       "read-class requests at once per principal (default 200)", false},
      {"rate_limit_login_failures_per_ip_per_minute", "FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_MINUTE",
       "failed logins per minute per client IP (default 5)", false},
      {"rate_limit_login_failures_per_account_per_minute", "FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE",
       "failed logins per minute per account (default 5)", false},
      {"web_dir", "FINGUARD_WEB_DIR",
       "the built web UI, relative to the working directory (default web/dist; empty: none)", false},
  };
  return kSpecs;
}

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/finguard.db" : database_url;
}

std::string Config::effective_master_key_file() const {
  return master_key_file.empty() ? data_dir + "/keys/master.key" : master_key_file;
}

std::string Config::effective_migrate_url() const {
  return database_admin_url.empty() ? effective_database_url() : database_admin_url;
}

Result<Config> load_config(const ConfigSources& sources) {
  std::map<std::string, std::string> raw;  // setting name -> value, later sources overwrite
  if (sources.file) FG_TRY(read_file(*sources.file, raw));
  for (const std::string& entry : sources.env) {
    if (entry.rfind("FINGUARD_", 0) != 0) continue;
    const std::size_t eq = entry.find('=');
    const std::string env_name = entry.substr(0, eq);
    const SettingSpec* spec = nullptr;
    for (const auto& s : setting_specs()) {
      if (s.env == env_name) spec = &s;
    }
    if (spec == nullptr) return setting_error(env_name, "unknown FINGUARD_ environment variable");
    raw[std::string(spec->name)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
  }
  for (const auto& [name, value] : sources.flags) {
    const SettingSpec* spec = find_spec(name);
    if (spec == nullptr) return setting_error(name, "unknown setting");
    if (spec->env_only) return setting_error(name, "is a secret: set it in the environment, not on the command line");
    raw[name] = value;
  }
  Config cfg;
  for (const auto& [name, value] : raw) FG_TRY(apply(cfg, name, value));
  FG_TRY(validate(cfg));
  return cfg;
}

}  // namespace fg
