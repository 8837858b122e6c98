-- 0006 OIDC login (SQLite): the pending authorization requests, as in the PostgreSQL migration.
CREATE TABLE oidc_login_states (
  state_hash     TEXT PRIMARY KEY,
  nonce          TEXT NOT NULL,
  code_verifier  TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX oidc_login_states_expiry ON oidc_login_states(expires_at);
