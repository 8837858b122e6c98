// `finguard admin ...`: operator commands for orgs and users, run on the server.
//
//   finguard admin bootstrap --org NAME --email E --password-file F [--display-name N] [--if-absent]
//       creates the first org (slug derived from NAME), its Owner and its default schedules in one
//       transaction (app/org_provisioning.hpp), audited as org.created in the new org's chain; refuses (exit 1) when
//       the org or the email already exists, or with --if-absent exits 0 saying so (for `make run`, which must be
//       re-runnable).
//   finguard admin reset-password --org ORG --email E
//       prints a single-use password-reset link (valid 1 h) for a member of ORG (slug, name or id);
//       audited in that org's chain (operator.command and auth.password.reset_requested). This is how a
//       reset reaches the user until mail exists: the API's reset route never returns the token, and
//       resets of a peer (an Owner by an Owner) are the operator's alone.
//   finguard admin verify-email --email E
//       prints a single-use link (valid 24 h) that proves an unverified account's email: accounts made
//       by accepting an invitation join no second org until then (issue 20 item 5). The operator
//       delivers it to E; redeeming it sets a new password and discards the old one, the second factor,
//       sessions and API keys. Audited in the platform chain.
//   finguard admin schedule list|add|remove --org ORG ...   (admin_schedule_command.cpp)
#include <cstdio>
#include <fstream>
#include <string>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/operator_scope_factory.hpp"
#include "app/org_provisioning.hpp"
#include "crypto/password.hpp"
#include "identity/org_service.hpp"
#include "identity/password_reset.hpp"
#include "identity/slug.hpp"
#include "identity/totp_key.hpp"
#include "jobs/job_kind.hpp"

namespace fg::app {
namespace {

struct BootstrapArgs {
  std::string org;
  std::string email;
  std::string password_file;
  std::string display_name;
  bool if_absent = false;
};

Result<std::string> read_password_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid_argument_error("--password-file: cannot be read", "password-file");
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int fail(const char* what, const Status& s) {
  std::fprintf(stderr, "finguard admin %s: %s\n", what, s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? kExitBadConfig : kExitFailure;
}

int run_bootstrap(CliContext& ctx, const BootstrapArgs& a) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) return kExitBadConfig;
  Result<std::string> password = read_password_file(a.password_file);
  if (!password.ok()) return fail("bootstrap", password.status());
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail("bootstrap", db.status());
  Result<identity::TotpKey> key = identity::TotpKey::load_or_create(identity::default_identity_key_path(cfg->data_dir));
  if (!key.ok()) return fail("bootstrap", key.status());
  audit::AuditLog log;
  OperatorScopeFactory factory(**db, log);
  identity::IdentityContext ictx{**db, log, SystemClock::instance(), crypto::default_password_hasher(), *key, {}};
  const OrgId id = OrgId::random();
  // The org, its Owner, its default schedules (the daily audit checkpoint and upload sweep) and this
  // command's own audit entry commit together: a failure leaves nothing for --if-absent to skip over.
  const auto record_command = [&log](store::OrgTransaction& tx) -> Status {
    return log.append(tx, {.action = audit::AuditAction::kOperatorCommand,
                           .target_type = "org",
                           .target_id = tx.org_id().to_string(),
                           .context = {{"command", "admin bootstrap"}}});
  };
  Result<identity::CreatedOrg> created =
      provision_org(ictx, factory.for_new_org(id), {a.org, a.email, *password, a.display_name}, record_command);
  if (!created.ok()) {
    if (a.if_absent && created.status().code() == StatusCode::kConflict) {
      std::printf("finguard admin bootstrap: already bootstrapped (%s); nothing changed\n",
                  created.status().message().c_str());
      return kExitOk;
    }
    return fail("bootstrap", created.status());
  }
  std::printf("finguard admin bootstrap: created org %s (slug %s) with owner %s\n", created->org_id.to_string().c_str(),
              created->slug.c_str(), a.email.c_str());
  return kExitOk;
}

struct ResetArgs {
  std::string org;
  std::string email;
};

int run_reset_password(CliContext& ctx, const ResetArgs& a) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) return kExitBadConfig;
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail("reset-password", db.status());
  Result<identity::TotpKey> key = identity::TotpKey::load_or_create(identity::default_identity_key_path(cfg->data_dir));
  if (!key.ok()) return fail("reset-password", key.status());
  audit::AuditLog log;
  OperatorScopeFactory factory(**db, log);
  Result<OrgScope> scope = factory.for_org(a.org, "admin reset-password");
  if (!scope.ok()) return fail("reset-password", scope.status());
  identity::IdentityContext ictx{**db, log, SystemClock::instance(), crypto::default_password_hasher(), *key, {}};
  Result<std::string> token = identity::issue_password_reset_in_org(ictx, *scope, a.email);
  if (!token.ok()) return fail("reset-password", token.status());
  std::printf(
      "password reset link for %s (single use, expires in 1 hour; give it to the user only):\n"
      "  /reset-password#token=%s\n",
      a.email.c_str(), token->c_str());
  return kExitOk;
}

