-- 0001 tenancy: organizations, users, memberships and the job queue, with deny-by-default RLS.
--
-- Roles (created by the migrator's preamble, see migrator.cpp):
--   finguard_owner   NOLOGIN            owns every table; migrations run as a superuser and hand
--                                       ownership to it. FORCE RLS binds it too.
--   finguard_app     NOLOGIN            the application's privileges; login roles are granted it.
--                                       Not a table owner, no BYPASSRLS.
--   finguard_definer NOLOGIN BYPASSRLS  owns the SECURITY DEFINER functions below and nothing else.
--
-- Every table with an org_id column gets ENABLE + FORCE ROW LEVEL SECURITY and one policy that reads
-- app.org_id without failing: a missing or empty setting yields NULL, which matches no row.

CREATE TABLE orgs (
  id           uuid PRIMARY KEY,
  slug         text NOT NULL UNIQUE,
  name         text NOT NULL,
  created_at   bigint NOT NULL
);
-- orgs is keyed by id rather than org_id; its policy compares id with the same setting.
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON orgs
  USING (id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON orgs TO finguard_app;

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  display_name  text NOT NULL DEFAULT '',
  password_hash text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  created_at    bigint NOT NULL,
  updated_at    bigint NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON users TO finguard_app;

CREATE TABLE memberships (
  org_id      uuid NOT NULL REFERENCES orgs(id),
  user_id     uuid NOT NULL REFERENCES users(id),
  role        text NOT NULL CHECK (role IN ('owner', 'administrator', 'analyst', 'member', 'viewer')),
  created_at  bigint NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON memberships
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO finguard_app;

-- The job queue: references only (kind, ref_id), never a secret or a payload.
CREATE TABLE jobs (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  kind          text NOT NULL,
  ref_id        text NOT NULL DEFAULT '',
  unique_key    text,
  idempotent    integer NOT NULL DEFAULT 1,
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 5,
  run_after     bigint NOT NULL,
  lease_until   bigint,
  worker_id     text,
  last_error    text,
  created_at    bigint NOT NULL,
  finished_at   bigint
);
CREATE INDEX jobs_ready ON jobs(status, run_after);
CREATE INDEX jobs_org_status ON jobs(org_id, status, created_at);
-- One pending (queued/running/failed) job per unique key within an org: double clicks don't double work.
CREATE UNIQUE INDEX jobs_pending_unique ON jobs(org_id, kind, unique_key)
  WHERE unique_key IS NOT NULL AND status IN ('queued', 'running', 'failed');
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON jobs
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON jobs TO finguard_app;

-- Cross-org reads, each a SECURITY DEFINER function with a pinned search_path (owner: finguard_definer).
CREATE FUNCTION fg_user_memberships(p_user uuid)
  RETURNS TABLE (org_id uuid, role text, slug text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT m.org_id, m.role, o.slug, o.name FROM memberships m JOIN orgs o ON o.id = m.org_id
    WHERE m.user_id = p_user ORDER BY o.slug
  $$;

CREATE FUNCTION fg_org_lookup(p_key text)
  RETURNS TABLE (id uuid, slug text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT o.id, o.slug, o.name FROM orgs o
    WHERE o.id::text = p_key OR o.slug = p_key OR o.name = p_key ORDER BY o.slug LIMIT 2
  $$;

CREATE FUNCTION fg_platform_org_summary()
  RETURNS TABLE (id uuid, slug text, name text, member_count bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT o.id, o.slug, o.name, (SELECT count(*) FROM memberships m WHERE m.org_id = o.id)
    FROM orgs o ORDER BY o.slug
  $$;

-- Claims the oldest ready job of the listed kinds for a worker, across orgs (the worker then runs it
-- with app.org_id set to the job's org). SKIP LOCKED lets many workers claim without waiting.
CREATE FUNCTION fg_claim_job(p_kinds text, p_worker text, p_now bigint, p_lease_until bigint)
  RETURNS SETOF jobs
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE jobs SET status = 'running', attempts = attempts + 1, worker_id = p_worker, lease_until = p_lease_until
    WHERE id = (
      SELECT id FROM jobs
      WHERE status IN ('queued', 'failed') AND run_after <= p_now AND kind = ANY (string_to_array(p_kinds, ','))
      ORDER BY run_after, created_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING *
  $$;

REVOKE ALL ON FUNCTION fg_user_memberships(uuid), fg_org_lookup(text), fg_platform_org_summary(),
  fg_claim_job(text, text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fg_user_memberships(uuid), fg_org_lookup(text), fg_platform_org_summary(),
  fg_claim_job(text, text, bigint, bigint) TO finguard_app;

-- What the definer functions read and change, as their owner (BYPASSRLS, so policies do not filter).
GRANT SELECT ON orgs, memberships TO finguard_definer;
GRANT SELECT, UPDATE ON jobs TO finguard_definer;

-- Creates a login role for the application, a member of finguard_app. Superusers only (EXECUTE is
-- revoked from PUBLIC); identifiers and the password are quoted by format(), never concatenated.
CREATE FUNCTION fg_admin_create_app_login(p_role text, p_password text) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    IF p_role !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
      RAISE EXCEPTION 'role name must be lower-case letters, digits and underscores';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE finguard_app',
                     p_role, p_password);
    ELSE
      EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_role, p_password);
      EXECUTE format('GRANT finguard_app TO %I', p_role);
    END IF;
  END
  $$;
REVOKE ALL ON FUNCTION fg_admin_create_app_login(text, text) FROM PUBLIC;
