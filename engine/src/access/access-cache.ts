import type { Knex } from 'knex';
import type { Registry } from '../registry/registry-types.ts';
import { Access } from './access.ts';
import { expandRoles } from './compile-permissions.ts';
import type { ApiKeyScope, Membership, Principal } from './principal.ts';

/** The user as authentication reads it at every request. */
export interface UserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  status: string;
  system_roles: string[];
  department_id: string | null;
  default_company_id: string | null;
  /** Absent for rows read before time zones were part of the principal (tests, the CLI). */
  time_zone?: string | null;
}

export interface Credentials {
  sessionId?: string;
  /** The company chosen for this session, if any. */
  companyId?: string | null;
  apiKeyId?: string;
  apiKeyScope?: ApiKeyScope;
  apiKeyRoles?: string[] | null;
}

interface Entry {
  principal: Principal;
  access: Access;
}

const MAX_ENTRIES = 10_000;

/**
 * Principals and their compiled abilities, keyed by user, credentials, organization version and
 * registry version: a change to a role, a membership or a permission definition (in this
 * process or another) changes one of those versions, so the next request builds afresh.
 */
export class AccessCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly mfaPolicy: 'none' | 'admins' | 'all' = 'none') {}

  async resolve(db: Knex, registry: Registry, user: UserRow, orgVersion: number, cred: Credentials): Promise<Entry> {
    const key = [
      user.id,
      user.time_zone ?? '',
      orgVersion,
      registry.version,
      cred.apiKeyId ?? '',
      cred.companyId ?? '',
    ].join('|');
    const hit = this.#entries.get(key);
    if (hit) return withSession(hit, cred);
    const [memberships, groups] = await Promise.all([
      db('sys_memberships').select('company_id', 'roles').where({ user_id: user.id }).orderBy('created_at'),
      db('sys_group_members').pluck('group_id').where({ user_id: user.id }),
    ]);
    const ms: Membership[] = memberships.map((m: { company_id: string; roles: string[] }) => ({
      companyId: m.company_id,
      roles: m.roles,
    }));
    const chosen = cred.companyId && ms.some((m) => m.companyId === cred.companyId) ? cred.companyId : undefined;
    const principal: Principal = {
      kind: 'user',
      userId: user.id,
      name: `${user.first_name} ${user.last_name}`,
      email: user.email,
      systemRoles: user.system_roles,
      memberships: ms,
      companyId: chosen ?? user.default_company_id ?? ms[0]?.companyId ?? null,
      departmentId: user.department_id,
      groupIds: groups as string[],
      timeZone: user.time_zone ?? 'UTC',
      secondFactorRequired:
        this.mfaPolicy === 'all' ||
        (this.mfaPolicy === 'admins' && user.system_roles.includes('admin')) ||
        expandRoles(
          registry.roles,
          ms.flatMap((m) => m.roles),
        ).some((code) => registry.roles.get(code)?.mfaRequired),
      orgVersion,
      ...(cred.apiKeyId && {
        apiKeyId: cred.apiKeyId,
        apiKeyScope: cred.apiKeyScope,
        apiKeyRoles: cred.apiKeyRoles ?? null,
      }),
    };
    const departmentUserIds = user.department_id
      ? ((await db('sys_users').pluck('id').where({ department_id: user.department_id })) as string[])
      : [];
    const entry = { principal, access: Access.build(principal, registry, { departmentUserIds }) };
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, entry);
    return withSession(entry, cred);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The session is the request's, not the cached entry's: every session of a user shares one
 * compiled access, and each request carries its own session id.
 */
function withSession(entry: Entry, cred: Credentials): Entry {
  return cred.sessionId ? { ...entry, principal: { ...entry.principal, sessionId: cred.sessionId } } : entry;
}
