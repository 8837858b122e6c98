// The permissions a route or a service may ask for, as constants: a misspelt name does not compile.
// Each constant is a row of the permission table (permission_table.cpp, with its minimum role and
// description); a static_assert there fails the build when a constant has no row or a row no constant,
// and the API refuses to start when a route names a permission the table lacks (issue 21).
#pragma once

#include <array>
#include <string_view>

namespace fg::identity {

//! A permission's name ("connections.create"). Construct one from a string only in tests of the
//! machinery itself; everything else uses the constants below.
class Permission {
 public:
  explicit constexpr Permission(std::string_view name) : name_(name) {}
  constexpr std::string_view name() const { return name_; }
  constexpr bool operator==(const Permission&) const = default;

 private:
  std::string_view name_;
};

namespace permissions {

inline constexpr Permission kCostsRead{"costs.read"};
inline constexpr Permission kFindingsRead{"findings.read"};
inline constexpr Permission kReportsRead{"reports.read"};
inline constexpr Permission kBudgetsRead{"budgets.read"};
inline constexpr Permission kConnectionsRead{"connections.read"};
inline constexpr Permission kRolesRead{"roles.read"};
inline constexpr Permission kReportsCreate{"reports.create"};
inline constexpr Permission kApiKeysManage{"api_keys.manage"};
inline constexpr Permission kFindingsSuppress{"findings.suppress"};
inline constexpr Permission kFindingsAssign{"findings.assign"};
inline constexpr Permission kExceptionsManage{"exceptions.manage"};
inline constexpr Permission kBudgetsManage{"budgets.manage"};
inline constexpr Permission kReportsSchedule{"reports.schedule"};
inline constexpr Permission kExportsCreate{"exports.create"};
inline constexpr Permission kConnectionsCreate{"connections.create"};
inline constexpr Permission kConnectionsUpdate{"connections.update"};
inline constexpr Permission kConnectionsDelete{"connections.delete"};
inline constexpr Permission kCredentialsRotate{"credentials.rotate"};
inline constexpr Permission kIngestRun{"ingest.run"};
inline constexpr Permission kJobsRead{"jobs.read"};
inline constexpr Permission kJobsManage{"jobs.manage"};
inline constexpr Permission kUsersRead{"users.read"};
inline constexpr Permission kUsersInvite{"users.invite"};
inline constexpr Permission kUsersUpdateRole{"users.update_role"};
inline constexpr Permission kUsersDeactivate{"users.deactivate"};
inline constexpr Permission kUsersResetMfa{"users.reset_mfa"};
inline constexpr Permission kUsersResetPassword{"users.reset_password"};
inline constexpr Permission kAuditRead{"audit.read"};
inline constexpr Permission kSettingsManage{"settings.manage"};
inline constexpr Permission kBillingManage{"billing.manage"};
inline constexpr Permission kSecuritySettings{"security.settings"};
inline constexpr Permission kOwnersManage{"owners.manage"};
inline constexpr Permission kKeysRotate{"keys.rotate"};
inline constexpr Permission kAuditExport{"audit.export"};
inline constexpr Permission kOrgDelete{"org.delete"};

//! Every constant above, in table order.
inline constexpr std::array kAll = {
    kCostsRead,        kFindingsRead,  kReportsRead,        kBudgetsRead,       kConnectionsRead,   kRolesRead,
    kReportsCreate,    kApiKeysManage, kFindingsSuppress,   kFindingsAssign,    kExceptionsManage,  kBudgetsManage,
    kReportsSchedule,  kExportsCreate, kConnectionsCreate,  kConnectionsUpdate, kConnectionsDelete, kCredentialsRotate,
    kIngestRun,        kJobsRead,      kJobsManage,         kUsersRead,         kUsersInvite,       kUsersUpdateRole,
    kUsersDeactivate,  kUsersResetMfa, kUsersResetPassword, kAuditRead,         kSettingsManage,    kBillingManage,
    kSecuritySettings, kOwnersManage,  kKeysRotate,         kAuditExport,       kOrgDelete};

}  // namespace permissions
}  // namespace fg::identity
