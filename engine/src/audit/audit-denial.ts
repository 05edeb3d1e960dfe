import { auditActor, type RequestContext } from '../data/request-context.ts';
import { appendAudit } from './audit-entry.ts';

/** Records a refused action in its own transaction: the refused one rolled back, the trace stays. */
export async function auditDenial(
  ctx: RequestContext,
  event: { action: string; entity: string | null; recordId: string | null; reason: string },
): Promise<void> {
  await ctx.db.transaction((trx) => appendAudit(trx, auditActor(ctx), ctx.now(), [{ ...event, outcome: 'denied' }]));
}
