// finguard keys: the operator's side of the key hierarchy (docs/SECURITY.md). With the worker, the
// only user of src/vault.
//   keys init          master key (unless FINGUARD_MASTER_KEY is set) + first worker keypair
//   keys rotate        new worker keypair, made active; old keys stay until retired
//   keys list          key ids, which is active, which still have their private half
//   keys retire ID     remove an old private key once no stored secret uses it
#include <cstdio>
#include <memory>
#include <string>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/job_handlers.hpp"
#include "app/operator_scope_factory.hpp"
#include "audit/audit_log.hpp"
#include "core/log.hpp"
#include "crypto/public_keyring.hpp"
#include "vault/keyring.hpp"
#include "vault/master_key.hpp"

namespace fg::app {
namespace {

void fail(CliContext& ctx, const char* sub, const Status& s) {
  std::fprintf(stderr, "finguard keys %s: %s\n", sub, s.to_string().c_str());
  ctx.exit_code = kExitFailure;
}

void run_init(CliContext& ctx) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  const std::string dir = crypto::keys_dir_for(cfg->data_dir);
  vault::MasterKeySource master = vault::master_key_source(*cfg);
  Result<crypto::KeyId> id = vault::init_keyring(dir, master);
  if (!id.ok()) return fail(ctx, "init", id.status());
  if (!master.env_value) std::printf("master key: %s (mode 0600; back it up offline)\n", master.file_path.c_str());
  std::printf("worker key %s created in %s and made active\n", id->to_string().c_str(), dir.c_str());
  ctx.exit_code = kExitOk;
}

// Key operations touch files, not tenant rows: they go to the platform chain, with the OS user as actor.
Status audit_key_event(store::Database& db, audit::AuditAction action, const crypto::KeyId& key,
                       nlohmann::json context) {
  audit::AuditLog log;
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db.begin_system());
  const audit::AuditEvent e{
      .action = action, .target_type = "worker_key", .target_id = key.to_string(), .context = std::move(context)};
  FG_TRY(log.append_platform(tx, OperatorScopeFactory::operator_actor(), e));
  return tx.commit();
}

void run_rotate(CliContext& ctx) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  const std::string dir = crypto::keys_dir_for(cfg->data_dir);
  Result<crypto::KeyId> previous = crypto::load_active_key_id(dir);
  if (!previous.ok()) return fail(ctx, "rotate", previous.status());
  Result<crypto::SecretBuffer> master = vault::load_master_key(vault::master_key_source(*cfg));
  if (!master.ok()) return fail(ctx, "rotate", master.status());
  // The database first: a rotation that cannot be audited and followed by its re-wrap jobs is refused.
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail(ctx, "rotate", db.status());
  Result<crypto::KeyId> id = vault::rotate_keyring(dir, *master);
  if (!id.ok()) return fail(ctx, "rotate", id.status());
  std::printf("worker key %s is now active; %s stays until `finguard keys retire %s`\n", id->to_string().c_str(),
              previous->to_string().c_str(), previous->to_string().c_str());
  if (Status s =
          audit_key_event(**db, audit::AuditAction::kKeysRotated, *id, {{"previous_key_id", previous->to_string()}});
      !s.ok()) {
    return fail(ctx, "rotate", s.with_context("audit"));
  }
  // CORRECTIONS.md: re-wrapping the stored data keys is a job per org (audited, resumable); the old
  // key stays until `keys retire` proves nothing uses it.
  audit::AuditLog log;
  OperatorScopeFactory operators(**db, log);
  Result<int> enqueued = enqueue_key_rewrap_jobs(**db, operators, *id);
  if (!enqueued.ok()) return fail(ctx, "rotate", enqueued.status().with_context("enqueue re-wrap"));
  std::printf("re-wrap jobs enqueued: %d (one per org with secrets sealed to an older key)\n", *enqueued);
  ctx.exit_code = kExitOk;
}

void run_list(CliContext& ctx) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  Result<std::vector<vault::KeyInfo>> keys = vault::list_keys(crypto::keys_dir_for(cfg->data_dir));
  if (!keys.ok()) return fail(ctx, "list", keys.status());
  for (const vault::KeyInfo& k : *keys) {
    std::printf("%s%s%s\n", k.id.to_string().c_str(), k.active ? "  active" : "",
                k.has_private_key ? "" : "  retired (public half only)");
  }
  ctx.exit_code = kExitOk;
}

void run_retire(CliContext& ctx, const std::string& id_text) {
  Result<crypto::KeyId> id = crypto::KeyId::parse(id_text);
  if (!id.ok()) return fail(ctx, "retire", id.status());
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail(ctx, "retire", db.status());
  // The proof that nothing uses the key: the count of sealed secrets under it, across every org (a
  // documented privileged call). The vault deletes the private half only when it is zero.
  auto usage = [&db](const crypto::KeyId& key) -> Result<std::uint64_t> {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, (*db)->begin_system(store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kSecretKeyUsage, {key.to_string()}));
    return rs.empty() ? std::uint64_t{0}
                      : static_cast<std::uint64_t>(rs.int64(0, store::columns::SecretKeyUsage::kCount));
  };
  if (Status s = vault::retire_key(crypto::keys_dir_for(cfg->data_dir), *id, usage); !s.ok()) {
    return fail(ctx, "retire", s);
  }
  if (Status s = audit_key_event(**db, audit::AuditAction::kKeysRetired, *id, nlohmann::json::object()); !s.ok()) {
    return fail(ctx, "retire", s.with_context("audit"));
  }
  log::info("worker key retired", {{"key_id", id->to_string()}});
  std::printf("worker key %s retired: its private half is deleted\n", id->to_string().c_str());
  ctx.exit_code = kExitOk;
}

}  // namespace

void add_keys_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("keys", "create, rotate and retire encryption keys");
  cmd->require_subcommand(1);
  // Global settings (--data-dir, ...) may follow the nested subcommand too.
  cmd->fallthrough();
  cmd->add_subcommand("init", "create the master key (unless FINGUARD_MASTER_KEY is set) and the first worker keypair")
      ->fallthrough()
      ->callback([&ctx] { run_init(ctx); });
  cmd->add_subcommand("rotate", "create a new worker keypair and make it active")->fallthrough()->callback([&ctx] {
    run_rotate(ctx);
  });
  cmd->add_subcommand("list", "list worker keys")->fallthrough()->callback([&ctx] { run_list(ctx); });
  CLI::App* retire = cmd->add_subcommand("retire", "delete an old worker private key once nothing uses it");
  retire->fallthrough();
  auto id = std::make_shared<std::string>();
  retire->add_option("id", *id, "key id (16 hex characters)")->required();
  retire->callback([&ctx, id] { run_retire(ctx, *id); });
}

}  // namespace fg::app
