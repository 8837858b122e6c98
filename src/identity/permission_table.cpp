#include "identity/permission_table.hpp"

#include <array>

namespace fg::identity {
namespace {

constexpr std::array kTable = {
    // Viewer: read-only (6).
    PermissionRow{permissions::kCostsRead.name(), Role::kViewer, "read costs, usage and dashboards"},
    PermissionRow{permissions::kFindingsRead.name(), Role::kViewer, "read findings and savings"},
    PermissionRow{permissions::kReportsRead.name(), Role::kViewer, "read and download reports"},
    PermissionRow{permissions::kBudgetsRead.name(), Role::kViewer, "read budgets and anomalies"},
    PermissionRow{permissions::kConnectionsRead.name(), Role::kViewer, "read cloud connections (never their secrets)"},
    PermissionRow{permissions::kRolesRead.name(), Role::kViewer, "read the roles matrix"},
    // Member: standard use (8).
    PermissionRow{permissions::kReportsCreate.name(), Role::kMember, "create own reports"},
    PermissionRow{permissions::kApiKeysManage.name(), Role::kMember,
                  "create and revoke own API keys (role at most own)"},
    // Analyst: analytics, reports and findings triage (14).
    PermissionRow{permissions::kFindingsSuppress.name(), Role::kAnalyst, "suppress or accept a finding"},
    PermissionRow{permissions::kFindingsAssign.name(), Role::kAnalyst, "assign and comment findings"},
    PermissionRow{permissions::kExceptionsManage.name(), Role::kAnalyst, "manage finding exceptions"},
    PermissionRow{permissions::kBudgetsManage.name(), Role::kAnalyst, "create and change budgets and alerts"},
    PermissionRow{permissions::kReportsSchedule.name(), Role::kAnalyst, "schedule reports"},
    PermissionRow{permissions::kExportsCreate.name(), Role::kAnalyst, "export cost data (FOCUS)"},
    // Administrator: everything but owner-only billing and security (29).
    PermissionRow{permissions::kConnectionsCreate.name(), Role::kAdministrator, "add cloud connections"},
    PermissionRow{permissions::kConnectionsUpdate.name(), Role::kAdministrator, "change cloud connections"},
    PermissionRow{permissions::kConnectionsDelete.name(), Role::kAdministrator, "remove cloud connections"},
    PermissionRow{permissions::kCredentialsRotate.name(), Role::kAdministrator, "replace a connection's credential"},
    PermissionRow{permissions::kIngestRun.name(), Role::kAdministrator, "upload and ingest billing files"},
    PermissionRow{permissions::kJobsRead.name(), Role::kAdministrator, "read the job queue"},
    PermissionRow{permissions::kJobsManage.name(), Role::kAdministrator, "retry and cancel jobs"},
    PermissionRow{permissions::kUsersRead.name(), Role::kAdministrator, "list members"},
    PermissionRow{permissions::kUsersInvite.name(), Role::kAdministrator, "invite members (role at most own)"},
    PermissionRow{permissions::kUsersUpdateRole.name(), Role::kAdministrator, "change a member's role (at most own)"},
    PermissionRow{permissions::kUsersDeactivate.name(), Role::kAdministrator, "deactivate a member"},
    PermissionRow{permissions::kUsersResetMfa.name(), Role::kAdministrator, "reset a member's MFA"},
    PermissionRow{permissions::kUsersResetPassword.name(), Role::kAdministrator, "issue a password reset link"},
    PermissionRow{permissions::kAuditRead.name(), Role::kAdministrator, "read the audit log"},
    PermissionRow{permissions::kSettingsManage.name(), Role::kAdministrator, "change org settings other than security"},
    // Owner: billing and security (35).
    PermissionRow{permissions::kBillingManage.name(), Role::kOwner, "manage the subscription and billing"},
    PermissionRow{permissions::kSecuritySettings.name(), Role::kOwner, "MFA enforcement, session lifetimes, SSO"},
    PermissionRow{permissions::kOwnersManage.name(), Role::kOwner, "grant or remove the owner role"},
    PermissionRow{permissions::kKeysRotate.name(), Role::kOwner, "rotate the org's keys"},
    PermissionRow{permissions::kAuditExport.name(), Role::kOwner, "export and verify the audit log"},
    PermissionRow{permissions::kOrgDelete.name(), Role::kOwner, "delete the organization"},
};

// Each constant of permission.hpp has exactly one row, and each row is a constant's.
constexpr bool every_permission_has_one_row() {
  if (kTable.size() != permissions::kAll.size()) return false;
  for (const Permission& p : permissions::kAll) {
    int rows = 0;
    for (const PermissionRow& row : kTable) rows += row.name == p.name() ? 1 : 0;
    if (rows != 1) return false;
  }
  return true;
}
static_assert(every_permission_has_one_row(), "permission.hpp and the permission table disagree");

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

bool has_permission(Role role, Permission permission) {
  return has_permission(role, permission.name());
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
