// OperatorScopeFactory: the OrgScope of a CLI command run on the server by an operator
// (`ingest --org`, `audit verify --org`, the demo loader, bootstrap). It resolves the org by slug,
// exact name or id and records an operator.command event in that org's audit chain naming the OS user,
// so work done from a shell is as visible as work done through the API.
#pragma once

#include <string>

#include "audit/audit_log.hpp"
#include "core/org_scope.hpp"
#include "store/database.hpp"

namespace fg::app {

class OperatorScopeFactory {
 public:
  OperatorScopeFactory(store::Database& db, const audit::AuditLog& log) : db_(db), log_(log) {}

  //! The scope of an existing org. not_found for no match; invalid_argument when the key matches
  //! several orgs (a name shared by two). Audits `command` (e.g. "audit verify") as operator.command.
  Result<OrgScope> for_org(const std::string& org_key, const std::string& command);

  //! A scope for an org about to be created with `id` (its org.created event is its first entry).
  OrgScope for_new_org(const OrgId& id);

  //! The platform-wide read-only scope, for operator reads across orgs (e.g. `audit verify` of all).
  PlatformReadScope platform_read();

  //! The acting OS user: $SUDO_USER when run through sudo, else the effective user's name.
  static std::string os_user();
  //! The operator as an audit actor ("os:" + os_user(), role "operator").
  static Actor operator_actor();

 private:
  store::Database& db_;
  const audit::AuditLog& log_;
};

}  // namespace fg::app
