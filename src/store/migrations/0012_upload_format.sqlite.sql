-- 0012 upload format (issue 23; see the PostgreSQL file for the why).
ALTER TABLE uploads ADD COLUMN format TEXT NOT NULL DEFAULT 'auto'
  CHECK (format IN ('auto', 'focus', 'aws-cur', 'azure-actual', 'azure-amortized', 'gcp-billing'));
