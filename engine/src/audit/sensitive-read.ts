import type { RequestContext } from '../data/request-context.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { MASK } from '../data/record-mapper.ts';
import { auditActor } from '../data/request-context.ts';
import { appendAudit } from './audit-entry.ts';

/**
 * Reading a record shows its sensitive fields in clear (lists mask them): each such read is
 * traced, naming the fields shown but never their values.
 */
export async function auditSensitiveRead(
  ctx: RequestContext,
  entity: CompiledEntity,
  record: Record<string, unknown>,
): Promise<void> {
  const shown = [...entity.fields.values()]
    .filter(
      (f) => f.def.sensitive && record[f.name] !== undefined && record[f.name] !== null && record[f.name] !== MASK,
    )
    .map((f) => f.name);
  if (!shown.length) return;
  await ctx.db.transaction((trx) =>
    appendAudit(trx, auditActor(ctx), ctx.now(), [
      { action: 'read_sensitive', entity: entity.key, recordId: record.id as string, changes: { fields: shown } },
    ]),
  );
}
