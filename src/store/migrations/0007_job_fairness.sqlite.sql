-- 0007 job fairness: round-robin claiming over orgs (see the PostgreSQL file). The claim is one UPDATE
-- under BEGIN IMMEDIATE; this trigger moves the claimed job's org to the back of the turn order.
CREATE TABLE job_claim_turns (
  org_id  TEXT PRIMARY KEY REFERENCES orgs(id),
  turn    INTEGER NOT NULL
) STRICT;

CREATE TRIGGER jobs_claim_turn AFTER UPDATE OF status ON jobs
  WHEN NEW.status = 'running' AND OLD.status <> 'running'
BEGIN
  INSERT INTO job_claim_turns (org_id, turn)
    VALUES (NEW.org_id, (SELECT COALESCE(MAX(turn), 0) + 1 FROM job_claim_turns))
    ON CONFLICT (org_id) DO UPDATE SET turn = excluded.turn;
END;
