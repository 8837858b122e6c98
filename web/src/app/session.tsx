// Who is signed in: GET /api/v1/me (the principal) and GET /api/v1/roles (the permission matrix).
// Pages ask `can(permission)` to decide which controls to render; nothing here is stored outside
// memory (no token, no profile in localStorage: the session cookie is HttpOnly).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { api } from '../api/client';
import type { Me, RolesResponse } from '../api/types';
import { permissionsOf } from '../lib/permissions';

export interface SessionValue {
  me: Me;
  roles: RolesResponse | undefined;
  permissions: Set<string>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

/** Optional variant for components that render in and out of a session. */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<RolesResponse>('/api/v1/roles'),
    staleTime: 5 * 60_000,
  });
  const value = useMemo<SessionValue>(() => {
    const permissions = permissionsOf(me.role, roles.data);
    return { me, roles: roles.data, permissions, can: (p) => permissions.has(p) };
  }, [me, roles.data]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** A provider for tests and stories: a fixed principal and matrix. */
export function StaticSessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => api.get<Me>('/api/v1/me', { expectUnauthenticated: true }),
    retry: false,
    staleTime: 60_000,
  });
}

/** Forgets everything cached for the previous principal (sign-out, sign-in as someone else). */
export function useResetSession(): () => void {
  const qc = useQueryClient();
  return () => {
    qc.clear();
  };
}

/** Renders children only when the principal holds `permission` (the server checks again). */
export function Can({ permission, children }: { permission: string; children: ReactNode }) {
  const s = useOptionalSession();
  return s?.can(permission) ? <>{children}</> : null;
}
