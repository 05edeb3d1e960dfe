import type { Knex } from 'knex';
import { assertReadable, forbidden, redact } from '../access/enforce.ts';
import { conflict, notFound, type ErrorDetail } from '../errors.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { findRecordRow } from './read-record.ts';
import { loadRelations } from './relations.ts';
import { appendAudit, type AuditEvent } from '../audit/audit-entry.ts';
import { afterChange, recordEvent } from '../automations/automation-events.ts';
import { recordChanges } from '../audit/record-changes.ts';
import { auditActor, type RequestContext } from './request-context.ts';
import { computeFields } from './fill-record.ts';
import { toApi, type ApiRecord, type Row } from './record-mapper.ts';

/** Reference fields of any entity that point at `entity`. */
function referrers(ctx: RequestContext, entity: CompiledEntity) {
  const out: { entity: CompiledEntity; field: string; onDelete: string }[] = [];
  for (const e of ctx.registry.entities.values()) {
    for (const f of e.fields.values()) {
      if (f.def.type === 'reference' && f.target === entity.key)
        out.push({ entity: e, field: f.name, onDelete: f.def.onDelete ?? 'restrict' });
    }
  }
  return out;
}

/**
 * Soft-deletes a record, honouring `onDelete` of the references to it as if the row were
 * removed: restrict refuses while live records point at it, set-null clears them, cascade
 * soft-deletes them too.
 */
async function softDelete(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  ids: string[],
  seen: Set<string>,
  events: AuditEvent[],
  reason: string | null,
): Promise<void> {
  const fresh = ids.filter((id) => !seen.has(`${entity.key}:${id}`));
  if (!fresh.length) return;
  fresh.forEach((id) => seen.add(`${entity.key}:${id}`));
  const now = ctx.now();
  for (const ref of referrers(ctx, entity)) {
    const live = () => trx(ref.entity.table).whereIn(ref.field, fresh).whereNull('deleted_at');
    if (ref.onDelete === 'restrict') {
      const rows = await live().select('id').limit(5);
      if (rows.length) {
        const details: ErrorDetail[] = rows.map((r: { id: string }) => ({
          path: `${ref.entity.key}.${ref.field}`,
          code: 'referenced',
          message: `${ref.entity.key} ${r.id} refers to this record through "${ref.field}"`,
        }));
        throw conflict(
          'referenced',
          `The record is still referred to by ${ref.entity.key} records: delete or change them first`,
          { details },
        );
      }
    } else if (ref.onDelete === 'set-null') {
      const why = `"${ref.field}" cleared: the ${entity.key} record it referred to was deleted`;
      await clearReference(trx, ctx, ref.entity, ref.field, live(), events, why);
    } else {
      const children = (await live().pluck('id')) as string[];
      const why = `deleted with the ${entity.key} record it refers to ("${ref.field}", on delete cascade)`;
      await softDelete(trx, ctx, ref.entity, children, seen, events, why);
    }
  }
  await trx(entity.table)
    .whereIn('id', fresh)
    .update({
      deleted_at: now,
      deleted_by: ctx.actor,
      version: trx.raw('version + 1'),
      updated_at: now,
      updated_by: ctx.actor,
    });
  for (const id of fresh) {
    events.push({
      action: 'delete',
      entity: entity.key,
      recordId: id,
      changes: { deleted_at: [null, now.toISOString()] },
      reason,
    });
  }
}

/** Clears a reference on the rows of `query`, recomputing their computed fields as a write would. */
async function clearReference(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  field: string,
  query: Knex.QueryBuilder,
  events: AuditEvent[],
  reason: string,
): Promise<void> {
  const now = ctx.now();
  const stamp = { [field]: null, version: trx.raw('version + 1'), updated_at: now, updated_by: ctx.actor };
  const computedFields = [...entity.fields.values()].filter((f) => f.def.type === 'computed');
  const rows = (await query.select(entity.columns)) as Row[];
  if (!computedFields.length && rows.length)
    await trx(entity.table)
      .whereIn(
        'id',
        rows.map((r) => r.id as string),
      )
      .update(stamp);
  for (const row of rows) {
    const before = toApi(entity, row);
    const after = { ...before, [field]: null };
    computeFields(entity, after);
    if (computedFields.length) {
      const computed = Object.fromEntries(computedFields.map((f) => [f.name, after[f.name]]));
      await trx(entity.table)
        .where({ id: row.id })
        .update({ ...stamp, ...computed });
    }
    events.push({
      action: 'update',
      entity: entity.key,
      recordId: row.id as string,
      changes: recordChanges(entity, before, after),
      reason,
    });
  }
}

export async function deleteRecord(ctx: RequestContext, entity: CompiledEntity, key: string): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const row = await findRecordRow({ ...ctx, db: trx as unknown as Knex }, entity, key, { forUpdate: true });
    if (!row || row.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
    const seen = toApi(entity, row);
    assertReadable(ctx.access, entity, seen, key);
    if (!ctx.access.can('delete', entity, seen)) throw forbidden(`You may not delete this ${entity.key} record`);
    const events: AuditEvent[] = [];
    await softDelete(trx, ctx, entity, [row.id as string], new Set(), events, null);
    await afterChange(trx, ctx, entity, () => [recordEvent(ctx, entity, 'record.deleted', seen, null)]);
    await appendAudit(trx, auditActor(ctx), ctx.now(), events);
  });
}

export async function restoreRecord(ctx: RequestContext, entity: CompiledEntity, key: string): Promise<ApiRecord> {
  return ctx.db.transaction(async (trx) => {
    const scoped = { ...ctx, db: trx as unknown as Knex };
    const row = await findRecordRow(scoped, entity, key, { forUpdate: true });
    if (!row) throw notFound(`No ${entity.key} record "${key}"`);
    const seen = toApi(entity, row);
    assertReadable(ctx.access, entity, seen, key);
    if (!ctx.access.can('restore', entity, seen)) throw forbidden(`You may not restore this ${entity.key} record`);
    if (!row.deleted_at) throw conflict('not_deleted', 'The record is not deleted');
    const [restored] = await trx(entity.table)
      .where({ id: row.id })
      .update({
        deleted_at: null,
        deleted_by: null,
        version: trx.raw('version + 1'),
        updated_at: ctx.now(),
        updated_by: ctx.actor,
      })
      .returning(entity.columns);
    await loadRelations(scoped, entity, [restored], []);
    const after = toApi(entity, restored);
    await afterChange(trx, ctx, entity, () => [recordEvent(ctx, entity, 'record.restored', seen, after)]);
    await appendAudit(trx, auditActor(ctx), ctx.now(), [
      {
        action: 'restore',
        entity: entity.key,
        recordId: row.id as string,
        changes: { deleted_at: [new Date(row.deleted_at as string).toISOString(), null] },
      },
    ]);
    return redact(ctx.access, entity, after);
  });
}
