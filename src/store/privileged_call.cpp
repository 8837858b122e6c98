#include "store/privileged_call.hpp"

namespace fg::store {

bool is_read_only(PrivilegedCall call) {
  switch (call) {
    case PrivilegedCall::kUserMemberships:
    case PrivilegedCall::kOrgBySlugOrName:
    case PrivilegedCall::kPlatformOrgSummary:
    case PrivilegedCall::kPing: return true;
    case PrivilegedCall::kClaimJob: return false;
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
      // Both return the columns of jobs in table order (kJobColumns in the jobs module relies on it).
      return postgres ? "SELECT * FROM fg_claim_job($1, $2, $3, $4)"
                      : "UPDATE jobs SET status = 'running', attempts = attempts + 1, worker_id = $2, lease_until = $4 "
                        "WHERE id = (SELECT id FROM jobs WHERE status IN ('queued', 'failed') AND run_after <= $3 "
                        "AND instr(',' || $1 || ',', ',' || kind || ',') > 0 ORDER BY run_after, created_at LIMIT 1) "
                        "RETURNING *";
    case PrivilegedCall::kPing: return "SELECT 1";
  }
  return "SELECT 1 WHERE 1 = 0";
}

}  // namespace fg::store
