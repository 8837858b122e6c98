#include "core/setting_table.hpp"

#include <charconv>
#include <limits>

#include "core/config.hpp"

namespace fg {
namespace {

using K = SettingKind;
constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();

// job_time_limits: "KIND=SECONDS,..." merged over the defaults, so naming one kind keeps the others.
Status parse_job_time_limits(std::string_view v, SettingField field) {
  auto& limits = *std::get<std::map<std::string, std::int64_t>*>(field);
  std::map<std::string, std::int64_t> merged = limits;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view item = v.substr(start, end - start);
    start = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) return invalid_argument_error("no =");
    const std::string_view kind = item.substr(0, eq);
    const std::string_view number = item.substr(eq + 1);
    std::int64_t seconds = 0;
    const auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), seconds);
    const bool kind_ok = !kind.empty() && kind.size() <= 64 &&
                         kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") == std::string_view::npos;
    if (!kind_ok || ec != std::errc() || p != number.data() + number.size() || seconds < 1 || seconds > 86400) {
      return invalid_argument_error("bad item");
    }
    merged[std::string(kind)] = seconds;
  }
  limits = std::move(merged);
  return ok_status();
}

// The two settings of one token bucket: <prefix>_per_minute and <prefix>_burst.
template <RateLimitSetting RateLimitSettings::*Bucket>
void add_bucket(std::vector<Setting>& table, std::string_view per_minute, std::string_view burst,
                std::string_view per_minute_help, std::string_view burst_help) {
  table.push_back({.name = per_minute,
                   .kind = K::kInt,
                   .module = "api",
                   .help = per_minute_help,
                   .field = setting_field<&Config::rate_limits, Bucket, &RateLimitSetting::per_minute>,
                   .min = 1,
                   .max = kMaxRateLimitPerMinute});
  table.push_back({.name = burst,
                   .kind = K::kInt,
                   .module = "api",
                   .help = burst_help,
                   .field = setting_field<&Config::rate_limits, Bucket, &RateLimitSetting::burst>,
                   .min = 1,
                   .max = kMaxRateLimitBurst});
}

