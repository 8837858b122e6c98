-- 0005 uploads: files posted to POST /api/v1/ingest, waiting for (or done by) their ingest.upload job
-- (see the PostgreSQL file). The bytes live in DATA_DIR/uploads/<org_id>/<id>, never in the database.
CREATE TABLE uploads (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES orgs(id),
  source       TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('strict', 'lenient')),
  size_bytes   INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  job_id       TEXT,
  summary      TEXT,
  error        TEXT,
  created_by   TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
) STRICT;
CREATE INDEX uploads_org_created ON uploads(org_id, created_at);
CREATE UNIQUE INDEX uploads_pending_source ON uploads(org_id, source) WHERE status = 'pending';
