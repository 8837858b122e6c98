// Setting a new password from a single-use link: a reset (/reset-password#token=..., printed by
// `finguard admin reset-password`) or an email verification (/verify-email#token=..., printed by
// `finguard admin verify-email`). Both redeem the same way; the verification also proves the account's
// email, so it may join other organizations, and discards what was set on it before.
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Body } from '../api/types';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { ErrorBox } from '../components/States';
import { takeFragmentToken } from '../lib/fragment';

export function ResetPasswordPage({ purpose = 'reset' }: { purpose?: 'reset' | 'verify-email' }) {
  const verifying = purpose === 'verify-email';
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setToken(takeFragmentToken());
    document.title = `${verifying ? 'Verify email' : 'Reset password'} · finguard`;
  }, [verifying]);
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    const body: Body<'completePasswordReset'> = { token, password };
    try {
      await api.post('/api/v1/auth/password-reset', body, { expectUnauthenticated: true });
      setPassword('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="center-page" id="main">
      <div className="card auth-card">
        <h1>{verifying ? 'Verify your email' : 'Choose a new password'}</h1>
        {done ? (
          <p role="status">
            {verifying ? 'Your email is verified and your password is set. ' : 'Your password is set. '}
            <Link href="/sign-in">Sign in</Link> with it{verifying ? ', then open your invitation link again.' : '.'}
          </p>
        ) : !token ? (
          <p>
            This page needs the {verifying ? 'verification' : 'reset'} link you were given (it ends in <code>#token=…</code>).
            Links work once and expire after {verifying ? 'a day' : 'an hour'}.
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            {verifying && (
              <p className="muted">
                Choose the account&apos;s password. Its previous password, second factor, sessions and API keys stop
                working: set up your second factor again when you sign in.
              </p>
            )}
            <Field label="New password" type="password" autoComplete="new-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} hint="At least 15 characters (8 where your organization requires MFA)." />
            <Field label="Repeat the new password" type="password" autoComplete="new-password" required value={confirm}
              onChange={(e) => setConfirm(e.target.value)} error={mismatch ? 'The passwords differ.' : null} />
            {error !== null && <ErrorBox error={error} />}
            <button type="submit" className="btn btn-primary" disabled={busy || mismatch}>
              {busy ? 'Saving…' : 'Set password'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
