// finguard audit: verify, checkpoint and export the audit log from the server's shell.
//   audit verify [--org ORG] [--checkpoint FILE]   recompute chains; exit 1 at the first broken link
//   audit checkpoint --org ORG                      print a signed checkpoint (ship it elsewhere)
//   audit export --org ORG [--format jsonl|csv]     the org's chain, in order, to stdout

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/operator_scope_factory.hpp"
#include "audit/audit_reader.hpp"
#include "audit/chain_verifier.hpp"
#include "audit/checkpoint.hpp"
#include "audit/checkpoint_key.hpp"

namespace fg::app {
namespace {

struct AuditOptions {
  std::string org;
  std::string checkpoint_file;
  std::string format = "jsonl";
};

Result<std::vector<std::uint8_t>> checkpoint_key(const Config& cfg) {
  return audit::load_or_create_checkpoint_key(cfg.data_dir);
}

struct Env {
  Config cfg;
  std::unique_ptr<store::Database> db;
  audit::AuditLog log;
};

Result<std::unique_ptr<Env>> open_env(CliContext& ctx) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) return cfg.status();
  auto env = std::make_unique<Env>();
  env->cfg = *cfg;
  FG_ASSIGN_OR_RETURN(env->db, open_database(env->cfg));
  return env;
}

void report_chain(const std::string& name, const audit::ChainReport& r, bool& all_ok) {
  if (r.ok()) {
    std::printf("%s: %lld entries, intact\n", name.c_str(), static_cast<long long>(r.count));
  } else {
    all_ok = false;
    std::printf("%s: BROKEN at entry %lld: %s\n", name.c_str(), static_cast<long long>(r.broken_seq), r.reason.c_str());
  }
}

Status run_verify(Env& env, const AuditOptions& opt, bool& all_ok) {
  std::vector<audit::Checkpoint> checkpoints;
  if (!opt.checkpoint_file.empty()) {
    FG_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> key, checkpoint_key(env.cfg));
    std::ifstream in(opt.checkpoint_file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      FG_ASSIGN_OR_RETURN(audit::Checkpoint cp, audit::parse_checkpoint(line, key));
      checkpoints.push_back(cp);
    }
  }
  OperatorScopeFactory factory(*env.db, env.log);
  std::vector<std::pair<std::string, std::string>> orgs;  // key, display slug
  if (!opt.org.empty()) {
    orgs.emplace_back(opt.org, opt.org);
  } else {
    FG_ASSIGN_OR_RETURN(store::PlatformReadTransaction tx, env.db->begin_platform_read(factory.platform_read()));
    FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kPlatformOrgSummary, {}));
    using Summary = store::columns::PlatformOrgSummary;
    for (std::size_t r = 0; r < rs.size(); ++r) orgs.emplace_back(rs.text(r, Summary::kId), rs.text(r, Summary::kSlug));
  }
  for (const auto& [key, slug] : orgs) {
    FG_ASSIGN_OR_RETURN(OrgScope scope, factory.for_org(key, "audit verify"));
    std::vector<audit::Checkpoint> mine;
    for (const auto& cp : checkpoints) {
      if (cp.org_id == scope.org_id().to_string()) mine.push_back(cp);
    }
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, env.db->begin(scope, store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(audit::ChainReport r, audit::verify_org_chain(tx, mine));
    report_chain("org " + slug, r, all_ok);
  }
  if (opt.org.empty()) {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, env.db->begin_system(store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(audit::ChainReport r, audit::verify_platform_chain(tx));
    report_chain("platform", r, all_ok);
  }
  return ok_status();
}

Status run_checkpoint(Env& env, const AuditOptions& opt) {
  FG_ASSIGN_OR_RETURN(const std::vector<std::uint8_t> key, checkpoint_key(env.cfg));
  OperatorScopeFactory factory(*env.db, env.log);
  FG_ASSIGN_OR_RETURN(OrgScope scope, factory.for_org(opt.org, "audit checkpoint"));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, env.db->begin(scope));
  FG_ASSIGN_OR_RETURN(audit::Checkpoint cp,
                      audit::record_checkpoint(tx, env.log, key, SystemClock::instance().now().micros));
  FG_TRY(tx.commit());
  std::printf("%s\n", audit::checkpoint_to_json(cp).c_str());
  return ok_status();
}

Status run_export(Env& env, const AuditOptions& opt) {
  if (opt.format != "jsonl" && opt.format != "csv") return invalid_argument_error("must be jsonl or csv", "format");
  OperatorScopeFactory factory(*env.db, env.log);
  FG_ASSIGN_OR_RETURN(OrgScope scope, factory.for_org(opt.org, "audit export"));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, env.db->begin(scope, store::TxMode::kRead));
  if (opt.format == "csv") std::cout << audit::csv_header() << "\n";
  return audit::for_each_event(tx, [&](const audit::AuditRecord& r) {
    std::cout << (opt.format == "csv" ? audit::to_csv_line(r) : audit::to_json_line(r)) << "\n";
    return ok_status();
  });
}

void run(CliContext& ctx, const char* name, const std::function<Status(Env&, bool&)>& body) {
  Result<std::unique_ptr<Env>> env = open_env(ctx);
  if (!env.ok()) {
    std::fprintf(stderr, "finguard audit %s: %s\n", name, env.status().to_string().c_str());
    ctx.exit_code = env.status().code() == StatusCode::kInvalidArgument ? kExitBadConfig : kExitFailure;
    return;
  }
  bool all_ok = true;
  if (Status s = body(**env, all_ok); !s.ok()) {
    std::fprintf(stderr, "finguard audit %s: %s\n", name, s.to_string().c_str());
    ctx.exit_code = kExitFailure;
    return;
  }
  ctx.exit_code = all_ok ? kExitOk : kExitFailure;
}

}  // namespace

void add_audit_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("audit", "verify, checkpoint and export the audit log");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<AuditOptions>();

  CLI::App* verify = cmd->add_subcommand("verify", "recompute the hash chains; exit 1 at the first broken link");
  verify->add_option("--org", opt->org, "one org (slug, name or id); default: every org and the platform chain");
  verify->add_option("--checkpoint", opt->checkpoint_file, "signed checkpoints (JSON lines) the chains must agree with")
      ->check(CLI::ExistingFile);
  verify->callback([&ctx, opt] { run(ctx, "verify", [opt](Env& e, bool& ok) { return run_verify(e, *opt, ok); }); });

  CLI::App* checkpoint = cmd->add_subcommand("checkpoint", "print a signed checkpoint of an org's chain");
  checkpoint->add_option("--org", opt->org, "slug, name or id")->required();
  checkpoint->callback(
      [&ctx, opt] { run(ctx, "checkpoint", [opt](Env& e, bool&) { return run_checkpoint(e, *opt); }); });

  CLI::App* exp = cmd->add_subcommand("export", "write an org's audit chain to stdout");
  exp->add_option("--org", opt->org, "slug, name or id")->required();
  exp->add_option("--format", opt->format, "jsonl or csv");
  exp->callback([&ctx, opt] { run(ctx, "export", [opt](Env& e, bool&) { return run_export(e, *opt); }); });
}

}  // namespace fg::app
