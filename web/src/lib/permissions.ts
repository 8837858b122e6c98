// Role-dependent controls. The server's permission matrix (GET /api/v1/roles) and the principal's
// role (GET /api/v1/me) say what to show; the server stays the only authority and refuses (403)
// whatever a hidden control would have sent.

export const ROLES = ['owner', 'administrator', 'analyst', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface PermissionRow {
  name: string;
  description: string;
  roles: string[];
}

export interface RoleMatrix {
  roles: string[];
  permissions: PermissionRow[];
}

/** The set of permissions `role` holds in `matrix`; empty for an unknown role or no matrix. */
export function permissionsOf(role: string | undefined, matrix: RoleMatrix | undefined): Set<string> {
  if (!role || !matrix) return new Set();
  return new Set(matrix.permissions.filter((p) => p.roles.includes(role)).map((p) => p.name));
}

/** Roles ordered from most to least powerful: a user may grant at most their own. */
export function rank(role: string): number {
  const i = (ROLES as readonly string[]).indexOf(role);
  return i < 0 ? ROLES.length : i;
}

export function grantableRoles(myRole: string): Role[] {
  return ROLES.filter((r) => rank(r) >= rank(myRole));
}

export function roleLabel(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
