import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../bundles/bundle-store.ts';

/** Who acted, from where: carried by the request context into every audit entry. */
export interface AuditActor {
  id: string | null;
  name?: string | null;
  apiKeyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  action: string;
  entity?: string | null;
  recordId?: string | null;
  /** Changed fields: `{ field: [before, after] }`. */
  changes?: Record<string, [unknown, unknown]> | Record<string, unknown> | null;
  outcome?: 'success' | 'denied';
  reason?: string | null;
}

/** The fields an entry's hash covers, in the form they are stored and read back. */
export interface AuditBody {
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  api_key_id: string | null;
  action: string;
  entity: string | null;
  record_id: string | null;
  changes: unknown;
  ip: string | null;
  user_agent: string | null;
  outcome: string;
  reason: string | null;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(prevHash: string, body: AuditBody): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

/** Serialises audit writers across transactions and processes, so the chain never forks. */
const CHAIN_LOCK = 'select pg_advisory_xact_lock(4242002)';

/**
 * Appends entries to the audit trail inside the caller's transaction: they commit or roll
 * back with the change they record. Call it last in the transaction, to hold the chain lock
 * for as short a time as possible.
 */
export async function appendAudit(
  trx: Knex.Transaction,
  actor: AuditActor,
  at: Date,
  events: AuditEvent[],
): Promise<void> {
  if (!events.length) return;
  await trx.raw(CHAIN_LOCK);
  const last = await trx('sys_audit').select('hash').orderBy('id', 'desc').first();
  let prev: string = last?.hash ?? GENESIS;
  const rows = events.map((e) => {
    const body: AuditBody = {
      at: at.toISOString(),
      actor_id: actor.id,
      actor_name: actor.name ?? null,
      api_key_id: actor.apiKeyId ?? null,
      action: e.action,
      entity: e.entity ?? null,
      record_id: e.recordId ?? null,
      changes: e.changes ?? null,
      ip: actor.ip ?? null,
      user_agent: actor.userAgent?.slice(0, 512) ?? null,
      outcome: e.outcome ?? 'success',
      reason: e.reason ?? null,
    };
    const hash = entryHash(prev, body);
    const row = {
      ...body,
      changes: body.changes === null ? null : JSON.stringify(body.changes),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await trx('sys_audit').insert(rows.slice(i, i + 500));
}
