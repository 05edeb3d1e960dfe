import type { Knex } from 'knex';
import { redact } from '../access/enforce.ts';
import { applyCondition } from '../query/filter-to-sql.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { RequestContext } from './request-context.ts';
import { toApi, type Row } from './record-mapper.ts';

/**
 * Selects the many-to-many id lists with the rows themselves (one statement instead of one per
 * relation), in link order.
 */
export function selectLinks(qb: Knex.QueryBuilder, db: Knex, entity: CompiledEntity, fields?: string[]): void {
  for (const f of entity.fields.values()) {
    if (!f.joinTable || (fields && !fields.includes(f.name))) continue;
    qb.select(
      db.raw('ARRAY(SELECT l.target_id FROM ?? AS l WHERE l.source_id = ?? ORDER BY l.position) AS ??', [
        f.joinTable,
        `${entity.table}.id`,
        f.name,
      ]),
    );
  }
}

/**
 * Adds many-to-many id lists and expanded references to a page of rows: one query per
 * relation, whatever the page size (no N+1).
 */
export async function loadRelations(
  ctx: RequestContext,
  entity: CompiledEntity,
  rows: Row[],
  expand: string[],
  fields?: string[],
): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id as string);
  for (const f of entity.fields.values()) {
    if (!f.joinTable || (fields && !fields.includes(f.name))) continue;
    if (rows.every((r) => Array.isArray(r[f.name]))) continue; // selected with the rows (selectLinks)
    const links = await ctx
      .db(f.joinTable)
      .select('source_id', 'target_id')
      .whereIn('source_id', ids)
      .orderBy(['source_id', 'position']);
    const bySource = new Map<string, string[]>();
    for (const l of links) bySource.set(l.source_id, [...(bySource.get(l.source_id) ?? []), l.target_id]);
    for (const r of rows) r[f.name] = bySource.get(r.id as string) ?? [];
  }
  for (const name of expand) {
    const f = entity.fields.get(name)!;
    const target = ctx.registry.entities.get(f.target!)!;
    const wanted = new Set<string>();
    for (const r of rows) {
      const v = r[name];
      if (Array.isArray(v)) v.forEach((x) => wanted.add(x as string));
      else if (typeof v === 'string') wanted.add(v);
    }
    if (wanted.size === 0) continue;
    // Only targets the caller may read are expanded; the others stay `{ id }`.
    const readable = ctx.access.rows('read', target);
    const found: Row[] =
      readable === false
        ? []
        : await ctx
            .db(target.table)
            .select(target.columns)
            .whereIn('id', [...wanted])
            .where((b) => {
              if (readable !== true) applyCondition(b, readable, target, { db: ctx.db, registry: ctx.registry });
            });
    const byId = new Map(
      found.map((t: Row) => [t.id as string, redact(ctx.access, target, toApi(target, t, { mask: true }))]),
    );
    for (const r of rows) {
      const v = r[name];
      if (Array.isArray(v)) r[name] = v.map((x) => byId.get(x as string) ?? { id: x });
      else if (typeof v === 'string') r[name] = byId.get(v) ?? { id: v };
    }
  }
}
