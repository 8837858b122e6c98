-- 0002 audit: the append-only, hash-chained audit log (see the PostgreSQL file for the design).
CREATE TABLE audit_events (
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  seq          INTEGER NOT NULL,
  ts           INTEGER NOT NULL,
  actor_kind   TEXT NOT NULL,
  actor_id     TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  source_ip    TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
  request_id   TEXT NOT NULL,
  context      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL,
  PRIMARY KEY (org_id, seq)
) STRICT;
CREATE INDEX audit_events_ts ON audit_events(org_id, ts);

CREATE TABLE platform_audit_events (
  seq          INTEGER PRIMARY KEY,
  ts           INTEGER NOT NULL,
  actor_kind   TEXT NOT NULL,
  actor_id     TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  source_ip    TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT NOT NULL,
  result       TEXT NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
  request_id   TEXT NOT NULL,
  context      TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER platform_audit_no_update BEFORE UPDATE ON platform_audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER platform_audit_no_delete BEFORE DELETE ON platform_audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
