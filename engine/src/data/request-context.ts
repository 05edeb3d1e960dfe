import type { Knex } from 'knex';
import type { Language } from '@opsflux/definitions';
import type { AuditActor } from '../audit/audit-entry.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';

/** Passed down every call of a request: no module reads "the current user" from a global. */
export interface RequestContext {
  db: Knex;
  registry: Registry;
  log: Logger;
  /** Who acts; null until the identity issue adds authentication. */
  actor: string | null;
  now: () => Date;
  /** Where the request came from, for the audit trail. */
  client?: { ip?: string | null; userAgent?: string | null };
  /** Language of messages (rule messages are translated). */
  lang: Language;
}

/** The audit trail's view of who acts and from where. */
export function auditActor(ctx: RequestContext): AuditActor {
  return { id: ctx.actor, ip: ctx.client?.ip ?? null, userAgent: ctx.client?.userAgent ?? null };
}