std::vector<Setting> build_table() {
  std::vector<Setting> table = {
      {.name = "mode",
       .kind = K::kEnum,
       .module = "app",
       .help = "production refuses the test-only settings and unsafe database roles",
       .field = setting_field<&Config::mode>,
       .values = {"development", "production"}},
      {.name = "data_dir",
       .kind = K::kString,
       .module = "app",
       .help = "data directory: the SQLite database, keys, cost store and uploads",
       .field = setting_field<&Config::data_dir>,
       .non_empty = true},
      {.name = "listen",
       .kind = K::kListen,
       .module = "api",
       .help = "HTTP listen address of `finguard serve`",
       .field = setting_field<&Config::listen>},
      {.name = "database_url",
       .kind = K::kUrl,
       .module = "store",
       .help = "the metadata database",
       .field = setting_field<&Config::database_url>,
       .values = {"postgresql://", "postgres://", "sqlite:"},
       .empty_means = "SQLite at DATA_DIR/finguard.db"},
      {.name = "database_admin_url",
       .kind = K::kUrl,
       .module = "store",
       .help = "PostgreSQL superuser URL used by `finguard migrate` only",
       .field = setting_field<&Config::database_admin_url>,
       .values = {"postgresql://", "postgres://"},
       .empty_means = "the database URL"},
      {.name = "master_key_file",
       .kind = K::kString,
       .module = "vault",
       .help = "master key file, mode 0600",
       .field = setting_field<&Config::master_key_file>,
       .empty_means = "DATA_DIR/keys/master.key"},
      {.name = "master_key",
       .kind = K::kSecret,
       .module = "vault",
       .help = "master key, base64 (instead of the key file)",
       .field = setting_field<&Config::master_key_from_env>},
      {.name = "log_level",
       .kind = K::kEnum,
       .module = "core",
       .help = "least severe log level written",
       .field = setting_field<&Config::log_level>,
       .values = {"trace", "debug", "info", "warn", "error", "off"}},
      {.name = "log_format",
       .kind = K::kEnum,
       .module = "core",
       .help = "log line format",
       .field = setting_field<&Config::log_format>,
       .values = {"json", "text"}},
      {.name = "tls_cert",
       .kind = K::kString,
       .module = "api",
       .help = "TLS certificate chain (PEM); set with tls_key or not at all",
       .field = setting_field<&Config::tls_cert>,
       .empty_means = "plain HTTP"},
      {.name = "tls_key",
       .kind = K::kString,
       .module = "api",
       .help = "TLS private key (PEM); set with tls_cert or not at all",
       .field = setting_field<&Config::tls_key>,
       .empty_means = "plain HTTP"},
      {.name = "trusted_proxies",
       .kind = K::kList,
       .module = "api",
       .help = "CIDRs of TLS proxies whose X-Forwarded-* headers are honoured",
       .field = setting_field<&Config::trusted_proxies>,
       .empty_means = "none"},
      {.name = "cors_origins",
       .kind = K::kList,
       .module = "api",
       .help = "exact allowed origins ('*' is refused: requests carry credentials)",
       .field = setting_field<&Config::cors_origins>,
       .values = {"https://", "http://"},
       .empty_means = "none"},
      {.name = "oidc_issuer",
       .kind = K::kUrl,
       .module = "identity",
       .help = "OIDC sign-in: the provider's issuer URL, exactly as its tokens' iss",
       .field = setting_field<&Config::oidc_issuer>,
       .values = {"https://", "http://"},
       .empty_means = "OIDC off"},
      {.name = "oidc_client_id",
       .kind = K::kString,
       .module = "identity",
       .help = "OIDC sign-in: the client id",
       .field = setting_field<&Config::oidc_client_id>},
      {.name = "oidc_client_secret",
       .kind = K::kSecret,
       .module = "identity",
       .help = "OIDC sign-in: the client secret (or oidc_client_secret_file)",
       .field = setting_field<&Config::oidc_client_secret_from_env>},
      {.name = "oidc_client_secret_file",
       .kind = K::kString,
       .module = "identity",
       .help = "OIDC sign-in: the client secret, a 0600 file",
       .field = setting_field<&Config::oidc_client_secret_file>},
      {.name = "oidc_redirect_uri",
       .kind = K::kString,
       .module = "identity",
       .help = "OIDC sign-in: https://HOST/api/v1/auth/oidc/callback as registered",
       .field = setting_field<&Config::oidc_redirect_uri>},
      {.name = "oidc_org_mapping",
       .kind = K::kList,
       .module = "identity",
       .help = "OIDC sign-in: domain:D=ORG or claim:NAME=VALUE=ORG rules",
       .field = setting_field<&Config::oidc_org_mapping>},
      {.name = "cf_access_team_domain",
       .kind = K::kString,
       .module = "identity",
       .help = "Cloudflare Access: TEAM.cloudflareaccess.com",
       .field = setting_field<&Config::cf_access_team_domain>,
       .empty_means = "Cloudflare Access off"},
      {.name = "cf_access_audience",
       .kind = K::kString,
       .module = "identity",
       .help = "Cloudflare Access: the application's AUD tag",
       .field = setting_field<&Config::cf_access_audience>},
      {.name = "metrics_listen",
       .kind = K::kListen,
       .module = "api, worker",
       .help = "listen address of GET /metrics (serve and worker)",
       .field = setting_field<&Config::metrics_listen>,
       .empty_means = "off",
       .bare_port = true},
      {.name = "allow_loopback_targets",
       .kind = K::kBool,
       .module = "net",
       .help = "let outbound HTTP reach loopback (tests only; refused in production mode)",
       .field = setting_field<&Config::allow_loopback_targets>},
      {.name = "enable_test_job_kinds",
       .kind = K::kBool,
       .module = "worker",
       .help = "let the worker run the test.* job kinds (tests only; refused in production mode)",
       .field = setting_field<&Config::enable_test_job_kinds>},
      {.name = "db_pool_size",
       .kind = K::kInt,
       .module = "store",
       .help = "database connections per process (a worker uses at least worker_concurrency + 2)",
       .field = setting_field<&Config::db_pool_size>,
       .min = 1,
       .max = 256},
      {.name = "password_hash_workers",
       .kind = K::kInt,
       .module = "api",
       .help = "threads hashing passwords off the I/O threads; 0: one per core, at most 4",
       .field = setting_field<&Config::password_hash_workers>,
       .min = 0,
       .max = 64},
      {.name = "password_hash_queue",
       .kind = K::kInt,
       .module = "api",
       .help = "password requests waiting for a hash thread before 429",
       .field = setting_field<&Config::password_hash_queue>,
       .min = 1,
       .max = 100000},
      {.name = "upload_max_bytes",
       .kind = K::kInt,
       .module = "api",
       .help = "largest accepted upload",
       .field = setting_field<&Config::upload_max_bytes>,
       .min = 1024,
       .max = kUnbounded},
      {.name = "upload_max_pending_per_org",
       .kind = K::kInt,
       .module = "api",
       .help = "uploads of one org waiting for their ingest (past it: 429, before the body)",
       .field = setting_field<&Config::upload_max_pending_per_org>,
       .min = 1,
       .max = 10000},
      {.name = "upload_report_retention_days",
       .kind = K::kInt,
       .module = "worker",
       .help = "days a lenient ingest's quarantine report is kept (uploads.cleanup)",
       .field = setting_field<&Config::upload_report_retention_days>,
       .min = 1,
       .max = 3650},
      {.name = "ingest_max_expansion_ratio",
       .kind = K::kInt,
       .module = "ingest",
       .help = "decompressed/compressed size an upload may reach past its first MiB",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_expansion_ratio>,
       .min = 2,
       .max = 1'000'000},
      {.name = "ingest_max_decompressed_bytes",
       .kind = K::kInt,
       .module = "ingest",
       .help = "decompressed bytes of one ingested object",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_decompressed_bytes>,
       .min = 1 << 20,
       .max = 1LL << 50},
      {.name = "ingest_max_rows",
       .kind = K::kInt,
       .module = "ingest",
       .help = "rows of one delivery",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_rows>,
       .min = 1,
       .max = 1LL << 40},
      {.name = "ingest_max_quarantine_rows",
       .kind = K::kInt,
       .module = "ingest",
       .help = "lines of a lenient ingest's quarantine report",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_quarantine_rows>,
       .min = 1,
       .max = 1LL << 32},
      {.name = "ingest_max_quarantine_bytes",
       .kind = K::kInt,
       .module = "ingest",
       .help = "bytes of a lenient ingest's quarantine report",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_quarantine_bytes>,
       .min = 1024,
       .max = 1LL << 40},
      {.name = "ingest_max_strict_error_rows",
       .kind = K::kInt,
       .module = "ingest",
       .help = "rows with errors after which a strict ingest stops validating",
       .field = setting_field<&Config::ingest_caps, &IngestCapSettings::max_strict_error_rows>,
       .min = 1,
       .max = 1LL << 32},
      {.name = "mfa_lockout_failures",
       .kind = K::kInt,
       .module = "identity",
       .help = "consecutive wrong second-factor codes that lock a user's second factor",
       .field = setting_field<&Config::mfa_lockout, &MfaLockoutSettings::failures>,
       .min = 1,
       .max = 100},
      {.name = "mfa_lockout_base_seconds",
       .kind = K::kInt,
       .module = "identity",
       .help = "the first second-factor lock in seconds; each further lock doubles",
       .field = setting_field<&Config::mfa_lockout, &MfaLockoutSettings::base_seconds>,
       .min = 1,
       .max = 86400},
      {.name = "mfa_lockout_max_seconds",
       .kind = K::kInt,
       .module = "identity",
       .help = "the longest second-factor lock in seconds (at least mfa_lockout_base_seconds)",
       .field = setting_field<&Config::mfa_lockout, &MfaLockoutSettings::max_seconds>,
       .min = 1,
       .max = 30 * 86400},
      {.name = "max_schedules_per_org",
       .kind = K::kInt,
       .module = "jobs",
       .help = "schedules an organization may hold",
       .field = setting_field<&Config::max_schedules_per_org>,
       .min = 2,
       .max = 10000},
      {.name = "job_time_limits",
       .kind = K::kCustom,
       .module = "worker",
       .help = "wall-clock limit per job kind, merged over the defaults",
       .field = setting_field<&Config::job_time_limit_seconds>,
       .rule = "comma-separated KIND=SECONDS items, KIND a job kind or default and SECONDS from 1 to 86400",
       .parse = parse_job_time_limits},
  };
  add_bucket<&RateLimitSettings::auth_per_ip>(
      table, "rate_limit_auth_per_ip_per_minute", "rate_limit_auth_per_ip_burst",
      "auth-class requests (login, password and MFA routes) per minute per client IP, before authentication",
      "auth-class requests at once per client IP");
  add_bucket<&RateLimitSettings::mutation_per_ip>(
      table, "rate_limit_mutation_per_ip_per_minute", "rate_limit_mutation_per_ip_burst",
      "mutation-class requests per minute per client IP, before authentication",
      "mutation-class requests at once per client IP");
  add_bucket<&RateLimitSettings::read_per_ip>(
      table, "rate_limit_read_per_ip_per_minute", "rate_limit_read_per_ip_burst",
      "read-class requests (reads, static files, unmatched paths) per minute per client IP, before authentication",
      "read-class requests at once per client IP");
  add_bucket<&RateLimitSettings::auth_per_principal>(
      table, "rate_limit_auth_per_principal_per_minute", "rate_limit_auth_per_principal_burst",
      "auth-class requests per minute per user or API key, after authentication",
      "auth-class requests at once per principal");
  add_bucket<&RateLimitSettings::mutation_per_principal>(
      table, "rate_limit_mutation_per_principal_per_minute", "rate_limit_mutation_per_principal_burst",
      "mutation-class requests per minute per user or API key, after authentication",
      "mutation-class requests at once per principal");
  add_bucket<&RateLimitSettings::read_per_principal>(
      table, "rate_limit_read_per_principal_per_minute", "rate_limit_read_per_principal_burst",
      "read-class requests per minute per user or API key, after authentication",
      "read-class requests at once per principal");
  const Setting rest[] = {
      {.name = "rate_limit_login_failures_per_ip_per_minute",
       .kind = K::kInt,
       .module = "identity",
       .help = "failed logins per minute per client IP",
       .field = setting_field<&Config::rate_limits, &RateLimitSettings::login_failures_per_ip_per_minute>,
       .min = 1,
       .max = kMaxLoginFailuresPerMinute},
      {.name = "rate_limit_login_failures_per_account_per_minute",
       .kind = K::kInt,
       .module = "identity",
       .help = "failed logins per minute per account",
       .field = setting_field<&Config::rate_limits, &RateLimitSettings::login_failures_per_account_per_minute>,
       .min = 1,
       .max = kMaxLoginFailuresPerMinute},
      {.name = "web_dir",
       .kind = K::kString,
       .module = "api",
       .help = "the built web UI, relative to the working directory",
       .field = setting_field<&Config::web_dir>,
       .empty_means = "no web UI"},
      {.name = "worker_concurrency",
       .kind = K::kInt,
       .module = "worker",
       .help = "jobs a worker runs at once (alias: worker --concurrency)",
       .field = setting_field<&Config::worker, &WorkerSettings::concurrency>,
       .min = 1,
       .max = 64},
      {.name = "worker_lease_ms",
       .kind = K::kInt,
       .module = "worker",
       .help = "a claimed job's lease; heartbeats renew it (alias: worker --lease-ms)",
       .field = setting_field<&Config::worker, &WorkerSettings::lease_ms>,
       .min = 200,
       .max = 600000},
      {.name = "worker_poll_ms",
       .kind = K::kInt,
       .module = "worker",
       .help = "idle wait between empty claims (alias: worker --poll-ms)",
       .field = setting_field<&Config::worker, &WorkerSettings::poll_ms>,
       .min = 1,
       .max = 60000},
      {.name = "worker_shutdown_timeout_ms",
       .kind = K::kInt,
       .module = "worker",
       .help = "how long running jobs get to finish on SIGTERM (alias: worker --shutdown-timeout-ms)",
       .field = setting_field<&Config::worker, &WorkerSettings::shutdown_timeout_ms>,
       .min = 0,
       .max = 3600000},
      {.name = "worker_scheduler",
       .kind = K::kBool,
       .module = "worker",
       .help = "compete for the scheduler lease (worker --no-scheduler sets false)",
       .field = setting_field<&Config::worker, &WorkerSettings::scheduler>},
      {.name = "worker_scheduler_lease_ms",
       .kind = K::kInt,
       .module = "worker",
       .help = "another worker takes the scheduler over this long after its holder dies (alias: worker "
               "--scheduler-lease-ms)",
       .field = setting_field<&Config::worker, &WorkerSettings::scheduler_lease_ms>,
       .min = 1000,
       .max = 600000},
      {.name = "worker_scheduler_tick_ms",
       .kind = K::kInt,
       .module = "worker",
       .help = "how often the scheduler renews its lease and fires due schedules (alias: worker --scheduler-tick-ms)",
       .field = setting_field<&Config::worker, &WorkerSettings::scheduler_tick_ms>,
       .min = 10,
       .max = 60000},
      {.name = "worker_test_clock_scale",
       .kind = K::kInt,
       .module = "worker",
       .help = "tests only: the scheduler's clock runs N times faster; above 1 refused in production mode (alias: "
               "worker --test-clock-scale)",
       .field = setting_field<&Config::worker, &WorkerSettings::test_clock_scale>,
       .min = 1,
       .max = 3600},
      {.name = "worker_test_clock_start",
       .kind = K::kInt,
       .module = "worker",
       .help = "tests only: the Unix second the fast clock starts from, the same for every worker (alias: worker "
               "--test-clock-start)",
       .field = setting_field<&Config::worker, &WorkerSettings::test_clock_start>,
       .min = 0,
       .max = 253402300799},  // 9999-12-31T23:59:59Z
      {.name = "worker_id",
       .kind = K::kString,
       .module = "worker",
       .help = "this worker's id in job rows and the scheduler lease",
       .field = setting_field<&Config::worker, &WorkerSettings::id>,
       .empty_means = "host:pid:random"},
  };
  table.insert(table.end(), std::begin(rest), std::end(rest));
  return table;
}

}  // namespace

const std::vector<Setting>& setting_table() {
  static const std::vector<Setting> kTable = build_table();
  return kTable;
}

const Setting* find_setting(std::string_view name) {
  for (const Setting& s : setting_table()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const Setting* find_setting_by_env(std::string_view env) {
  for (const Setting& s : setting_table()) {
    if (s.env() == env) return &s;
  }
  return nullptr;
}

}  // namespace fg
