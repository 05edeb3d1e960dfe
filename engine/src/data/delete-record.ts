import type { Knex } from 'knex';
import { conflict, notFound, type ErrorDetail } from '../errors.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { findRecordRow } from './read-record.ts';
import { loadRelations } from './relations.ts';
import type { RequestContext } from './request-context.ts';
import { computeFields } from './fill-record.ts';
import { toApi, type ApiRecord, type Row } from './record-mapper.ts';

/** Reference fields of any entity that point at `entity`. */
function referrers(ctx: RequestContext, entity: CompiledEntity) {
  const out: { entity: CompiledEntity; field: string; onDelete: string }[] = [];
  for (const e of ctx.registry.entities.values()) {
    for (const f of e.fields.values()) {
      if (f.def.type === 'reference' && f.target === entity.key) out.push({ entity: e, field: f.name, onDelete: f.def.onDelete ?? 'restrict' });
    }
  }
  return out;
}

/**
 * Soft-deletes a record, honouring `onDelete` of the references to it as if the row were
 * removed: restrict refuses while live records point at it, set-null clears them, cascade
 * soft-deletes them too.
 */
async function softDelete(trx: Knex.Transaction, ctx: RequestContext, entity: CompiledEntity, ids: string[], seen: Set<string>): Promise<void> {
  const fresh = ids.filter((id) => !seen.has(`${entity.key}:${id}`));
  if (!fresh.length) return;
  fresh.forEach((id) => seen.add(`${entity.key}:${id}`));
  const now = ctx.now();
  for (const ref of referrers(ctx, entity)) {
    const live = () => trx(ref.entity.table).whereIn(ref.field, fresh).whereNull('deleted_at');
    if (ref.onDelete === 'restrict') {
      const rows = await live().select('id').limit(5);
      if (rows.length) {
        const details: ErrorDetail[] = rows.map((r: { id: string }) => ({ path: `${ref.entity.key}.${ref.field}`, code: 'referenced', message: `${ref.entity.key} ${r.id} refers to this record through "${ref.field}"` }));
        throw conflict('referenced', `The record is still referred to by ${ref.entity.key} records: delete or change them first`, { details });
      }
    } else if (ref.onDelete === 'set-null') {
      await clearReference(trx, ctx, ref.entity, ref.field, live());
    } else {
      const children = (await live().pluck('id')) as string[];
      await softDelete(trx, ctx, ref.entity, children, seen);
    }
  }
  await trx(entity.table).whereIn('id', fresh).update({ deleted_at: now, deleted_by: ctx.actor, version: trx.raw('version + 1'), updated_at: now, updated_by: ctx.actor });
}

/** Clears a reference on the rows of `query`, recomputing their computed fields as a write would. */
async function clearReference(trx: Knex.Transaction, ctx: RequestContext, entity: CompiledEntity, field: string, query: Knex.QueryBuilder): Promise<void> {
  const now = ctx.now();
  const stamp = { [field]: null, version: trx.raw('version + 1'), updated_at: now, updated_by: ctx.actor };
  const hasComputed = [...entity.fields.values()].some((f) => f.def.type === 'computed');
  if (!hasComputed) {
    await query.update(stamp);
    return;
  }
  for (const row of (await query.select(entity.columns)) as Row[]) {
    const record = { ...toApi(entity, row), [field]: null };
    computeFields(entity, record);
    const computed = [...entity.fields.values()].filter((f) => f.def.type === 'computed').map((f) => [f.name, record[f.name]]);
    await trx(entity.table).where({ id: row.id }).update({ ...stamp, ...Object.fromEntries(computed) });
  }
}

export async function deleteRecord(ctx: RequestContext, entity: CompiledEntity, key: string): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const row = await findRecordRow({ ...ctx, db: trx as unknown as Knex }, entity, key, { forUpdate: true });
    if (!row || row.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
    await softDelete(trx, ctx, entity, [row.id as string], new Set());
  });
}

export async function restoreRecord(ctx: RequestContext, entity: CompiledEntity, key: string): Promise<ApiRecord> {
  return ctx.db.transaction(async (trx) => {
    const scoped = { ...ctx, db: trx as unknown as Knex };
    const row = await findRecordRow(scoped, entity, key, { forUpdate: true });
    if (!row) throw notFound(`No ${entity.key} record "${key}"`);
    if (!row.deleted_at) throw conflict('not_deleted', 'The record is not deleted');
    const [restored] = await trx(entity.table).where({ id: row.id }).update({ deleted_at: null, deleted_by: null, version: trx.raw('version + 1'), updated_at: ctx.now(), updated_by: ctx.actor }).returning(entity.columns);
    await loadRelations(scoped, entity, [restored], []);
    return toApi(entity, restored);
  });
}
