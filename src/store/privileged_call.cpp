#include "store/privileged_call.hpp"

namespace fg::store {

bool is_read_only(PrivilegedCall call) {
  switch (call) {
    case PrivilegedCall::kUserMemberships:
    case PrivilegedCall::kOrgBySlugOrName:
    case PrivilegedCall::kPlatformOrgSummary:
    case PrivilegedCall::kPing:
    case PrivilegedCall::kJobQueueDepth:
    case PrivilegedCall::kSecretKeyUsage:
    case PrivilegedCall::kOrgsNeedingRewrap: return true;
    case PrivilegedCall::kClaimJob:
    case PrivilegedCall::kReapExpiredJobs:
    case PrivilegedCall::kDueSchedules: return false;
    // Identity's lookups are pre-authentication: never a platform administrator's read.
    case PrivilegedCall::kSessionLookup:
    case PrivilegedCall::kApiKeyLookup:
    case PrivilegedCall::kInvitationLookup:
    case PrivilegedCall::kRevokeUserSessions:
    case PrivilegedCall::kUserOrgPolicies:
    case PrivilegedCall::kRevokeUserApiKeys: return false;
  }
  return false;
}

std::string_view privileged_sql(PrivilegedCall call, bool postgres) {
  // PostgreSQL: the SECURITY DEFINER functions of the migrations. SQLite: the same result shape.
  switch (call) {
    case PrivilegedCall::kUserMemberships:
      return postgres ? "SELECT org_id, role, slug, name FROM fg_user_memberships($1)"
                      : "SELECT m.org_id, m.role, o.slug, o.name FROM memberships m JOIN orgs o ON o.id = m.org_id "
                        "WHERE m.user_id = $1 ORDER BY o.slug";
    case PrivilegedCall::kOrgBySlugOrName:
      return postgres ? "SELECT id, slug, name FROM fg_org_lookup($1)"
                      : "SELECT id, slug, name FROM orgs WHERE id = $1 OR slug = $1 OR name = $1 ORDER BY slug LIMIT 2";
    case PrivilegedCall::kPlatformOrgSummary:
      return postgres ? "SELECT id, slug, name, member_count FROM fg_platform_org_summary()"
                      : "SELECT o.id, o.slug, o.name, (SELECT count(*) FROM memberships m WHERE m.org_id = o.id) "
                        "FROM orgs o ORDER BY o.slug";
    case PrivilegedCall::kClaimJob:
      // Fair across orgs: the oldest ready job of the org whose last claim is the oldest (0007).
      // Both return the columns of jobs in table order (kJobColumns in the jobs module relies on it).
      return postgres ? "SELECT * FROM fg_claim_job($1, $2, $3, $4)"
                      : "UPDATE jobs SET status = 'running', attempts = attempts + 1, worker_id = $2, lease_until = $4 "
                        "WHERE id = (SELECT j.id FROM jobs j LEFT JOIN job_claim_turns t ON t.org_id = j.org_id "
                        "WHERE j.status IN ('queued', 'failed') AND j.run_after <= $3 "
                        "AND instr(',' || $1 || ',', ',' || j.kind || ',') > 0 "
                        "ORDER BY COALESCE(t.turn, 0), j.run_after, j.created_at LIMIT 1) "
                        "RETURNING *";  // the jobs_claim_turn trigger (migration 0007) moves the org back
    case PrivilegedCall::kReapExpiredJobs:
      return postgres ? "SELECT id, org_id, kind, status FROM fg_reap_expired_jobs($1)"
                      : "UPDATE jobs SET status = CASE WHEN idempotent = 1 AND attempts < max_attempts THEN 'failed' "
                        "ELSE 'dead' END, run_after = $1, lease_until = NULL, worker_id = NULL, "
                        "last_error = 'lease expired: worker lost', finished_at = CASE WHEN idempotent = 1 AND "
                        "attempts < max_attempts THEN NULL ELSE $1 END "
                        "WHERE status = 'running' AND lease_until < $1 RETURNING id, org_id, kind, status";
    case PrivilegedCall::kDueSchedules:
      return postgres ? "SELECT id, org_id, kind, ref_id, cron, time_zone, next_run_at FROM fg_due_schedules($1, $2)"
                      : "SELECT id, org_id, kind, ref_id, cron, time_zone, next_run_at FROM schedules "
                        "WHERE enabled = 1 AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2";
    case PrivilegedCall::kJobQueueDepth:
      return postgres ? "SELECT status, kind, n FROM fg_job_queue_depth()"
                      : "SELECT status, kind, count(*) FROM jobs WHERE status IN ('queued', 'running', 'failed', "
                        "'dead') GROUP BY status, kind ORDER BY 1, 2";
    case PrivilegedCall::kSecretKeyUsage:
      return postgres ? "SELECT n FROM fg_secret_key_usage($1)"
                      : "SELECT count(*) FROM sealed_secrets WHERE key_id = $1";
    case PrivilegedCall::kOrgsNeedingRewrap:
      return postgres ? "SELECT org_id FROM fg_orgs_with_secrets_not_under($1)"
                      : "SELECT DISTINCT org_id FROM sealed_secrets WHERE key_id <> $1 ORDER BY 1";
    case PrivilegedCall::kPing: return "SELECT 1";
    case PrivilegedCall::kSessionLookup:
      return postgres ? "SELECT id, org_id, user_id, created_at, last_seen_at, expires_at, idle_seconds, role, "
                        "user_status, deactivated_at, require_mfa, mfa_enabled FROM fg_session_lookup($1)"
                      : "SELECT s.id, s.org_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, "
                        "o.session_idle_seconds, m.role, u.status, m.deactivated_at, o.require_mfa, u.mfa_enabled "
                        "FROM sessions s "
                        "JOIN orgs o ON o.id = s.org_id JOIN memberships m ON m.org_id = s.org_id AND "
                        "m.user_id = s.user_id JOIN users u ON u.id = s.user_id "
                        "WHERE s.token_hash = $1 AND s.revoked_at IS NULL";
    case PrivilegedCall::kApiKeyLookup:
      return postgres ? "SELECT org_id, created_by, role, secret_hash, expires_at, creator_role, creator_status, "
                        "deactivated_at, require_mfa, creator_mfa FROM fg_api_key_lookup($1)"
                      : "SELECT k.org_id, k.created_by, k.role, k.secret_hash, k.expires_at, m.role, u.status, "
                        "m.deactivated_at, o.require_mfa, u.mfa_enabled FROM api_keys k "
                        "JOIN users u ON u.id = k.created_by JOIN orgs o ON o.id = k.org_id "
                        "LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by "
                        "WHERE k.id = $1 AND k.revoked_at IS NULL";
    case PrivilegedCall::kInvitationLookup:
      return postgres ? "SELECT id, org_id, email, role, expires_at FROM fg_invitation_lookup($1)"
                      : "SELECT id, org_id, email, role, expires_at FROM invitations "
                        "WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL";
    case PrivilegedCall::kRevokeUserSessions:
      return postgres ? "SELECT revoked FROM fg_revoke_user_sessions($1, $2, $3)"
                      : "UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND revoked_at IS NULL "
                        "AND ($2 IS NULL OR id <> $2) RETURNING 1";
    case PrivilegedCall::kUserOrgPolicies:
      return postgres ? "SELECT org_id, require_mfa FROM fg_user_org_policies($1)"
                      : "SELECT o.id, o.require_mfa FROM memberships m JOIN orgs o ON o.id = m.org_id "
                        "WHERE m.user_id = $1 AND m.deactivated_at IS NULL";
    case PrivilegedCall::kRevokeUserApiKeys:
      return postgres ? "SELECT id, org_id FROM fg_revoke_user_api_keys($1, $2)"
                      : "UPDATE api_keys SET revoked_at = $2 WHERE created_by = $1 AND revoked_at IS NULL "
                        "RETURNING id, org_id";
  }
  return "SELECT 1 WHERE 1 = 0";
}

}  // namespace fg::store
