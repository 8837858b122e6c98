// Members and roles: the members (change a role, deactivate, reset MFA, issue a password reset: the
// link goes to the user, never to this page; until mail exists the operator delivers it), invitations (invite; the pending ones, when the server lists them), and the permission
// matrix. Each control appears only with its permission; a role is offered only up to one's own.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, pathOf } from '../api/client';
import type { Answer, Body, IssuedInvitation, Member, RolesResponse } from '../api/types';
import { Can, useSession } from '../app/session';
import { Empty, ErrorBox, QueryState } from '../components/States';
import { formatDateTime } from '../lib/dates';
import { grantableRoles, rank, ROLES, roleLabel } from '../lib/permissions';

function absolute(link: string): string {
  return new URL(link, window.location.origin).toString();
}

function OneTimeLink({ title, link, note }: { title: string; link: string; note: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice" role="status" data-testid="one-time-link">
      <strong>{title}</strong>
      <p className="small">{note}</p>
      <code className="secret wrap-anywhere">{absolute(link)}</code>
      <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(absolute(link)).then(() => setCopied(true))}>
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

function InviteForm() {
  const { me } = useSession();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('viewer');
  const invite = useMutation({
    mutationFn: (b: Body<'createInvitation'>) => api.post<IssuedInvitation>('/api/v1/invitations', b),
    onSuccess: () => { setEmail(''); void qc.invalidateQueries({ queryKey: ['invitations'] }); },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email: email.trim(), role: role as Body<'createInvitation'>['role'] });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="invite-title" data-mutation="invite">
      <h2 id="invite-title">Invite a member</h2>
      <div className="row wrap">
        <label className="field inline">Email<input type="email" required value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} /></label>
        <label className="field inline">Role
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {grantableRoles(me.role).map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>Invite</button>
      </div>
      {invite.error && <ErrorBox error={invite.error} />}
      {invite.data && (
        <OneTimeLink title={`Invitation for ${invite.variables?.email ?? ''}`} link={invite.data.link}
          note={`Send this single-use link to the person; it expires ${formatDateTime(invite.data.expires_at)} and is not shown again.`} />
      )}
    </form>
  );
}

function PendingInvitations() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['invitations'],
    queryFn: () => api.get<Answer<'listInvitations'>>('/api/v1/invitations'),
    retry: false,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(pathOf('/api/v1/invitations/{id}', { id })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['invitations'] }),
  });
  // Servers before the invitations listing answer 404 or 405 for GET: say so rather than fail.
  if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 405)) {
    return <p className="muted small">This server does not list pending invitations yet.</p>;
  }
  return (
    <QueryState query={q} what="invitations">
      {(d) => d.invitations.length === 0 ? <Empty>No pending invitations.</Empty> : (
        <div className="table-wrap">
          <table className="data-table" data-testid="invitations-table">
            <caption>Pending invitations</caption>
            <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Invited by</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {d.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td><td>{roleLabel(i.role)}</td><td className="small">{i.invited_by ?? '—'}</td><td>{formatDateTime(i.expires_at)}</td>
                  <td><button type="button" className="btn btn-small btn-danger" data-mutation="revoke-invitation" onClick={() => revoke.mutate(i.id)}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {revoke.error && <ErrorBox error={revoke.error} />}
        </div>
      )}
    </QueryState>
  );
}

