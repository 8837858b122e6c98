#include "identity/permission_table.hpp"

#include <array>

namespace fg::identity {
namespace {

constexpr std::array kTable = {
    // Viewer: read-only (6).
    PermissionRow{"costs.read", Role::kViewer, "read costs, usage and dashboards"},
    PermissionRow{"findings.read", Role::kViewer, "read findings and savings"},
    PermissionRow{"reports.read", Role::kViewer, "read and download reports"},
    PermissionRow{"budgets.read", Role::kViewer, "read budgets and anomalies"},
    PermissionRow{"connections.read", Role::kViewer, "read cloud connections (never their secrets)"},
    PermissionRow{"roles.read", Role::kViewer, "read the roles matrix"},
    // Member: standard use (8).
    PermissionRow{"reports.create", Role::kMember, "create own reports"},
    PermissionRow{"api_keys.manage", Role::kMember, "create and revoke own API keys (role at most own)"},
    // Analyst: analytics, reports and findings triage (14).
    PermissionRow{"findings.suppress", Role::kAnalyst, "suppress or accept a finding"},
    PermissionRow{"findings.assign", Role::kAnalyst, "assign and comment findings"},
    PermissionRow{"exceptions.manage", Role::kAnalyst, "manage finding exceptions"},
    PermissionRow{"budgets.manage", Role::kAnalyst, "create and change budgets and alerts"},
    PermissionRow{"reports.schedule", Role::kAnalyst, "schedule reports"},
    PermissionRow{"exports.create", Role::kAnalyst, "export cost data (FOCUS)"},
    // Administrator: everything but owner-only billing and security (29).
    PermissionRow{"connections.create", Role::kAdministrator, "add cloud connections"},
    PermissionRow{"connections.update", Role::kAdministrator, "change cloud connections"},
    PermissionRow{"connections.delete", Role::kAdministrator, "remove cloud connections"},
    PermissionRow{"credentials.rotate", Role::kAdministrator, "replace a connection's credential"},
    PermissionRow{"ingest.run", Role::kAdministrator, "upload and ingest billing files"},
    PermissionRow{"jobs.read", Role::kAdministrator, "read the job queue"},
    PermissionRow{"jobs.manage", Role::kAdministrator, "retry and cancel jobs"},
    PermissionRow{"users.read", Role::kAdministrator, "list members"},
    PermissionRow{"users.invite", Role::kAdministrator, "invite members (role at most own)"},
    PermissionRow{"users.update_role", Role::kAdministrator, "change a member's role (at most own)"},
    PermissionRow{"users.deactivate", Role::kAdministrator, "deactivate a member"},
    PermissionRow{"users.reset_mfa", Role::kAdministrator, "reset a member's MFA"},
    PermissionRow{"users.reset_password", Role::kAdministrator, "issue a password reset link"},
    PermissionRow{"audit.read", Role::kAdministrator, "read the audit log"},
    PermissionRow{"settings.manage", Role::kAdministrator, "change org settings other than security"},
    // Owner: billing and security (35).
    PermissionRow{"billing.manage", Role::kOwner, "manage the subscription and billing"},
    PermissionRow{"security.settings", Role::kOwner, "MFA enforcement, session lifetimes, SSO"},
    PermissionRow{"owners.manage", Role::kOwner, "grant or remove the owner role"},
    PermissionRow{"keys.rotate", Role::kOwner, "rotate the org's keys"},
    PermissionRow{"audit.export", Role::kOwner, "export and verify the audit log"},
    PermissionRow{"org.delete", Role::kOwner, "delete the organization"},
};

}  // namespace

std::span<const PermissionRow> permission_table() {
  return kTable;
}

bool has_permission(Role role, std::string_view permission) {
  for (const PermissionRow& row : kTable) {
    if (row.name == permission) return role_at_least(role, row.minimum);
  }
  return false;
}

bool has_permission(std::string_view role, std::string_view permission) {
  std::optional<Role> r = parse_role(role);
  return r.has_value() && has_permission(*r, permission);
}

std::vector<std::string_view> permissions_of(Role role) {
  std::vector<std::string_view> out;
  for (const PermissionRow& row : kTable) {
    if (role_at_least(role, row.minimum)) out.push_back(row.name);
  }
  return out;
}

}  // namespace fg::identity
