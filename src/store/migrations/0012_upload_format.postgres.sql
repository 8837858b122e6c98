-- 0012 upload format (issue 23): the billing format an upload is read as. 'auto' detects it from the
-- file's header; the others are the names `finguard ingest --format` takes (FOCUS, AWS CUR, Azure cost
-- details actual/amortized, GCP billing export). Uploads made before this were FOCUS-only: 'auto'
-- reads them as they were read.
ALTER TABLE uploads ADD COLUMN format text NOT NULL DEFAULT 'auto'
  CHECK (format IN ('auto', 'focus', 'aws-cur', 'azure-actual', 'azure-amortized', 'gcp-billing'));
