/** Platform roles, held beside the bundle roles a user holds per company. */
export const SYSTEM_ROLES = ['admin', 'auditor'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

/** What an API key may do, whatever its owner may. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface Membership {
  companyId: string;
  roles: string[];
}

/** Who a request acts for: resolved once by authentication, read by authorization and the audit trail. */
export interface Principal {
  /** `system` is the engine itself (seeds, CLI): it may do everything and has no user. */
  kind: 'user' | 'system';
  userId: string | null;
  name: string | null;
  email: string | null;
  systemRoles: string[];
  memberships: Membership[];
  /** The company new records go to, and the one the user works in now. */
  companyId: string | null;
  departmentId: string | null;
  groupIds: string[];
  /** IANA zone the user reads dates in (their profile's); UTC when unknown. */
  timeZone?: string;
  sessionId?: string;
  apiKeyId?: string;
  apiKeyScope?: ApiKeyScope;
  /** An API key restricted to some of its owner's roles. */
  apiKeyRoles?: string[] | null;
  /** A role held (or the installation's policy) demands a second factor of this user. */
  secondFactorRequired?: boolean;
  /** Organization version the principal was read at: abilities cached under it go stale with it. */
  orgVersion: number;
}

export const SYSTEM_PRINCIPAL: Principal = Object.freeze({
  kind: 'system',
  userId: null,
  name: 'system',
  email: null,
  systemRoles: ['admin'],
  memberships: [],
  companyId: null,
  departmentId: null,
  groupIds: [],
  orgVersion: 0,
});

export function isAdmin(p: Principal): boolean {
  return p.systemRoles.includes('admin') && (p.apiKeyScope === undefined || p.apiKeyScope === 'admin');
}

export function hasSystemRole(p: Principal, role: SystemRole): boolean {
  if (role === 'admin') return isAdmin(p);
  return p.systemRoles.includes(role) || isAdmin(p);
}
