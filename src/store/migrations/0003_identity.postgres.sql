-- 0003 identity: per-org session and MFA settings, memberships that can be deactivated, MFA state on
-- users, and the credential tables (sessions, API keys, invitations, password resets, recovery codes).
--
-- Every credential is stored as the hex SHA-256 of a 256-bit random token (crypto/token.hpp); the TOTP
-- secret is stored AES-256-GCM-sealed under the identity key (DATA_DIR/keys/identity.key).
-- Pre-authentication lookups (a session cookie, an API key, an invitation token) cannot know the org
-- yet, so they go through the SECURITY DEFINER functions below (store::PrivilegedCall), which return
-- the one row matching the presented hash and nothing else.

ALTER TABLE orgs ADD COLUMN require_mfa integer NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN session_idle_seconds bigint NOT NULL DEFAULT 1800;
ALTER TABLE orgs ADD COLUMN session_absolute_seconds bigint NOT NULL DEFAULT 43200;

ALTER TABLE memberships ADD COLUMN deactivated_at bigint;

ALTER TABLE users ADD COLUMN mfa_enabled integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret_sealed bytea;
ALTER TABLE users ADD COLUMN totp_pending_sealed bytea;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Users are not tenant data (one user, several orgs); these rows carry no org_id either.
CREATE TABLE recovery_codes (
  user_id    uuid NOT NULL REFERENCES users(id),
  code_hash  text NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);
GRANT SELECT, INSERT, DELETE ON recovery_codes TO finguard_app;

CREATE TABLE password_resets (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id),
  token_hash  text NOT NULL UNIQUE,
  created_at  bigint NOT NULL,
  expires_at  bigint NOT NULL,
  used_at     bigint
);
GRANT SELECT, INSERT, UPDATE ON password_resets TO finguard_app;

CREATE TABLE sessions (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  user_id       uuid NOT NULL REFERENCES users(id),
  token_hash    text NOT NULL UNIQUE,
  created_at    bigint NOT NULL,
  last_seen_at  bigint NOT NULL,
  expires_at    bigint NOT NULL,
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT '',
  revoked_at    bigint
);
CREATE INDEX sessions_user ON sessions(org_id, user_id);
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON sessions
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON sessions TO finguard_app;

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES orgs(id),
  created_by    uuid NOT NULL REFERENCES users(id),
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('owner', 'administrator', 'analyst', 'member', 'viewer')),
  secret_hash   text NOT NULL,
  created_at    bigint NOT NULL,
  expires_at    bigint,
  last_used_at  bigint,
  revoked_at    bigint
);
CREATE INDEX api_keys_org ON api_keys(org_id, created_at);
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON api_keys
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON api_keys TO finguard_app;

CREATE TABLE invitations (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  email        text NOT NULL,
  role         text NOT NULL CHECK (role IN ('owner', 'administrator', 'analyst', 'member', 'viewer')),
  token_hash   text NOT NULL UNIQUE,
  invited_by   uuid NOT NULL REFERENCES users(id),
  created_at   bigint NOT NULL,
  expires_at   bigint NOT NULL,
  accepted_at  bigint
);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON invitations
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON invitations TO finguard_app;

-- The live session with this token hash, with what the authenticator needs to check it.
CREATE FUNCTION fg_session_lookup(p_hash text)
  RETURNS TABLE (id uuid, org_id uuid, user_id uuid, created_at bigint, last_seen_at bigint, expires_at bigint,
                 idle_seconds bigint, role text, user_status text, deactivated_at bigint, require_mfa integer,
                 mfa_enabled integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.id, s.org_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, o.session_idle_seconds,
           m.role, u.status, m.deactivated_at, o.require_mfa, u.mfa_enabled
    FROM sessions s JOIN orgs o ON o.id = s.org_id
      JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
      JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = p_hash AND s.revoked_at IS NULL
  $$;

-- The unrevoked API key with this public id, and its creator's current standing in the key's org.
CREATE FUNCTION fg_api_key_lookup(p_id text)
  RETURNS TABLE (org_id uuid, created_by uuid, role text, secret_hash text, expires_at bigint, creator_role text,
                 creator_status text, deactivated_at bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.org_id, k.created_by, k.role, k.secret_hash, k.expires_at, m.role, u.status, m.deactivated_at
    FROM api_keys k JOIN users u ON u.id = k.created_by
      LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by
    WHERE k.id = p_id AND k.revoked_at IS NULL
  $$;

-- The open invitation with this token hash.
CREATE FUNCTION fg_invitation_lookup(p_hash text)
  RETURNS TABLE (id uuid, org_id uuid, email text, role text, expires_at bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT i.id, i.org_id, i.email, i.role, i.expires_at FROM invitations i
    WHERE i.token_hash = p_hash AND i.accepted_at IS NULL
  $$;

-- Revokes a user's sessions in every org but one (password change and reset kill the other sessions).
CREATE FUNCTION fg_revoke_user_sessions(p_user uuid, p_keep uuid, p_now bigint)
  RETURNS TABLE (revoked bigint)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH r AS (UPDATE sessions SET revoked_at = p_now
               WHERE user_id = p_user AND revoked_at IS NULL AND id IS DISTINCT FROM p_keep RETURNING 1)
    SELECT count(*) FROM r
  $$;

-- Whether each org of a user enforces MFA: the password policy is the strictest among them.
CREATE FUNCTION fg_user_org_policies(p_user uuid)
  RETURNS TABLE (org_id uuid, require_mfa integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT o.id, o.require_mfa FROM memberships m JOIN orgs o ON o.id = m.org_id
    WHERE m.user_id = p_user AND m.deactivated_at IS NULL
  $$;

REVOKE ALL ON FUNCTION fg_user_org_policies(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fg_user_org_policies(uuid) TO finguard_app;
REVOKE ALL ON FUNCTION fg_session_lookup(text), fg_api_key_lookup(text), fg_invitation_lookup(text),
  fg_revoke_user_sessions(uuid, uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fg_session_lookup(text), fg_api_key_lookup(text), fg_invitation_lookup(text),
  fg_revoke_user_sessions(uuid, uuid, bigint) TO finguard_app;

GRANT SELECT ON users, sessions, api_keys, invitations TO finguard_definer;
GRANT UPDATE (revoked_at) ON sessions TO finguard_definer;
