import type { Recipients } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { expandRoles } from '../access/compile-permissions.ts';
import type { Registry } from '../registry/registry-types.ts';
import type { AutomationEvent } from './automation-events.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string' && UUID.test(v));

/** Role codes whose holders hold `code` too, through inheritance. */
export function rolesGranting(registry: Registry, code: string): string[] {
  return [...registry.roles.keys()].filter((r) => expandRoles(registry.roles, [r]).includes(code));
}

/** Active users holding any of `roles` (or a role inheriting one) in `companyId` (any company when null). */
export async function holdersOf(
  db: Knex | Knex.Transaction,
  registry: Registry,
  roles: string[],
  companyId: string | null | undefined,
): Promise<string[]> {
  const codes = [...new Set(roles.flatMap((r) => rolesGranting(registry, r)))];
  if (!codes.length) return [];
  const q = db('sys_memberships as m')
    .join('sys_users as u', 'u.id', 'm.user_id')
    .where('u.status', 'active')
    .whereRaw('m.roles && ?::text[]', [codes])
    .distinct('m.user_id');
  if (companyId) q.where('m.company_id', companyId);
  return (await q).map((r: { user_id: string }) => r.user_id);
}

export async function managersOf(db: Knex | Knex.Transaction, userIds: string[]): Promise<string[]> {
  const ids = uuids(userIds);
  if (!ids.length) return [];
  return (await db('sys_users').whereIn('id', ids).whereNotNull('manager_id').distinct('manager_id')).map(
    (r: { manager_id: string }) => r.manager_id,
  );
}

/** Users an approval step awaits, with whoever they delegated to on that day. */
export async function withDelegates(db: Knex | Knex.Transaction, userIds: string[], day: string): Promise<string[]> {
  const ids = uuids(userIds);
  if (!ids.length) return [];
  const delegates = await db('sys_delegations')
    .whereIn('user_id', ids)
    .whereNull('revoked_at')
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .pluck('delegate_id');
  return [...new Set([...ids, ...delegates])];
}

/** The users (and plain addresses) `to` names for this event. */
export async function resolveRecipients(
  db: Knex | Knex.Transaction,
  registry: Registry,
  to: Recipients,
  event: AutomationEvent,
): Promise<{ userIds: string[]; emails: string[] }> {
  const record = event.record ?? {};
  const users = new Set<string>(uuids(to.users ?? []));
  const creator = record.created_by as string | undefined;
  if (to.creator && creator) users.add(creator);
  if (to.actor && event.actor?.id) users.add(event.actor.id);
  for (const f of to.fields ?? []) uuids([record[f]]).forEach((u) => users.add(u));
  if (to.roles?.length) (await holdersOf(db, registry, to.roles, event.companyId)).forEach((u) => users.add(u));
  if (to.creatorManager && creator) (await managersOf(db, [creator])).forEach((u) => users.add(u));
  const day = event.at.slice(0, 10);
  const approvers = await withDelegates(db, event.approval?.approvers ?? [], day);
  if (to.approvers) approvers.forEach((u) => users.add(u));
  if (to.approversManagers) (await managersOf(db, event.approval?.approvers ?? [])).forEach((u) => users.add(u));
  // A record created by the engine (seed, automation) names no user: only user ids go on.
  const ids = uuids([...users]);
  const active = ids.length
    ? ((await db('sys_users').whereIn('id', ids).where('status', 'active').pluck('id')) as string[])
    : [];
  return { userIds: active.sort(), emails: to.emails ?? [] };
}
