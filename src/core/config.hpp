// Config: finguard's settings, merged from defaults < config file < FINGUARD_* environment < --flags,
// then validated. Validation fails closed with one line naming the setting.
//
//   ConfigSources src; src.file = "finguard.yaml"; src.env = environ; src.flags = {{"listen", "..."}};
//   Result<Config> cfg = load_config(src);
//
// Each setting is declared once, in core/setting_table.cpp (its kind, bounds, help and reader); its
// default is the initialiser of the member below that it fills. Secrets (the master key) are accepted
// from the environment only, never from the file: a config file ends up in backups and tickets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fg {

enum class RunMode { kDevelopment, kProduction };
enum class LogFormat { kJson, kText };

//! One token bucket (src/api/ratelimit/token_bucket_table.hpp): refills at `per_minute`, holds `burst`.
struct RateLimitSetting {
  std::int64_t per_minute;
  std::int64_t burst;
};

//! The API's two rate-limit stages (per client IP before authentication, per principal after it) for
//! each route class, and identity's thresholds of FAILED logins (CORRECTIONS.md "Rate limits").
struct RateLimitSettings {
  RateLimitSetting auth_per_ip{30, 10};
  RateLimitSetting mutation_per_ip{300, 60};
  RateLimitSetting read_per_ip{1200, 200};  //!< generous: a dashboard fans out
  RateLimitSetting auth_per_principal{30, 10};
  RateLimitSetting mutation_per_principal{120, 30};
  RateLimitSetting read_per_principal{1200, 200};
  std::int64_t login_failures_per_ip_per_minute = 5;
  std::int64_t login_failures_per_account_per_minute = 5;
};

//! Bounds of every rate-limit setting: at least 1; the maxima are far beyond what one process serves,
//! so "effectively unlimited" (test suites, benchmarks) stays expressible.
//! Caps on one ingest delivery (issue 20; docs/SECURITY.md "Limits and abuse"): settings ingest_max_*.
struct IngestCapSettings {
  //! Decompressed ÷ compressed bytes, checked past the first MiB: real exports compress 8-31x.
  std::int64_t max_expansion_ratio = 250;
  std::int64_t max_decompressed_bytes = 64LL << 30;
  std::int64_t max_rows = 200'000'000;
  std::int64_t max_quarantine_rows = 100'000;
  std::int64_t max_quarantine_bytes = 16LL << 20;
  std::int64_t max_strict_error_rows = 1000;
};

//! The persisted lock on a user's second factor after consecutive wrong codes (issue 20 item 10;
//! docs/SECURITY.md "Second-factor lockout"): settings mfa_lockout_*.
struct MfaLockoutSettings {
  std::int64_t failures = 5;             //!< consecutive wrong codes that lock (1 to 100)
  std::int64_t base_seconds = 60;        //!< the first lock; each further one doubles (1 to 86,400)
  std::int64_t max_seconds = 24 * 3600;  //!< the longest lock (base_seconds to 30 days)
};

//! The job worker (`finguard worker`; settings worker_*). The worker command's own flags (--concurrency,
//! --lease-ms, ...) are aliases of these settings.
struct WorkerSettings {
  int concurrency = 2;                //!< jobs run at once
  int lease_ms = 30000;               //!< a job's lease; heartbeats renew it
  int poll_ms = 500;                  //!< idle wait between empty claims
  int shutdown_timeout_ms = 30000;    //!< how long running jobs get to finish on SIGTERM
  bool scheduler = true;              //!< compete for the cluster-wide scheduler lease
  int scheduler_lease_ms = 30000;     //!< another worker takes over this long after the holder dies
  int scheduler_tick_ms = 1000;       //!< how often the scheduler renews its lease and fires due schedules
  int test_clock_scale = 1;           //!< tests only: the scheduler's clock runs N times faster
  std::int64_t test_clock_start = 0;  //!< tests only: the Unix second the fast clock starts from
  std::string id;                     //!< empty: host:pid:random
};

inline constexpr std::int64_t kMaxRateLimitPerMinute = 10'000'000;
inline constexpr std::int64_t kMaxRateLimitBurst = 10'000'000;
inline constexpr std::int64_t kMaxLoginFailuresPerMinute = 100'000;

