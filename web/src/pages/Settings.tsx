// Settings: the signed-in user's sessions (revoke), password, two-factor authentication (TOTP with a
// QR code drawn in the page, recovery codes shown once), API keys (the key shown once), and, with
// their permissions, the organization's security policy (Owner) and schedules.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, pathOf } from '../api/client';
import type { Answer, Body, CreatedApiKey, Schedule } from '../api/types';
import { navigate } from '../app/router';
import { Can, useSession } from '../app/session';
import { Field } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { Empty, ErrorBox, QueryState } from '../components/States';
import { downloadText } from '../lib/csv';
import { formatDateTime } from '../lib/dates';
import { grantableRoles, roleLabel } from '../lib/permissions';

function Sessions() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<Answer<'listSessions'>>('/api/v1/auth/sessions') });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(pathOf('/api/v1/auth/sessions/{id}', { id })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sessions'] }),
  });
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">My sessions</h2>
      <QueryState query={q} what="sessions">
        {(d) => (
          <div className="table-wrap">
            <table className="data-table" data-testid="sessions-table">
              <thead><tr><th scope="col">Started</th><th scope="col">Last seen</th><th scope="col">Expires</th><th scope="col">IP</th><th scope="col">Browser</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id}>
                    <td className="nowrap">{formatDateTime(s.created_at)}</td><td className="nowrap">{formatDateTime(s.last_seen_at)}</td>
                    <td className="nowrap">{formatDateTime(s.expires_at)}</td><td>{s.ip}</td><td className="small ua">{s.user_agent}</td>
                    <td>{s.current ? <span className="badge">this session</span> : (
                      <button type="button" className="btn btn-small" onClick={() => revoke.mutate(s.id)}>Revoke</button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {revoke.error && <ErrorBox error={revoke.error} />}
    </section>
  );
}

function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const change = useMutation({
    mutationFn: (b: Body<'changePassword'>) => api.post('/api/v1/me/password', b),
    onSuccess: () => { setCurrent(''); setNext(''); setAgain(''); },
  });
  const mismatch = again.length > 0 && again !== next;
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={(e) => { e.preventDefault(); if (!mismatch) change.mutate({ current_password: current, new_password: next }); }}>
        <Field label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} hint="At least 15 characters (8 where the organization requires MFA). Your other sessions end." />
        <Field label="Repeat the new password" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} error={mismatch ? 'The passwords differ.' : null} />
        <button type="submit" className="btn btn-primary" disabled={change.isPending || mismatch}>Change password</button>
        {change.isSuccess && <p role="status" className="ok">Password changed; your other sessions were signed out.</p>}
        {change.error && <ErrorBox error={change.error} />}
      </form>
    </section>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="notice" data-testid="recovery-codes">
      <strong>Recovery codes: shown once</strong>
      <p className="small">Each code signs you in once if you lose your authenticator. Keep them somewhere safe, away from this device.</p>
      <ul className="codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      <button type="button" className="btn btn-small" onClick={() => downloadText('finguard-recovery-codes.txt', codes.join('\n') + '\n', 'text/plain;charset=utf-8')}>Download as text</button>
    </div>
  );
}

function TwoFactor() {
  const { me, can } = useSession();
  const qc = useQueryClient();
  // Whether MFA is on is known from the member list where the role may read it.
  const members = useQuery({ queryKey: ['users'], queryFn: () => api.get<Answer<'listUsers'>>('/api/v1/users'), enabled: can('users.read') });
  const known = members.data?.users.find((u) => u.id === me.subject_id)?.mfa_enabled;
  const [enrollment, setEnrollment] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [disablePassword, setDisablePassword] = useState('');
  const enroll = useMutation({
    mutationFn: () => api.post<Answer<'enrollTotp'>>('/api/v1/me/mfa/totp/enroll'),
    onSuccess: (e) => { setEnrollment(e); setCodes(null); },
  });
  const confirm = useMutation({
    mutationFn: (b: Body<'confirmTotp'>) => api.post<Answer<'confirmTotp'>>('/api/v1/me/mfa/totp/confirm', b),
    onSuccess: (r) => { setCodes(r.recovery_codes); setEnrollment(null); setCode(''); void qc.invalidateQueries({ queryKey: ['users'] }); },
  });
  const disable = useMutation({
    mutationFn: () => api.del('/api/v1/me/mfa/totp', { current_password: disablePassword }),
    onSuccess: () => { setDisablePassword(''); void qc.invalidateQueries({ queryKey: ['users'] }); },
  });
  const alreadyOn = known === true || (enroll.error instanceof ApiError && enroll.error.status === 409);
  return (
    <section className="card" aria-labelledby="mfa-title">
      <h2 id="mfa-title">Two-factor authentication</h2>
      {known !== undefined && <p>Status: <strong data-testid="mfa-status">{known ? 'on' : 'off'}</strong></p>}
      {codes && <RecoveryCodes codes={codes} />}
      {!enrollment && !alreadyOn && !codes && (
        <button type="button" className="btn btn-primary" onClick={() => enroll.mutate()} disabled={enroll.isPending}>Set up an authenticator app</button>
      )}
      {enroll.error && !(enroll.error instanceof ApiError && enroll.error.status === 409) && <ErrorBox error={enroll.error} />}
      {enrollment && (
        <form className="enrol" onSubmit={(e: FormEvent) => { e.preventDefault(); confirm.mutate({ code: code.trim() }); }}>
          <p>Scan this code with your authenticator app, or type the key, then enter the 6-digit code it shows.</p>
          <QrCode text={enrollment.otpauth_uri} label="QR code of the authenticator enrolment" />
          <p className="small">Key: <code className="secret" data-testid="totp-secret">{enrollment.secret}</code></p>
          <Field label="Code from the app" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>Turn on</button>
          {confirm.error && <ErrorBox error={confirm.error} />}
        </form>
      )}
      {alreadyOn && !codes && (
        <form onSubmit={(e) => { e.preventDefault(); disable.mutate(); }}>
          <p className="small">Two-factor authentication is on. To turn it off, confirm with your password (refused where an organization requires MFA).</p>
          <Field label="Current password" type="password" autoComplete="current-password" required value={disablePassword} onChange={(e) => setDisablePassword(e.target.value)} />
          <button type="submit" className="btn btn-danger" disabled={disable.isPending}>Turn off</button>
          {disable.isSuccess && <p role="status" className="ok">Two-factor authentication is off.</p>}
          {disable.error && <ErrorBox error={disable.error} />}
        </form>
      )}
    </section>
  );
}

