-- 0008 credential issuers (issue 20): password_resets records its issuer (NULL: the operator's CLI);
-- both tables gain revoked_at (see the PostgreSQL file).
ALTER TABLE password_resets ADD COLUMN issued_by TEXT REFERENCES users(id);
ALTER TABLE password_resets ADD COLUMN revoked_at INTEGER;
CREATE INDEX password_resets_issued_by ON password_resets(issued_by) WHERE issued_by IS NOT NULL;

ALTER TABLE invitations ADD COLUMN revoked_at INTEGER;
CREATE INDEX invitations_invited_by ON invitations(org_id, invited_by);
