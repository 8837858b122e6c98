// PrivilegedCall: the closed list of operations that cross organizations on purpose.
//
// On PostgreSQL each is a SECURITY DEFINER function owned by the NOLOGIN, BYPASSRLS role
// finguard_definer (which owns nothing else); RLS policies are never weakened for them. On SQLite,
// which has no RLS, each is the equivalent query. This list is the whole of what may bypass tenant
// isolation: reviewing it reviews every bypass.
#pragma once

#include <cstddef>
#include <string_view>

namespace fg::store {

enum class PrivilegedCall {
  kUserMemberships,     //!< (user_id) -> org_id, role, org slug, org name: the orgs a user may switch to
  kOrgBySlugOrName,     //!< (text) -> id, slug, name: the operator factory's --org lookup
  kPlatformOrgSummary,  //!< () -> id, slug, name, member_count: platform administrators' read
  kClaimJob,            //!< (kinds "a,b", worker, now, lease_until) -> the claimed job row, or none
  kReapExpiredJobs,     //!< (now) -> id, org_id, kind, new status of each running job whose lease ran out
  kDueSchedules,        //!< (now, limit) -> id, org_id, kind, ref_id, cron, time_zone, next_run_at
  kJobQueueDepth,       //!< () -> status, kind, count over every org (metrics)
  kSecretKeyUsage,      //!< (key_id) -> count of sealed secrets still sealed to that key
  kOrgsNeedingRewrap,   //!< (active key_id) -> org_id of each org with a secret sealed to another key
  kPing,                //!< () -> 1: readiness
  // Identity's pre-authentication lookups: each returns only the row matching a presented secret's hash.
  kSessionLookup,       //!< (token_hash) -> id, org_id, user_id, created_at, last_seen_at, expires_at,
                        //!<   idle_seconds, role, user_status, deactivated_at, require_mfa, mfa_enabled
  kApiKeyLookup,        //!< (key id) -> org_id, created_by, role, secret_hash, expires_at, creator_role,
                        //!<   creator_status, deactivated_at, org require_mfa, creator mfa_enabled of the
                        //!<   unrevoked key
  kInvitationLookup,    //!< (token_hash) -> id, org_id, email, role, expires_at of the open invitation
  kRevokeUserSessions,  //!< (user_id, keep session id or NULL, now) -> revoked count, across the user's orgs
  kUserOrgPolicies,     //!< (user_id) -> org_id, require_mfa of each active membership (password policy)
  kRevokeUserApiKeys,   //!< (user_id, now) -> id, org_id of each key the user created, revoked in every org
};

//! The result columns of each call, in order: the SQLite queries of privileged_call.cpp and the
//! migrations' functions return them so. Callers read a row by these names, never by a bare index
//! (issue 21). kClaimJob returns the jobs table's own columns (the jobs module reads them by name).
namespace columns {
struct UserMemberships {
  enum : std::size_t { kOrgId, kRole, kSlug, kName };
};
struct OrgBySlugOrName {
  enum : std::size_t { kId, kSlug, kName };
};
struct PlatformOrgSummary {
  enum : std::size_t { kId, kSlug, kName, kMemberCount };
};
struct ReapExpiredJobs {
  enum : std::size_t { kId, kOrgId, kKind, kStatus };
};
struct DueSchedules {
  enum : std::size_t { kId, kOrgId, kKind, kRefId, kCron, kTimeZone, kNextRunAt };
};
struct JobQueueDepth {
  enum : std::size_t { kStatus, kKind, kCount };
};
struct SecretKeyUsage {
  enum : std::size_t { kCount };
};
struct OrgsNeedingRewrap {
  enum : std::size_t { kOrgId };
};
struct SessionLookup {
  enum : std::size_t {
    kId,
    kOrgId,
    kUserId,
    kCreatedAt,
    kLastSeenAt,
    kExpiresAt,
    kIdleSeconds,
    kRole,
    kUserStatus,
    kDeactivatedAt,
    kRequireMfa,
    kMfaEnabled
  };
};
struct ApiKeyLookup {
  enum : std::size_t {
    kOrgId,
    kCreatedBy,
    kRole,
    kSecretHash,
    kExpiresAt,
    kCreatorRole,
    kCreatorStatus,
    kDeactivatedAt,
    kRequireMfa,
    kCreatorMfaEnabled
  };
};
struct InvitationLookup {
  enum : std::size_t { kId, kOrgId, kEmail, kRole, kExpiresAt };
};
struct RevokeUserSessions {
  enum : std::size_t { kRevoked };
};
struct UserOrgPolicies {
  enum : std::size_t { kOrgId, kRequireMfa };
};
struct RevokeUserApiKeys {
  enum : std::size_t { kId, kOrgId };
};
}  // namespace columns

//! True for calls a PlatformReadTransaction may make.
bool is_read_only(PrivilegedCall call);
//! The SQL that runs the call on each backend, with $1.. parameters.
std::string_view privileged_sql(PrivilegedCall call, bool postgres);

}  // namespace fg::store
