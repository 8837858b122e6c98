// Sign-in: email and password, then the second step when the account has TOTP (a code from the app
// or one of the recovery codes), and the single sign-on button when the server has OIDC configured.
// The password stays in component memory only, for the second step; nothing is written to storage.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client';
import type { Body, LoginResponse, SignInMethods } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { Field } from '../components/Field';
import { ErrorBox } from '../components/States';

/** The server asks for the second factor with a 401 naming totp_code. */
export function needsSecondFactor(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401 && (e.field === 'totp_code' || /totp_code/.test(e.message));
}

/** Only same-origin paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in')
    ? next
    : '/';
}

export function SignInPage() {
  const { search } = useLocation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [org, setOrg] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: () => api.get<SignInMethods>('/api/v1/auth/methods', { expectUnauthenticated: true }),
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    document.title = 'Sign in · finguard';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Body<'login'> = { email, password };
    if (org.trim()) body.org = org.trim();
    if (step === 'totp') body.totp_code = code.trim();
    try {
      await api.post<LoginResponse>('/api/v1/auth/login', body, { expectUnauthenticated: true });
      setPassword('');
      qc.clear();
      navigate(safeNext(search), true);
    } catch (err) {
      if (step === 'password' && needsSecondFactor(err)) {
        setStep('totp');
      } else {
        setError(err);
        if (step === 'totp') setCode('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page" id="main">
      <form className="card auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to finguard</h1>
        {step === 'password' ? (
          <>
            <Field label="Email" type="email" autoComplete="username" required value={email}
              onChange={(e) => setEmail(e.target.value)} autoFocus />
            <Field label="Password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} />
            <details className="advanced">
              <summary>Organization</summary>
              <Field label="Organization (slug)" value={org} onChange={(e) => setOrg(e.target.value)}
                hint="Leave empty for your first organization." />
            </details>
          </>
        ) : (
          <>
            <p>
              {useRecovery
                ? 'Enter one of your recovery codes. Each code works once.'
                : 'Enter the 6-digit code from your authenticator app.'}
            </p>
            <Field
              key={useRecovery ? 'recovery' : 'totp'}
              label={useRecovery ? 'Recovery code' : 'Authentication code'}
              inputMode={useRecovery ? 'text' : 'numeric'}
              autoComplete="one-time-code"
              pattern={useRecovery ? undefined : '[0-9]{6}'}
              maxLength={useRecovery ? 64 : 6}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="button" className="btn-link" onClick={() => { setUseRecovery(!useRecovery); setCode(''); }}>
              {useRecovery ? 'Use the authenticator app instead' : 'Use a recovery code instead'}
            </button>
          </>
        )}
        {error !== null && <ErrorBox error={error} />}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify'}
        </button>
        {step === 'totp' && (
          <button type="button" className="btn-link" onClick={() => { setStep('password'); setCode(''); setError(null); }}>
            Back
          </button>
        )}
        {methods.data?.oidc && step === 'password' && (
          <>
            <div className="divider">or</div>
            {/* A full-page navigation: the server answers 302 to the provider. */}
            <a className="btn btn-block" href="/api/v1/auth/oidc/start" data-testid="sso">
              Sign in with single sign-on
            </a>
          </>
        )}
        <p className="muted small">
          Forgot your password? Ask an administrator of your organization for a reset link.
        </p>
      </form>
    </main>
  );
}
