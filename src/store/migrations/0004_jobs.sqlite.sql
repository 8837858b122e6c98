-- 0004 jobs: heartbeats on the queue, the scheduler, sealed secrets (see the PostgreSQL file).
ALTER TABLE jobs ADD COLUMN heartbeat_at INTEGER;
CREATE INDEX jobs_running_lease ON jobs(lease_until) WHERE status = 'running';

CREATE TABLE scheduler_leases (
  name         TEXT PRIMARY KEY,
  holder       TEXT NOT NULL DEFAULT '',
  lease_until  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO scheduler_leases (name) VALUES ('scheduler');

CREATE TABLE schedules (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  ref_id       TEXT NOT NULL DEFAULT '',
  cron         TEXT NOT NULL,
  time_zone    TEXT NOT NULL DEFAULT 'UTC',
  enabled      INTEGER NOT NULL DEFAULT 1,
  next_run_at  INTEGER NOT NULL,
  last_run_at  INTEGER,
  created_at   INTEGER NOT NULL,
  UNIQUE (org_id, name)
) STRICT;
CREATE INDEX schedules_due ON schedules(next_run_at) WHERE enabled = 1;

CREATE TABLE sealed_secrets (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  key_id       TEXT NOT NULL,
  blob         BLOB NOT NULL,
  purpose      TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX sealed_secrets_key ON sealed_secrets(key_id);
CREATE INDEX sealed_secrets_org_key ON sealed_secrets(org_id, key_id);
