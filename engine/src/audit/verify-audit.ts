import type { Knex } from 'knex';
import { entryHash, GENESIS, type AuditBody } from './audit-entry.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose content or link does not match its hash. */
  firstBad?: { id: number; reason: string };
}

/** Walks the whole chain in order and names the first entry that was altered or removed. */
export async function verifyAudit(db: Knex, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS;
  let checked = 0;
  for (let after = 0; ;) {
    const rows = await db('sys_audit').select('*').where('id', '>', after).orderBy('id').limit(pageSize);
    for (const r of rows) {
      const body: AuditBody = {
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        api_key_id: r.api_key_id,
        action: r.action,
        entity: r.entity,
        record_id: r.record_id,
        changes: r.changes,
        ip: r.ip,
        user_agent: r.user_agent,
        outcome: r.outcome,
        reason: r.reason,
      };
      const id = Number(r.id);
      if (r.prev_hash !== prev)
        return {
          ok: false,
          checked,
          firstBad: { id, reason: 'its link to the previous entry is broken (an entry was removed or reordered)' },
        };
      if (entryHash(prev, body) !== r.hash)
        return { ok: false, checked, firstBad: { id, reason: 'its content does not match its hash (it was altered)' } };
      prev = r.hash;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked };
    after = Number(rows.at(-1).id);
  }
}
