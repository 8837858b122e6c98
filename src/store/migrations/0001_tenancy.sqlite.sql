-- 0001 tenancy: organizations, users, memberships and the job queue. SQLite has no RLS: tenancy here
-- rests on OrgScope/OrgTransaction in the code (the PostgreSQL migration adds the second wall).
CREATE TABLE orgs (
  id           TEXT PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
  org_id      TEXT NOT NULL REFERENCES orgs(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  role        TEXT NOT NULL CHECK (role IN ('owner', 'administrator', 'analyst', 'member', 'viewer')),
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT;
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE jobs (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES orgs(id),
  kind          TEXT NOT NULL,
  ref_id        TEXT NOT NULL DEFAULT '',
  unique_key    TEXT,
  idempotent    INTEGER NOT NULL DEFAULT 1,
  status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  max_attempts  INTEGER NOT NULL DEFAULT 5,
  run_after     INTEGER NOT NULL,
  lease_until   INTEGER,
  worker_id     TEXT,
  last_error    TEXT,
  created_at    INTEGER NOT NULL,
  finished_at   INTEGER
) STRICT;
CREATE INDEX jobs_ready ON jobs(status, run_after);
CREATE INDEX jobs_org_status ON jobs(org_id, status, created_at);
CREATE UNIQUE INDEX jobs_pending_unique ON jobs(org_id, kind, unique_key)
  WHERE unique_key IS NOT NULL AND status IN ('queued', 'running', 'failed');
