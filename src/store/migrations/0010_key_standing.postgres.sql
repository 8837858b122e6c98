-- 0010 key standing (issue 20 item 7): an API key stands only while its creator's credentials do.
-- fg_api_key_lookup also returns whether the key's org requires MFA and whether the creator has it, so
-- a key of an un-enrolled creator acts with no role there (as their sessions do). A new function
-- revokes a user's keys in every org: a completed password reset or change calls it, because a key
-- minted by whoever knew the old password must not outlive it.

DROP FUNCTION fg_api_key_lookup(text);
CREATE FUNCTION fg_api_key_lookup(p_id text)
  RETURNS TABLE (org_id uuid, created_by uuid, role text, secret_hash text, expires_at bigint, creator_role text,
                 creator_status text, deactivated_at bigint, require_mfa integer, creator_mfa integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.org_id, k.created_by, k.role, k.secret_hash, k.expires_at, m.role, u.status, m.deactivated_at,
           o.require_mfa, u.mfa_enabled
    FROM api_keys k JOIN users u ON u.id = k.created_by JOIN orgs o ON o.id = k.org_id
      LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by
    WHERE k.id = p_id AND k.revoked_at IS NULL
  $$;

-- The user's unrevoked keys in every org, revoked at p_now; one row per key (its org, for the audit).
CREATE FUNCTION fg_revoke_user_api_keys(p_user uuid, p_now bigint)
  RETURNS TABLE (id text, org_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE api_keys SET revoked_at = p_now WHERE created_by = p_user AND revoked_at IS NULL
    RETURNING api_keys.id, api_keys.org_id
  $$;

REVOKE ALL ON FUNCTION fg_api_key_lookup(text), fg_revoke_user_api_keys(uuid, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fg_api_key_lookup(text), fg_revoke_user_api_keys(uuid, bigint) TO finguard_app;
GRANT UPDATE (revoked_at) ON api_keys TO finguard_definer;
