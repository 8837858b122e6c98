-- 0011 email verification (issue 20 item 5; see the PostgreSQL file for the why).
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
UPDATE users SET email_verified_at = created_at;