int run_verify_email(CliContext& ctx, const std::string& email) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) return kExitBadConfig;
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail("verify-email", db.status());
  Result<identity::TotpKey> key = identity::TotpKey::load_or_create(identity::default_identity_key_path(cfg->data_dir));
  if (!key.ok()) return fail("verify-email", key.status());
  audit::AuditLog log;
  identity::IdentityContext ictx{**db, log, SystemClock::instance(), crypto::default_password_hasher(), *key, {}};
  Result<std::string> token = identity::issue_email_verification(ictx, OperatorScopeFactory::operator_actor(), email);
  if (!token.ok()) return fail("verify-email", token.status());
  std::printf(
      "email verification link for %s (single use, expires in 24 hours). Send it to that address only: whoever\n"
      "opens it sets the account's password, and the password, second factor, sessions and API keys set\n"
      "before are discarded.\n"
      "  /verify-email#token=%s\n",
      email.c_str(), token->c_str());
  return kExitOk;
}

}  // namespace

void add_admin_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("admin", "bootstrap and administer orgs and users");
  cmd->require_subcommand(1);
  auto args = std::make_shared<BootstrapArgs>();
  CLI::App* boot = cmd->add_subcommand("bootstrap", "create the first organization and its Owner");
  boot->add_option("--org", args->org, "organization name (its slug is derived: \"Acme Corp\" -> acme-corp)")
      ->required();
  boot->add_option("--email", args->email, "the Owner's email")->required();
  boot->add_option("--password-file", args->password_file, "file whose first line is the Owner's password")->required();
  boot->add_option("--display-name", args->display_name, "the Owner's display name");
  boot->add_flag("--if-absent", args->if_absent, "exit 0 without changes when the org or user already exists");
  boot->callback([&ctx, args] { ctx.exit_code = run_bootstrap(ctx, *args); });

  auto reset_args = std::make_shared<ResetArgs>();
  CLI::App* reset =
      cmd->add_subcommand("reset-password", "print a single-use password reset link for a member of an org");
  reset->add_option("--org", reset_args->org, "organization slug, name or id")->required();
  reset->add_option("--email", reset_args->email, "the member's email")->required();
  reset->callback([&ctx, reset_args] { ctx.exit_code = run_reset_password(ctx, *reset_args); });

  auto verify_email = std::make_shared<std::string>();
  CLI::App* verify = cmd->add_subcommand(
      "verify-email", "print a single-use link that proves an unverified account's email (sets its password)");
  verify->add_option("--email", *verify_email, "the account's email")->required();
  verify->callback([&ctx, verify_email] { ctx.exit_code = run_verify_email(ctx, *verify_email); });

  add_admin_schedule_command(*cmd, ctx);
}

}  // namespace fg::app
