-- 0009 second-factor lockout (SQLite): the persisted, escalating lock on a user's second factor (see
-- the PostgreSQL file).
CREATE TABLE second_factor_lockouts (
  user_id          TEXT PRIMARY KEY REFERENCES users(id),
  failures         INTEGER NOT NULL DEFAULT 0,
  locks            INTEGER NOT NULL DEFAULT 0,
  locked_until     INTEGER,
  last_failure_at  INTEGER
) STRICT;