struct Config {
  RunMode mode = RunMode::kDevelopment;
  std::string data_dir = "./var";
  std::string listen = "127.0.0.1:8080";
  std::string database_url;          //!< empty: SQLite at data_dir/finguard.db
  std::string database_admin_url;    //!< PostgreSQL superuser URL for `finguard migrate` only; serve never uses it
  std::string master_key_file;       //!< empty: data_dir/keys/master.key
  bool master_key_from_env = false;  //!< FINGUARD_MASTER_KEY is set (its value is not kept here)
  std::string log_level = "info";
  LogFormat log_format = LogFormat::kJson;
  std::string tls_cert;
  std::string tls_key;
  // Single sign-on (off while empty). The OIDC client secret comes from FINGUARD_OIDC_CLIENT_SECRET
  // (its value is not kept here; identity reads it into locked memory) or a 0600 file.
  std::string oidc_issuer;
  std::string oidc_client_id;
  bool oidc_client_secret_from_env = false;
  std::string oidc_client_secret_file;
  std::string oidc_redirect_uri;              //!< https://HOST/api/v1/auth/oidc/callback as registered
  std::vector<std::string> oidc_org_mapping;  //!< "domain:D=ORG" or "claim:NAME=VALUE=ORG" rules
  std::string cf_access_team_domain;          //!< Cloudflare Access: "TEAM.cloudflareaccess.com"
  std::string cf_access_audience;             //!< the Access application's AUD tag

  std::vector<std::string> trusted_proxies;  //!< CIDRs whose X-Forwarded-* headers are honoured
  std::vector<std::string> cors_origins;     //!< exact origins, never "*"
  std::string metrics_listen;                //!< HOST:PORT (a bare PORT is read as 127.0.0.1:PORT); empty: off
  bool allow_loopback_targets = false;       //!< outbound HTTP to 127.0.0.0/8 (tests only)
  bool enable_test_job_kinds = false;        //!< the worker also runs the test.* job kinds (tests only)
  int db_pool_size = 8;
  //! Threads that hash passwords for the API, off its I/O threads (issue 20); 0: one per core, at most 4.
  int password_hash_workers = 0;
  //! Password requests that may wait for a hash thread; past it they are answered 429 at once.
  int password_hash_queue = 32;
  std::int64_t upload_max_bytes = 1LL << 30;
  int upload_max_pending_per_org = 16;  //!< uploads of one org waiting for their ingest (past it: 429, before the body)
  int upload_report_retention_days = 30;  //!< quarantine reports older than this are swept (uploads.cleanup)
  IngestCapSettings ingest_caps;
  //! Wall-clock limit per job kind in seconds; "default" for kinds not listed (setting job_time_limits,
  //! "KIND=SECONDS,..." merged over these defaults).
  int max_schedules_per_org = 50;  //!< schedules an org may hold (POST /api/v1/schedules past it: 400)
  std::map<std::string, std::int64_t> job_time_limit_seconds = {{"default", 300}, {"ingest.upload", 1800}};
  RateLimitSettings rate_limits;
  MfaLockoutSettings mfa_lockout;
  std::string web_dir = "web/dist";  //!< the built UI; relative to the working directory; empty: none
  WorkerSettings worker;

  //! The SQLite path or PostgreSQL URL actually used.
  std::string effective_database_url() const;
  std::string effective_master_key_file() const;
  //! The URL migrations run with: database_admin_url if set, else the database URL.
  std::string effective_migrate_url() const;
  bool tls_enabled() const { return !tls_cert.empty(); }
  bool oidc_enabled() const { return !oidc_issuer.empty(); }
  bool cf_access_enabled() const { return !cf_access_team_domain.empty(); }
};

//! Where settings come from. `env` holds NAME=VALUE strings (e.g. from environ).
struct ConfigSources {
  std::optional<std::string> file;
  std::vector<std::string> env;
  std::map<std::string, std::string> flags;  //!< setting name (snake_case) -> value
};

//! Merges and validates. invalid_argument names the setting in field() and in the message.
Result<Config> load_config(const ConfigSources& sources);

}  // namespace fg
