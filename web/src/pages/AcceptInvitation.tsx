// Accepting an invitation from its single-use link (/accept-invitation#token=...). A new account sets
// its password here; an existing account signs in and comes back here, where the page accepts as the
// signed-in user (the server never checks an existing account's password on the link: issue 20). The
// server answers both first steps alike, so the page always continues with "sign in to finish".
// The token waits in sessionStorage (this tab only) between the two steps and is removed once used.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, csrfToken } from '../api/client';
import type { Answer, Body } from '../api/types';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { ErrorBox } from '../components/States';
import { takeFragmentToken } from '../lib/fragment';

const kPendingKey = 'fg.pending-invitation';
const kSignInHere = '/sign-in?next=/accept-invitation';

type Joined = Answer<'joinInvitation'>;

function pendingToken(): string {
  const fresh = takeFragmentToken();
  if (fresh) sessionStorage.setItem(kPendingKey, fresh);
  return fresh || sessionStorage.getItem(kPendingKey) || '';
}

export function AcceptInvitationPage() {
  const qc = useQueryClient();
  const [token, setToken] = useState('');
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState(false);
  const [joined, setJoined] = useState<Joined | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const t = pendingToken();
    setToken(t);
    document.title = 'Accept invitation · finguard';
    // The readable CSRF cookie exists exactly while a session does: no request (and no 401) to find out.
    setSignedIn(csrfToken() !== '');
  }, []);
  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Body<'joinInvitation'> = { token };
      const j = await api.post<Joined>('/api/v1/invitations/join', body);
      sessionStorage.removeItem(kPendingKey);
      qc.clear();
      setJoined(j);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) sessionStorage.removeItem(kPendingKey);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
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
      setAccepted(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  let content;
  if (joined) {
    content = (
      <p role="status">
        You have joined <strong>{joined.org_slug}</strong> as {joined.role}. To work in it, sign in again with the
        organization <code>{joined.org_slug}</code>, or <Link href="/">go to your dashboard</Link>.
      </p>
    );
  } else if (!token) {
    content = (
      <p>
        This page needs the link from your invitation (it ends in <code>#token=…</code>). Ask the person who invited
        you for a new one.
      </p>
    );
  } else if (accepted) {
    content = (
      <p role="status">
        Almost done: <Link href={kSignInHere}>sign in</Link> to finish joining. If you are new, use the password you
        just chose; if you already had an account, use your existing password. If your email has an account you never
        set up yourself, ask your operator for an email verification link: it lets you choose that account&apos;s password.
      </p>
    );
  } else if (signedIn) {
    content = (
      <>
        <p>You are signed in. Accept the invitation with this account (its email must be the invited one).</p>
        {error !== null && <ErrorBox error={error} />}
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void join()}>
          {busy ? 'Joining…' : 'Join the organization'}
        </button>
      </>
    );
  } else {
    content = (
      <>
        <p>
          Already have a finguard account? <Link href={kSignInHere}>Sign in</Link> and you come back here to accept.
        </p>
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Your name" value={displayName} onChange={(e) => setDisplayName(e.target.value)}
            autoComplete="name" maxLength={100} hint="Optional." />
          <Field label="Password" type="password" autoComplete="new-password" required value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint="Choose a password for your new account: at least 15 characters (8 where the organization requires MFA)." />
          <Field label="Repeat the password" type="password" autoComplete="new-password" value={confirm}
            onChange={(e) => setConfirm(e.target.value)} error={mismatch ? 'The passwords differ.' : null} />
          {error !== null && <ErrorBox error={error} />}
          <button type="submit" className="btn btn-primary" disabled={busy || mismatch || signedIn === null}>
            {busy ? 'Joining…' : 'Accept invitation'}
          </button>
        </form>
      </>
    );
  }
  return (
    <main className="center-page" id="main">
      <div className="card auth-card">
        <h1>Accept your invitation</h1>
        {content}
      </div>
    </main>
  );
}
