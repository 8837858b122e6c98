-- 0009 second-factor lockout (issue 20 item 10): the persisted, escalating lock on a user's second
-- factor (TOTP or recovery code) after consecutive wrong codes.
--
-- One row per user, written only after a correct password: `failures` counts consecutive wrong codes
-- since the last lock or success; `locks` counts the locks since the last success (the next lock lasts
-- base * 2^locks, capped); `locked_until` is when the current lock ends. The lock is per user, not per
-- org, because the factor it protects is the user's: a guesser must not get a fresh budget per org.
-- Users are not tenant data, so the table has no org_id and no RLS, like recovery_codes.
CREATE TABLE second_factor_lockouts (
  user_id          uuid PRIMARY KEY REFERENCES users(id),
  failures         integer NOT NULL DEFAULT 0,
  locks            integer NOT NULL DEFAULT 0,
  locked_until     bigint,
  last_failure_at  bigint
);
GRANT SELECT, INSERT, UPDATE, DELETE ON second_factor_lockouts TO finguard_app;
