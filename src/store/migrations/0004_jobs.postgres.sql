-- 0004 jobs: heartbeats on the queue, the scheduler (per-org schedules + one cluster-wide lease),
-- sealed secrets (what the key re-wrap job walks), and the cross-org definer functions of the worker.
--
-- Who can do what (also in docs/ARCHITECTURE.md, "Jobs"):
--   finguard_app      enqueues, reads, completes and retries jobs of the org in app.org_id (RLS);
--                     reads/writes schedules and sealed_secrets of that org (RLS); takes the scheduler
--                     lease (scheduler_leases has no tenant data); EXECUTEs the fg_* functions below.
--   finguard_definer  owns fg_claim_job, fg_reap_expired_jobs, fg_due_schedules, fg_job_queue_depth,
--                     fg_secret_key_usage, fg_orgs_with_secrets_not_under (BYPASSRLS, owns nothing else).
--                     Each returns only ids, kinds, statuses and counts: never a sealed blob.

ALTER TABLE jobs ADD COLUMN heartbeat_at bigint;
CREATE INDEX jobs_running_lease ON jobs(lease_until) WHERE status = 'running';

-- Exactly one row per scheduler name; whoever holds an unexpired lease evaluates the schedules.
CREATE TABLE scheduler_leases (
  name         text PRIMARY KEY,
  holder       text NOT NULL DEFAULT '',
  lease_until  bigint NOT NULL DEFAULT 0
);
INSERT INTO scheduler_leases (name) VALUES ('scheduler');
GRANT SELECT, UPDATE ON scheduler_leases TO finguard_app;

CREATE TABLE schedules (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  name         text NOT NULL,
  kind         text NOT NULL,
  ref_id       text NOT NULL DEFAULT '',
  cron         text NOT NULL,
  time_zone    text NOT NULL DEFAULT 'UTC',
  enabled      integer NOT NULL DEFAULT 1,
  next_run_at  bigint NOT NULL,
  last_run_at  bigint,
  created_at   bigint NOT NULL,
  UNIQUE (org_id, name)
);
CREATE INDEX schedules_due ON schedules(next_run_at) WHERE enabled = 1;
ALTER TABLE schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON schedules
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON schedules TO finguard_app;

-- Credentials sealed to a worker public key (crypto/sealed_secret.hpp). The blob opens only in the
-- context (org_id, id, version) it was sealed for, and only in src/vault.
CREATE TABLE sealed_secrets (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  key_id       text NOT NULL,
  blob         bytea NOT NULL,
  purpose      text NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   bigint NOT NULL,
  updated_at   bigint NOT NULL
);
CREATE INDEX sealed_secrets_key ON sealed_secrets(key_id);
CREATE INDEX sealed_secrets_org_key ON sealed_secrets(org_id, key_id);
ALTER TABLE sealed_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE sealed_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON sealed_secrets
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON sealed_secrets TO finguard_app;

-- Running jobs whose lease ran out (their worker died): idempotent kinds with attempts left go back to
-- 'failed' (retried at once), the others to 'dead' for a human. SKIP LOCKED: two reapers never fight.
CREATE FUNCTION fg_reap_expired_jobs(p_now bigint)
  RETURNS TABLE (id uuid, org_id uuid, kind text, status text)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE jobs j SET
      status = CASE WHEN j.idempotent = 1 AND j.attempts < j.max_attempts THEN 'failed' ELSE 'dead' END,
      run_after = p_now, lease_until = NULL, worker_id = NULL, last_error = 'lease expired: worker lost',
      finished_at = CASE WHEN j.idempotent = 1 AND j.attempts < j.max_attempts THEN NULL ELSE p_now END
    WHERE j.id IN (SELECT x.id FROM jobs x WHERE x.status = 'running' AND x.lease_until < p_now
                   FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.org_id, j.kind, j.status
  $$;

-- Schedules due at p_now across orgs (the scheduler lease holder then fires each in its org's scope).
CREATE FUNCTION fg_due_schedules(p_now bigint, p_limit integer)
  RETURNS TABLE (id uuid, org_id uuid, kind text, ref_id text, cron text, time_zone text, next_run_at bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.id, s.org_id, s.kind, s.ref_id, s.cron, s.time_zone, s.next_run_at FROM schedules s
    WHERE s.enabled = 1 AND s.next_run_at <= p_now ORDER BY s.next_run_at LIMIT p_limit
  $$;

-- Queue depth by status and kind across orgs, for /metrics (counts only).
CREATE FUNCTION fg_job_queue_depth()
  RETURNS TABLE (status text, kind text, n bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT j.status, j.kind, count(*) FROM jobs j WHERE j.status IN ('queued', 'running', 'failed', 'dead')
    GROUP BY j.status, j.kind ORDER BY 1, 2
  $$;

-- How many secrets are still sealed to a key: `keys retire` deletes a private key only at zero.
CREATE FUNCTION fg_secret_key_usage(p_key_id text)
  RETURNS TABLE (n bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*) FROM sealed_secrets s WHERE s.key_id = p_key_id
  $$;

-- Orgs holding a secret not sealed to the active key: `keys rotate` enqueues one re-wrap job per org.
CREATE FUNCTION fg_orgs_with_secrets_not_under(p_key_id text)
  RETURNS TABLE (org_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT s.org_id FROM sealed_secrets s WHERE s.key_id <> p_key_id ORDER BY 1
  $$;

REVOKE ALL ON FUNCTION fg_reap_expired_jobs(bigint), fg_due_schedules(bigint, integer), fg_job_queue_depth(),
  fg_secret_key_usage(text), fg_orgs_with_secrets_not_under(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fg_reap_expired_jobs(bigint), fg_due_schedules(bigint, integer), fg_job_queue_depth(),
  fg_secret_key_usage(text), fg_orgs_with_secrets_not_under(text) TO finguard_app;
GRANT SELECT ON schedules TO finguard_definer;
GRANT SELECT (org_id, key_id) ON sealed_secrets TO finguard_definer;
