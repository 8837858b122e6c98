-- 0011 email verification (issue 20 item 5): an account records when its holder proved control of its
-- email. NULL means never: the account was made by accepting an invitation, with a password chosen by
-- whoever held the link (its inviter holds it too). Such an account works in the org that created it but
-- joins no other org until a link delivered out of band (a password reset) proves the email. Accounts
-- that exist when this runs were made under the old rules and are taken as verified (SECURITY.md says so).
ALTER TABLE users ADD COLUMN email_verified_at bigint;
UPDATE users SET email_verified_at = created_at;
