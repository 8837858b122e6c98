-- 0008 credential issuers (issue 20): invitations and password resets must not outlive the authority of
-- the member who issued them. password_resets records its issuer (NULL: the operator's CLI or the
-- platform); both tables gain revoked_at, set when the issuer is deactivated or demoted below what the
-- credential needs, or (invitations) when an Administrator revokes one. A revoked row is never redeemed.

ALTER TABLE password_resets ADD COLUMN issued_by uuid REFERENCES users(id);
ALTER TABLE password_resets ADD COLUMN revoked_at bigint;
CREATE INDEX password_resets_issued_by ON password_resets(issued_by) WHERE issued_by IS NOT NULL;

ALTER TABLE invitations ADD COLUMN revoked_at bigint;
CREATE INDEX invitations_invited_by ON invitations(org_id, invited_by);

-- The same signature and result as 0003's, so the grants and the caller stay: a revoked invitation is
-- not open.
CREATE OR REPLACE FUNCTION fg_invitation_lookup(p_hash text)
  RETURNS TABLE (id uuid, org_id uuid, email text, role text, expires_at bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT i.id, i.org_id, i.email, i.role, i.expires_at FROM invitations i
    WHERE i.token_hash = p_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
  $$;
