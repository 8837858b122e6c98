-- 0005 uploads: files posted to POST /api/v1/ingest, waiting for (or done by) their ingest.upload job.
-- The bytes live in DATA_DIR/uploads/<org_id>/<id> (0600), never in the database; the job row holds
-- only the upload id. An upload's uniqueness key is its source (CORRECTIONS.md "Sources and
-- re-ingest"): one pending upload per (org, source), so a second one is refused with 409 until the
-- first is done. finguard_app reads and writes the rows of the org in app.org_id (RLS); no definer
-- function touches this table.
CREATE TABLE uploads (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES orgs(id),
  source       text NOT NULL,
  mode         text NOT NULL CHECK (mode IN ('strict', 'lenient')),
  size_bytes   bigint NOT NULL,
  sha256       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  job_id       uuid,
  summary      text,
  error        text,
  created_by   text NOT NULL DEFAULT '',
  created_at   bigint NOT NULL,
  finished_at  bigint
);
CREATE INDEX uploads_org_created ON uploads(org_id, created_at);
CREATE UNIQUE INDEX uploads_pending_source ON uploads(org_id, source) WHERE status = 'pending';
ALTER TABLE uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON uploads
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON uploads TO finguard_app;
