-- 0002 audit: the append-only, hash-chained audit log. One chain per org (audit_events, under RLS)
-- and one platform chain for events that belong to no org (platform_audit_events).
--
-- Append-only in the database itself: finguard_app has INSERT and SELECT only, and triggers refuse
-- UPDATE, DELETE and TRUNCATE for every role, the owner included. A future retention job will run as
-- its own documented role and drop whole partitions; nothing in this wave deletes audit rows.

CREATE TABLE audit_events (
  org_id       uuid NOT NULL REFERENCES orgs(id),
  seq          bigint NOT NULL,
  ts           bigint NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text NOT NULL,
  actor_role   text NOT NULL,
  source_ip    text NOT NULL,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text NOT NULL,
  result       text NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
  request_id   text NOT NULL,
  context      text NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_events_ts ON audit_events(org_id, ts);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON audit_events
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT ON audit_events TO finguard_app;

CREATE TABLE platform_audit_events (
  seq          bigint PRIMARY KEY,
  ts           bigint NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text NOT NULL,
  actor_role   text NOT NULL,
  source_ip    text NOT NULL,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text NOT NULL,
  result       text NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
  request_id   text NOT NULL,
  context      text NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
GRANT SELECT, INSERT ON platform_audit_events TO finguard_app;

CREATE FUNCTION fg_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
  END
  $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION fg_audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION fg_audit_refuse_change();
CREATE TRIGGER platform_audit_append_only BEFORE UPDATE OR DELETE ON platform_audit_events
  FOR EACH ROW EXECUTE FUNCTION fg_audit_refuse_change();
CREATE TRIGGER platform_audit_no_truncate BEFORE TRUNCATE ON platform_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION fg_audit_refuse_change();
