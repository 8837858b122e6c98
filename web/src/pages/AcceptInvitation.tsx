// Accepting an invitation from its single-use link (/accept-invitation#token=...): a new account sets
// its password here; an existing one confirms with its password. Then sign in.
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Body } from '../api/types';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { ErrorBox } from '../components/States';
import { takeFragmentToken } from '../lib/fragment';

export function AcceptInvitationPage() {
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setToken(takeFragmentToken());
    document.title = 'Accept invitation · finguard';
  }, []);
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    const body: Body<'acceptInvitation'> = { token, password };
    if (displayName.trim()) body.display_name = displayName.trim();
    try {
      await api.post('/api/v1/invitations/accept', body, { expectUnauthenticated: true });
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
        <h1>Accept your invitation</h1>
        {done ? (
          <p role="status">
            You have joined the organization. <Link href="/sign-in">Sign in</Link> to continue.
          </p>
        ) : !token ? (
          <p>
            This page needs the link from your invitation (it ends in <code>#token=…</code>). Ask the person who
            invited you for a new one.
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            <Field label="Your name" value={displayName} onChange={(e) => setDisplayName(e.target.value)}
              autoComplete="name" maxLength={100} hint="Optional." />
            <Field label="Password" type="password" autoComplete="new-password" required value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint="New account: at least 15 characters (8 where the organization requires MFA). Existing account: your current password." />
            <Field label="Repeat the password" type="password" autoComplete="new-password" value={confirm}
              onChange={(e) => setConfirm(e.target.value)} error={mismatch ? 'The passwords differ.' : null} />
            {error !== null && <ErrorBox error={error} />}
            <button type="submit" className="btn btn-primary" disabled={busy || mismatch}>
              {busy ? 'Joining…' : 'Accept invitation'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
