// Permission-dependent rendering: the same pages for an Owner, an Administrator and a Viewer, with
// the server's permission matrix and fetch answering like the API.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Me, RolesResponse } from '../api/types';
import { type SessionValue, StaticSessionProvider } from '../app/session';
import { permissionsOf } from '../lib/permissions';
import { MembersPage } from './Members';
import { SettingsPage } from './Settings';

const ROLES = ['owner', 'administrator', 'analyst', 'member', 'viewer'];
const at = (min: string) => ROLES.slice(0, ROLES.indexOf(min) + 1);
const matrix: RolesResponse = {
  roles: ROLES,
  counts: { owner: 35, administrator: 29, analyst: 14, member: 8, viewer: 6 },
  permissions: [
    ['roles.read', 'viewer'], ['costs.read', 'viewer'], ['api_keys.manage', 'member'], ['jobs.read', 'administrator'],
    ['jobs.manage', 'administrator'], ['users.read', 'administrator'], ['users.invite', 'administrator'],
    ['users.update_role', 'administrator'], ['users.deactivate', 'administrator'], ['users.reset_mfa', 'administrator'],
    ['users.reset_password', 'administrator'], ['security.settings', 'owner'],
  ].map(([name, min]) => ({ name: name!, description: name!, roles: at(min!) })),
};

function session(role: string): SessionValue {
  const me: Me = { subject_id: 'u-self', subject_kind: 'user', org_id: 'o', role, auth_method: 'session' };
  const permissions = permissionsOf(role, matrix);
  return { me, roles: matrix, permissions, can: (p) => permissions.has(p) };
}

const answers: Record<string, unknown> = {
  '/api/v1/users': { users: [
    { id: 'u-self', email: 'me@x.test', display_name: 'Me', role: 'administrator', active: true, mfa_enabled: false, joined_at: '2024-01-01T00:00:00Z' },
    { id: 'u-owner', email: 'owner@x.test', display_name: 'O', role: 'owner', active: true, mfa_enabled: true, joined_at: '2024-01-01T00:00:00Z' },
    { id: 'u-an', email: 'analyst@x.test', display_name: 'A', role: 'analyst', active: true, mfa_enabled: true, mfa_locked_until: '2030-01-01T00:00:00Z', joined_at: '2024-01-01T00:00:00Z' },
  ] },
  '/api/v1/invitations': { invitations: [] },
  '/api/v1/auth/sessions': { sessions: [] },
  '/api/v1/api-keys': { api_keys: [] },
  '/api/v1/schedules': { schedules: [] },
};

function renderAs(role: string, ui: ReactNode) {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = url.split('?')[0]!;
    if (!(path in answers)) return new Response(JSON.stringify({ error: { code: 'permission_denied', message: 'no', request_id: 'r' } }), { status: 403 });
    return new Response(JSON.stringify(answers[path]), { status: 200 });
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <StaticSessionProvider value={session(role)}>{ui}</StaticSessionProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('members and roles', () => {
  it('a Viewer sees the matrix and no control that changes anything', async () => {
    const { container } = renderAs('viewer', <MembersPage />);
    expect(screen.getByTestId('permission-matrix')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryByTestId('members-table')).toBeNull();
    expect(container.querySelectorAll('[data-mutation]')).toHaveLength(0);
  });
  it('an Administrator invites up to their own role and edits only roles at or below it', async () => {
    renderAs('administrator', <MembersPage />);
    expect(screen.getByRole('button', { name: 'Invite' })).toBeTruthy();
    const options = [...screen.getByRole('combobox', { name: 'Role' }).querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['administrator', 'analyst', 'member', 'viewer']);
    await waitFor(() => expect(screen.getByTestId('members-table')).toBeTruthy());
    expect(screen.queryByRole('combobox', { name: 'Role of owner@x.test' })).toBeNull(); // above mine
    expect(screen.queryByRole('combobox', { name: 'Role of me@x.test' })).toBeNull(); // myself
    expect(screen.getByRole('combobox', { name: 'Role of analyst@x.test' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Deactivate' })).toHaveLength(1);
  });
  it('an Owner sees a locked second factor and can unlock it; an Administrator cannot', async () => {
    renderAs('owner', <MembersPage />);
    await waitFor(() => expect(screen.getByTestId('members-table')).toBeTruthy());
    expect(screen.getByTestId('mfa-locked').textContent).toContain('second factor locked until');
    expect(screen.getAllByRole('button', { name: 'Unlock' })).toHaveLength(1);
    cleanup();
    renderAs('administrator', <MembersPage />);
    await waitFor(() => expect(screen.getByTestId('members-table')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Unlock' })).toBeNull();
  });
});

describe('settings', () => {
  it('a Viewer manages only their own account', async () => {
    const { container } = renderAs('viewer', <SettingsPage />);
    await waitFor(() => expect(screen.getByTestId('sessions-table')).toBeTruthy());
    expect(screen.queryByRole('heading', { name: 'API keys' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Organization security policy' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Schedules' })).toBeNull();
    expect(container.querySelectorAll('[data-mutation]')).toHaveLength(0);
  });
  it('an Owner also gets API keys, the security policy and schedules', async () => {
    renderAs('owner', <SettingsPage />);
    expect(screen.getByRole('heading', { name: 'API keys' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Organization security policy' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add schedule' })).toBeTruthy());
  });
  it('an Administrator has schedules but not the Owner-only policy', () => {
    renderAs('administrator', <SettingsPage />);
    expect(screen.getByRole('heading', { name: 'Schedules' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Organization security policy' })).toBeNull();
  });
});