function MemberRow({ m }: { m: Member }) {
  const { me, can } = useSession();
  const qc = useQueryClient();
  const [resetIssued, setResetIssued] = useState(false);
  const done = () => void qc.invalidateQueries({ queryKey: ['users'] });
  const changeRole = useMutation({
    mutationFn: (role: string) => api.patch(pathOf('/api/v1/users/{id}', { id: m.id }), { role }),
    onSuccess: done,
  });
  const deactivate = useMutation({ mutationFn: () => api.post(pathOf('/api/v1/users/{id}/deactivate', { id: m.id })), onSuccess: done });
  const resetMfa = useMutation({ mutationFn: () => api.post(pathOf('/api/v1/users/{id}/mfa/reset', { id: m.id })), onSuccess: done });
  const unlockMfa = useMutation({ mutationFn: () => api.post(pathOf('/api/v1/users/{id}/mfa/unlock', { id: m.id })), onSuccess: done });
  const resetPassword = useMutation({
    mutationFn: () => api.post(pathOf('/api/v1/users/{id}/password-reset', { id: m.id })),
    onSuccess: () => setResetIssued(true),
  });
  const self = m.id === me.subject_id;
  // A role can be changed only among roles up to one's own, and never above one's own.
  const editable = can('users.update_role') && m.active && !self && rank(m.role) >= rank(me.role);
  // Credential resets need a role strictly above the member's (no peer resets a peer, an Owner included).
  const below = rank(m.role) > rank(me.role);
  const error = changeRole.error ?? deactivate.error ?? resetMfa.error ?? unlockMfa.error ?? resetPassword.error;
  return (
    <>
      <tr data-member={m.email} className={m.active ? undefined : 'inactive'}>
        <td>{m.display_name || '—'}<br /><span className="small">{m.email}</span>{self && <span className="badge">you</span>}
          {m.email_verified === false && (
            <span className="badge" data-unverified title="Made by accepting an invitation; joins no other organization until its email is verified (finguard admin verify-email)">email unverified</span>
          )}</td>
        <td>
          {editable ? (
            <select aria-label={`Role of ${m.email}`} value={m.role} data-mutation="change-role" disabled={changeRole.isPending}
              onChange={(e) => changeRole.mutate(e.target.value)}>
              {grantableRoles(me.role).map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
            </select>
          ) : roleLabel(m.role)}
        </td>
        <td>{m.active ? 'active' : 'deactivated'}</td>
        <td>
          {m.mfa_enabled ? 'on' : 'off'}
          {m.mfa_locked_until && (
            <span className="badge" data-testid="mfa-locked">second factor locked until {formatDateTime(m.mfa_locked_until)}</span>
          )}
        </td>
        <td className="nowrap">{formatDateTime(m.joined_at)}</td>
        <td className="actions">
          {!self && m.active && can('users.deactivate') && rank(m.role) >= rank(me.role) && (
            <button type="button" className="btn btn-small btn-danger" data-mutation="deactivate"
              onClick={() => { if (window.confirm(`Deactivate ${m.email}? Their sessions end and their API keys are revoked.`)) deactivate.mutate(); }}>
              Deactivate
            </button>
          )}
          {!self && m.active && m.mfa_enabled && below && can('users.reset_mfa') && (
            <button type="button" className="btn btn-small" data-mutation="reset-mfa"
              onClick={() => { if (window.confirm(`Reset the MFA of ${m.email}?`)) resetMfa.mutate(); }}>Reset MFA</button>
          )}
          {m.mfa_locked_until && can('security.settings') && (
            <button type="button" className="btn btn-small" data-mutation="unlock-mfa" onClick={() => unlockMfa.mutate()}>Unlock</button>
          )}
          {!self && m.active && below && can('users.reset_password') && (
            <button type="button" className="btn btn-small" data-mutation="reset-password" onClick={() => resetPassword.mutate()}>Reset password</button>
          )}
        </td>
      </tr>
      {(error || resetIssued) && (
        <tr><td colSpan={6}>
          {error && <ErrorBox error={error} />}
          {resetIssued && (
            <div className="notice" role="status" data-testid="reset-issued">
              A password reset was issued for {m.email}; the operator delivers it to them (valid for an hour).
            </div>
          )}
        </td></tr>
      )}
    </>
  );
}

function MemberList() {
  const q = useQuery({ queryKey: ['users'], queryFn: () => api.get<Answer<'listUsers'>>('/api/v1/users') });
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <QueryState query={q} what="members">
        {(d) => (
          <div className="table-wrap">
            <table className="data-table" data-testid="members-table">
              <thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">MFA</th><th scope="col">Joined</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>{d.users.map((m) => <MemberRow key={m.id} m={m} />)}</tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

export function PermissionMatrix({ roles }: { roles: RolesResponse }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Permission matrix">
      <table className="data-table matrix" data-testid="permission-matrix">
        <thead>
          <tr><th scope="col">Permission</th>{ROLES.map((r) => <th key={r} scope="col">{roleLabel(r)} ({roles.counts[r] ?? 0})</th>)}</tr>
        </thead>
        <tbody>
          {roles.permissions.map((p) => (
            <tr key={p.name}>
              <th scope="row"><code>{p.name}</code><br /><span className="small muted">{p.description}</span></th>
              {ROLES.map((r) => <td key={r} className="center">{p.roles.includes(r) ? <span aria-label="yes">✓</span> : <span aria-label="no" className="muted">—</span>}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MembersPage() {
  const { roles, can } = useSession();
  return (
    <div className="members-page">
      <Can permission="users.invite"><InviteForm /></Can>
      {can('users.invite') && (
        <section className="card" aria-labelledby="pending-title">
          <h2 id="pending-title">Pending invitations</h2>
          <PendingInvitations />
        </section>
      )}
      {can('users.read') && <MemberList />}
      <section className="card" aria-labelledby="matrix-title">
        <h2 id="matrix-title">Roles and permissions</h2>
        {roles ? <PermissionMatrix roles={roles} /> : <p className="muted">Loading the permission matrix…</p>}
      </section>
    </div>
  );
}
