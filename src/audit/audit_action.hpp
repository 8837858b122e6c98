// AuditAction: the closed list of audited actions. Each later feature adds its actions here with the
// integration test that emits them (tests/integration/audit/every_action_test.cpp checks coverage).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fg::audit {

enum class AuditAction {
  kOrgCreated,
  kAuthLoginSucceeded,
  kAuthLoginFailed,
  kAuthLogout,
  kAuthSessionRevoked,
  kAuthPasswordChanged,
  kAuthPasswordResetRequested,
  kAuthPasswordReset,
  kAuthMfaEnrolled,
  kAuthMfaDisabled,
  kAuthMfaReset,
  kAuthMfaLocked,
  kAuthMfaUnlocked,
  kApiKeyCreated,
  kApiKeyRevoked,
  kUserInvited,
  kUserInviteAccepted,
  kUserInvitationRevoked,
  kUserRoleChanged,
  kUserDeactivated,
  kSettingsChanged,
  kKeysRotated,
  kKeysRetired,
  kIngestRequested,
  kIngestCompleted,
  kJobRetried,
  kScheduleRan,
  kScheduleCreated,
  kScheduleUpdated,
  kScheduleDeleted,
  kOperatorCommand,
  kAuditCheckpoint,
  kAuditExported,
};

//! The dotted wire name, e.g. "auth.login.succeeded".
std::string_view action_name(AuditAction action);
//! The action of a wire name; nullopt for an unknown name.
std::optional<AuditAction> parse_action(std::string_view name);
//! Every action, in declaration order.
std::span<const AuditAction> all_actions();

//! The outcome recorded with an event.
enum class AuditResult { kSuccess, kDenied, kFailed };
std::string_view result_name(AuditResult result);
std::optional<AuditResult> parse_result(std::string_view name);

}  // namespace fg::audit
