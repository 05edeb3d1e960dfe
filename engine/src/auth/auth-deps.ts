import type { Knex } from 'knex';
import type { AccessCache } from '../access/access-cache.ts';
import type { AuditActor, AuditEvent } from '../audit/audit-entry.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';
import type { RateLimits } from './rate-limits.ts';
import type { SecretBox } from './tokens.ts';

/** Everything authentication needs, built once by the engine and handed to its routes. */
export interface AuthDeps {
  db: Knex;
  config: Config;
  log: Logger;
  limits: RateLimits;
  mailer: Mailer;
  secrets: SecretBox;
  access: AccessCache;
  registry: RegistryHolder;
  /** Reloads the registry when another process applied a bundle (`mark` is the newest version id). */
  syncRegistry(mark: number): Promise<void>;
  now(): Date;
}

/** Where a request comes from: kept on sessions and in the audit trail. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Audits auth events in a transaction of their own (a refused sign-in has nothing else to commit). */
export async function auditAlone(deps: AuthDeps, actor: AuditActor, events: AuditEvent[]): Promise<void> {
  await deps.db.transaction((trx) => appendAudit(trx, actor, deps.now(), events));
}

export function actorOf(
  user: { id: string; first_name?: string; last_name?: string } | null,
  client: ClientInfo,
): AuditActor {
  return {
    id: user?.id ?? null,
    name: user?.first_name ? `${user.first_name} ${user.last_name}` : null,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}
