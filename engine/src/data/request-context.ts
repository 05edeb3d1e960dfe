import type { Knex } from 'knex';
import type { Language } from '@opsflux/definitions';
import { Access } from '../access/access.ts';
import { SYSTEM_PRINCIPAL, type Principal } from '../access/principal.ts';
import type { AuditActor } from '../audit/audit-entry.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';
import type { PlaceholderValues } from '../query/filter-placeholders.ts';

/** Passed down every call of a request: no module reads "the current user" from a global. */
export interface RequestContext {
  db: Knex;
  registry: Registry;
  log: Logger;
  /** Who acts: the user id written to created_by / updated_by and the audit trail. */
  actor: string | null;
  principal: Principal;
  /** What the principal may do; every read and write of records goes through it. */
  access: Access;
  now: () => Date;
  /** Where the request came from, for the audit trail. */
  client?: { ip?: string | null; userAgent?: string | null };
  /** Language of messages (rule messages are translated). */
  lang: Language;
  /** How many automations led to this change (0 or absent: a person or program did). */
  depth?: number;
}

/** The audit trail's view of who acts and from where. */
export function auditActor(ctx: RequestContext): AuditActor {
  return {
    id: ctx.actor,
    name: ctx.principal.name,
    apiKeyId: ctx.principal.apiKeyId ?? null,
    ip: ctx.client?.ip ?? null,
    userAgent: ctx.client?.userAgent ?? null,
  };
}

/** What `{"$user": ...}`, `{"$today": n}` and `{"$now": n}` stand for in this request's filters. */
export function filterPlaceholders(ctx: RequestContext): PlaceholderValues {
  const p = ctx.principal;
  return {
    user: {
      id: p.userId,
      email: p.email,
      departmentId: p.departmentId,
      companyId: p.companyId,
      companyIds: p.memberships.map((m) => m.companyId),
      groupIds: p.groupIds,
    },
    now: ctx.now(),
    timeZone: p.timeZone ?? 'UTC',
  };
}

/** The engine acting on its own (seeds, CLI, migrations): every permission, named in the audit trail. */
export function systemContext(db: Knex, registry: Registry, log: Logger, actor = 'system'): RequestContext {
  const principal = { ...SYSTEM_PRINCIPAL, name: actor };
  return {
    db,
    registry,
    log,
    actor,
    principal,
    access: Access.unrestricted(principal),
    now: () => new Date(),
    lang: 'en',
  };
}
