#include "app/operator_scope_factory.hpp"

#include <unistd.h>

#include <cstdlib>

#include <pwd.h>

namespace fg::app {

std::string OperatorScopeFactory::os_user() {
  if (const char* sudo = std::getenv("SUDO_USER"); sudo != nullptr && *sudo != '\0') return sudo;
  const passwd* pw = ::getpwuid(::geteuid());
  return pw != nullptr ? pw->pw_name : "uid:" + std::to_string(::geteuid());
}

Actor OperatorScopeFactory::operator_actor() {
  return Actor{Actor::Kind::kOperator, "os:" + os_user(), "operator"};
}

Result<OrgScope> OperatorScopeFactory::for_org(const std::string& org_key, const std::string& command) {
  Result<store::SystemTransaction> lookup = db_.begin_system(store::TxMode::kRead);
  if (!lookup.ok()) return lookup.status();
  Result<store::RowSet> rs = lookup->call(store::PrivilegedCall::kOrgBySlugOrName, {org_key});
  if (!rs.ok()) return rs.status();
  lookup->rollback();
  if (rs->empty()) return not_found_error("org not found (give its slug, exact name or id)");
  if (rs->size() > 1) return invalid_argument_error("several orgs match; give the slug or id", "org");
  Result<OrgId> id = OrgId::parse(rs->text(0, store::columns::OrgBySlugOrName::kId));
  if (!id.ok()) return id.status();
  OrgScope scope = OrgScope::make({}, *id, operator_actor());
  Result<store::OrgTransaction> tx = db_.begin(scope);
  if (!tx.ok()) return tx.status();
  FG_TRY(log_.append(*tx, {.action = audit::AuditAction::kOperatorCommand,
                           .target_type = "org",
                           .target_id = id->to_string(),
                           .context = {{"command", command}}}));
  FG_TRY(tx->commit());
  return scope;
}

OrgScope OperatorScopeFactory::for_new_org(const OrgId& id) {
  return OrgScope::make({}, id, operator_actor());
}

PlatformReadScope OperatorScopeFactory::platform_read() {
  return PlatformReadScope::make({}, operator_actor());
}

}  // namespace fg::app
