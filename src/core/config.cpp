#include "core/config.hpp"

#include <sys/stat.h>

#include <fstream>

#include <yaml-cpp/yaml.h>

#include "core/secret_file.hpp"
#include "core/setting_table.hpp"

namespace fg {
namespace {

Status setting_error(std::string_view name, std::string_view why) {
  return invalid_argument_error(std::string(name) + ": " + std::string(why), std::string(name));
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
    const Setting* spec = find_setting(key);
    if (spec == nullptr) return setting_error(key, "unknown setting in the config file");
    if (spec->env_only()) return setting_error(key, "is a secret: set it in the environment, not the config file");
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
  if (cfg.mode == RunMode::kProduction && cfg.worker.test_clock_scale > 1) {
    return setting_error("worker_test_clock_scale", "is a test setting and is refused in production mode");
  }
  return ok_status();
}

}  // namespace

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
    const Setting* spec = find_setting_by_env(env_name);
    if (spec == nullptr) return setting_error(env_name, "unknown FINGUARD_ environment variable");
    raw[std::string(spec->name)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
  }
  for (const auto& [name, value] : sources.flags) {
    const Setting* spec = find_setting(name);
    if (spec == nullptr) return setting_error(name, "unknown setting");
    if (spec->env_only()) return setting_error(name, "is a secret: set it in the environment, not on the command line");
    raw[name] = value;
  }
  Config cfg;
  // Every key of raw was looked up in the table above.
  for (const auto& [name, value] : raw) FG_TRY(apply_setting(*find_setting(name), cfg, value));
  FG_TRY(validate(cfg));
  return cfg;
}

}  // namespace fg
