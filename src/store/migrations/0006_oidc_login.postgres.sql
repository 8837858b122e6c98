-- 0006 OIDC login: the pending authorization requests of the OIDC authorization-code flow.
--
-- state, nonce and the PKCE (S256) code verifier stay server-side, keyed by the hash of state
-- (CORRECTIONS.md: a SameSite=Strict cookie is not sent on the identity provider's cross-site redirect
-- back). A row is consumed by DELETE ... RETURNING, so a state is usable once, and it expires after a
-- few minutes. No org is known before the ID token is verified, so the table has no org_id and no RLS,
-- like password_resets.
CREATE TABLE oidc_login_states (
  state_hash     text PRIMARY KEY,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  created_at     bigint NOT NULL,
  expires_at     bigint NOT NULL
);
CREATE INDEX oidc_login_states_expiry ON oidc_login_states(expires_at);
GRANT SELECT, INSERT, DELETE ON oidc_login_states TO finguard_app;
