#include "audit/audit_action.hpp"

#include <array>
#include <utility>

namespace fg::audit {
namespace {

constexpr std::array<std::pair<AuditAction, std::string_view>, 33> kActions = {{
    {AuditAction::kOrgCreated, "org.created"},
    {AuditAction::kAuthLoginSucceeded, "auth.login.succeeded"},
    {AuditAction::kAuthLoginFailed, "auth.login.failed"},
    {AuditAction::kAuthLogout, "auth.logout"},
    {AuditAction::kAuthSessionRevoked, "auth.session.revoked"},
    {AuditAction::kAuthPasswordChanged, "auth.password.changed"},
    {AuditAction::kAuthPasswordResetRequested, "auth.password.reset_requested"},
    {AuditAction::kAuthPasswordReset, "auth.password.reset"},
    {AuditAction::kAuthMfaEnrolled, "auth.mfa.enrolled"},
    {AuditAction::kAuthMfaDisabled, "auth.mfa.disabled"},
    {AuditAction::kAuthMfaReset, "auth.mfa.reset"},
    {AuditAction::kAuthMfaLocked, "auth.mfa.locked"},
    {AuditAction::kAuthMfaUnlocked, "auth.mfa.unlocked"},
    {AuditAction::kApiKeyCreated, "api_key.created"},
    {AuditAction::kApiKeyRevoked, "api_key.revoked"},
    {AuditAction::kUserInvited, "user.invited"},
    {AuditAction::kUserInviteAccepted, "user.invite_accepted"},
    {AuditAction::kUserInvitationRevoked, "user.invitation_revoked"},
    {AuditAction::kUserRoleChanged, "user.role_changed"},
    {AuditAction::kUserDeactivated, "user.deactivated"},
    {AuditAction::kSettingsChanged, "settings.changed"},
    {AuditAction::kKeysRotated, "keys.rotated"},
    {AuditAction::kKeysRetired, "keys.retired"},
    {AuditAction::kIngestRequested, "ingest.requested"},
    {AuditAction::kIngestCompleted, "ingest.completed"},
    {AuditAction::kJobRetried, "job.retried"},
    {AuditAction::kScheduleRan, "schedule.ran"},
    {AuditAction::kScheduleCreated, "schedule.created"},
    {AuditAction::kScheduleUpdated, "schedule.updated"},
    {AuditAction::kScheduleDeleted, "schedule.deleted"},
    {AuditAction::kOperatorCommand, "operator.command"},
    {AuditAction::kAuditCheckpoint, "audit.checkpoint"},
    {AuditAction::kAuditExported, "audit.exported"},
}};

constexpr std::array<AuditAction, kActions.size()> make_all() {
  std::array<AuditAction, kActions.size()> out{};
  for (std::size_t i = 0; i < kActions.size(); ++i) out[i] = kActions[i].first;
  return out;
}
constexpr auto kAll = make_all();

}  // namespace

std::string_view action_name(AuditAction action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "unknown";
}

std::optional<AuditAction> parse_action(std::string_view name) {
  for (const auto& [a, n] : kActions) {
    if (n == name) return a;
  }
  return std::nullopt;
}

std::span<const AuditAction> all_actions() {
  return kAll;
}

std::string_view result_name(AuditResult result) {
  switch (result) {
    case AuditResult::kSuccess: return "success";
    case AuditResult::kDenied: return "denied";
    case AuditResult::kFailed: return "failed";
  }
  return "failed";
}

std::optional<AuditResult> parse_result(std::string_view name) {
  if (name == "success") return AuditResult::kSuccess;
  if (name == "denied") return AuditResult::kDenied;
  if (name == "failed") return AuditResult::kFailed;
  return std::nullopt;
}

}  // namespace fg::audit