function ApiKeys() {
  const { me } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['api-keys'], queryFn: () => api.get<Answer<'listApiKeys'>>('/api/v1/api-keys') });
  const [name, setName] = useState('');
  const [role, setRole] = useState(me.role === 'owner' ? 'viewer' : me.role);
  const [expires, setExpires] = useState('');
  const [shown, setShown] = useState<CreatedApiKey | null>(null);
  const create = useMutation({
    mutationFn: (b: Body<'createApiKey'>) => api.post<CreatedApiKey>('/api/v1/api-keys', b),
    onSuccess: (k) => { setShown(k); setName(''); void qc.invalidateQueries({ queryKey: ['api-keys'] }); },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(pathOf('/api/v1/api-keys/{key}', { key: id })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b: Body<'createApiKey'> = { name: name.trim(), role: role as Body<'createApiKey'>['role'] };
    if (expires) b.expires_at = `${expires}T00:00:00Z`;
    create.mutate(b);
  };
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <form className="row wrap" onSubmit={submit} data-mutation="create-api-key">
        <label className="field inline">Name<input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field inline">Role
          <select value={role} onChange={(e) => setRole(e.target.value)}>{grantableRoles(me.role).map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}</select>
        </label>
        <label className="field inline">Expires<input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} /></label>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create key</button>
      </form>
      {create.error && <ErrorBox error={create.error} />}
      {shown?.key && (
        <div className="notice" role="status" data-testid="new-api-key">
          <strong>The key {shown.name}: shown once</strong>
          <p className="small">Copy it now; finguard keeps only its hash. Send it as <code>Authorization: Bearer …</code>.</p>
          <code className="secret wrap-anywhere" data-testid="api-key-value">{shown.key}</code>
          <div className="row">
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(shown.key)}>Copy</button>
            <button type="button" className="btn btn-small" onClick={() => setShown(null)}>I have saved it</button>
          </div>
        </div>
      )}
      <QueryState query={q} what="API keys">
        {(d) => d.api_keys.length === 0 ? <Empty>No API keys.</Empty> : (
          <div className="table-wrap">
            <table className="data-table" data-testid="api-keys-table">
              <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {d.api_keys.map((k) => (
                  <tr key={k.id} data-key-name={k.name}>
                    <td>{k.name}<br /><code className="small">{k.id}</code></td><td>{roleLabel(k.role)}</td>
                    <td className="nowrap">{formatDateTime(k.created_at)}</td><td className="nowrap">{formatDateTime(k.expires_at)}</td><td className="nowrap">{formatDateTime(k.last_used_at)}</td>
                    <td><button type="button" className="btn btn-small btn-danger" data-mutation="revoke-api-key"
                      onClick={() => { if (window.confirm(`Revoke the API key ${k.name}? Clients using it stop working at once.`)) revoke.mutate(k.id); }}>Revoke</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {revoke.error && <ErrorBox error={revoke.error} />}
    </section>
  );
}

function SecurityPolicy() {
  const [requireMfa, setRequireMfa] = useState('');
  const [idle, setIdle] = useState('');
  const [absolute, setAbsolute] = useState('');
  const save = useMutation({ mutationFn: (b: Body<'updateOrgSecurity'>) => api.patch('/api/v1/org/security', b) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b: Body<'updateOrgSecurity'> = {};
    if (requireMfa) b.require_mfa = requireMfa === 'on';
    if (idle) b.session_idle_seconds = Number(idle) * 60;
    if (absolute) b.session_absolute_seconds = Number(absolute) * 3600;
    save.mutate(b);
  };
  return (
    <section className="card" aria-labelledby="security-title" data-mutation="security-policy">
      <h2 id="security-title">Organization security policy</h2>
      <form onSubmit={submit}>
        <p className="small muted">Leave a field empty to keep its current value.</p>
        <label className="field">Require two-factor authentication
          <select value={requireMfa} onChange={(e) => setRequireMfa(e.target.value)}>
            <option value="">unchanged</option><option value="on">required for every member</option><option value="off">optional</option>
          </select>
        </label>
        <Field label="Idle timeout (minutes, 1–1440)" type="number" min={1} max={1440} value={idle} onChange={(e) => setIdle(e.target.value)} />
        <Field label="Session lifetime (hours, 1–720)" type="number" min={1} max={720} value={absolute} onChange={(e) => setAbsolute(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save policy</button>
        {save.isSuccess && <p role="status" className="ok">Policy saved (audited as settings.changed).</p>}
        {save.error && <ErrorBox error={save.error} />}
      </form>
    </section>
  );
}

function Schedules() {
  const { can } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['schedules'], queryFn: () => api.get<Answer<'listSchedules'>>('/api/v1/schedules') });
  const [name, setName] = useState('');
  const [kind, setKind] = useState('uploads.cleanup');
  const [cron, setCron] = useState('0 3 * * *');
  const [zone, setZone] = useState('UTC');
  const done = () => void qc.invalidateQueries({ queryKey: ['schedules'] });
  const create = useMutation({ mutationFn: (b: Body<'createSchedule'>) => api.post('/api/v1/schedules', b), onSuccess: () => { setName(''); done(); } });
  const toggle = useMutation({ mutationFn: (s: Schedule) => api.patch(pathOf('/api/v1/schedules/{id}', { id: s.id }), { enabled: !s.enabled }), onSuccess: done });
  const remove = useMutation({ mutationFn: (id: string) => api.del(pathOf('/api/v1/schedules/{id}', { id })), onSuccess: done });
  const manage = can('jobs.manage');
  return (
    <section className="card" aria-labelledby="schedules-title">
      <h2 id="schedules-title">Schedules</h2>
      <QueryState query={q} what="schedules">
        {(d) => d.schedules.length === 0 ? <Empty>No schedules.</Empty> : (
          <div className="table-wrap">
            <table className="data-table" data-testid="schedules-table">
              <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Cron</th><th scope="col">Zone</th><th scope="col">Next run</th><th scope="col">Enabled</th>{manage && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr></thead>
              <tbody>
                {d.schedules.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td><td><code>{s.kind}</code></td><td className="nowrap"><code>{s.cron}</code></td><td>{s.time_zone}</td>
                    <td className="nowrap">{formatDateTime(s.next_run_at)}</td><td>{s.enabled ? 'yes' : 'no'}</td>
                    {manage && (
                      <td className="actions">
                        <button type="button" className="btn btn-small" data-mutation="toggle-schedule" onClick={() => toggle.mutate(s)}>{s.enabled ? 'Pause' : 'Resume'}</button>
                        <button type="button" className="btn btn-small btn-danger" data-mutation="delete-schedule"
                          onClick={() => { if (window.confirm(`Delete the schedule ${s.name}?`)) remove.mutate(s.id); }}>Delete</button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {manage && (
        <form className="row wrap" data-mutation="create-schedule" onSubmit={(e) => { e.preventDefault(); create.mutate({ name: name.trim(), kind, cron: cron.trim(), time_zone: zone.trim() || 'UTC' }); }}>
          <label className="field inline">Name<input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label className="field inline">Kind
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="uploads.cleanup">uploads.cleanup</option><option value="audit.checkpoint">audit.checkpoint</option>
            </select>
          </label>
          <label className="field inline">Cron (min hour day month weekday)<input required value={cron} onChange={(e) => setCron(e.target.value)} /></label>
          <label className="field inline">Time zone<input value={zone} onChange={(e) => setZone(e.target.value)} placeholder="Europe/Berlin" /></label>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>Add schedule</button>
        </form>
      )}
      {(create.error ?? toggle.error ?? remove.error) && <ErrorBox error={create.error ?? toggle.error ?? remove.error} />}
    </section>
  );
}

export function SettingsPage() {
  const { me, can } = useSession();
  const user = me.subject_kind === 'user';
  return (
    <div className="settings-page">
      {!user && <p className="notice">You are signed in with {me.auth_method}; account settings need a password sign-in. <button type="button" className="btn-link" onClick={() => navigate('/sign-in')}>Sign in</button></p>}
      {user && <Sessions />}
      {user && <TwoFactor />}
      {user && <PasswordChange />}
      <Can permission="api_keys.manage"><ApiKeys /></Can>
      <Can permission="security.settings"><SecurityPolicy /></Can>
      {can('jobs.read') && <Schedules />}
    </div>
  );
}
