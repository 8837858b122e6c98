-- 0007 job fairness: the claim takes the oldest ready job of the org whose last claim is the oldest
-- (round-robin over orgs with ready jobs), so one org's queued jobs delay another org's next job by at
-- most one job's runtime (issue 20). job_claim_turns holds each org's last claim order: a sequence
-- value, so two claims never tie and an org that never claimed goes first.

CREATE SEQUENCE job_claim_turn_seq;
CREATE TABLE job_claim_turns (
  org_id  uuid PRIMARY KEY REFERENCES orgs(id),
  turn    bigint NOT NULL
);
ALTER TABLE job_claim_turns ENABLE ROW LEVEL SECURITY;
ALTER TABLE job_claim_turns FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON job_claim_turns
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
-- The application only reads its own org's turn (RLS); only fg_claim_job writes it.
GRANT SELECT ON job_claim_turns TO finguard_app;
GRANT SELECT, INSERT, UPDATE ON job_claim_turns TO finguard_definer;
GRANT USAGE ON SEQUENCE job_claim_turn_seq TO finguard_definer;

-- The same signature and result as 0001's, so the grants and the caller stay. FOR UPDATE OF j with
-- SKIP LOCKED: two workers claiming at once take different jobs (the second may take the same org's
-- next job, which is still fair enough: each claim moves the org to the back).
CREATE OR REPLACE FUNCTION fg_claim_job(p_kinds text, p_worker text, p_now bigint, p_lease_until bigint)
  RETURNS SETOF jobs
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH picked AS (
      SELECT j.id FROM jobs j LEFT JOIN job_claim_turns t ON t.org_id = j.org_id
      WHERE j.status IN ('queued', 'failed') AND j.run_after <= p_now
        AND j.kind = ANY (string_to_array(p_kinds, ','))
      ORDER BY COALESCE(t.turn, 0), j.run_after, j.created_at
      LIMIT 1
      FOR UPDATE OF j SKIP LOCKED),
    claimed AS (
      UPDATE jobs SET status = 'running', attempts = attempts + 1, worker_id = p_worker, lease_until = p_lease_until
      WHERE id = (SELECT id FROM picked)
      RETURNING *),
    turn AS (
      INSERT INTO job_claim_turns (org_id, turn) SELECT c.org_id, nextval('job_claim_turn_seq') FROM claimed c
      ON CONFLICT (org_id) DO UPDATE SET turn = EXCLUDED.turn)
    SELECT * FROM claimed
  $$;
