import type { Knex } from 'knex';
import { redact, scopeRows } from '../access/enforce.ts';
import { badRequest } from '../errors.ts';
import { applyCondition } from '../query/filter-to-sql.ts';
import { encodeCursor, type ListParams } from '../query/list-params.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { RequestContext } from './request-context.ts';
import { loadRelations, selectLinks } from './relations.ts';
import { toApi, type ApiRecord, type Row } from './record-mapper.ts';

export interface ListResult {
  data: ApiRecord[];
  meta: { limit: number; nextCursor: string | null; page?: number; total?: number };
}

/** The base query of a list: table, deletion state, filter and search. Shared by rows and count. */
function baseQuery(ctx: RequestContext, entity: CompiledEntity, p: ListParams): Knex.QueryBuilder {
  const qb = ctx.db(entity.table);
  scopeRows(qb, ctx, 'read', entity);
  if (p.deleted === 'exclude') qb.whereNull(`${entity.table}.deleted_at`);
  if (p.deleted === 'only') qb.whereNotNull(`${entity.table}.deleted_at`);
  if (p.filter) applyCondition(qb, p.filter, entity, { db: ctx.db, registry: ctx.registry, access: ctx.access });
  if (p.q) {
    const term = p.q.toLowerCase();
    const hidden = entity.searchFields.filter((f) => ctx.access.fieldRows(entity, f) !== true);
    if (!hidden.length) {
      qb.whereRaw(
        `(to_tsvector('simple'::regconfig, search_text) @@ plainto_tsquery('simple'::regconfig, ?) OR ? <% search_text)`,
        [term, term],
      );
    } else {
      // The search index covers fields this caller may not read: search the readable ones only,
      // without the index, so that a match never reveals a hidden value.
      const readable = entity.searchFields.filter((f) => !hidden.includes(f));
      if (!readable.length)
        throw badRequest(
          'search_not_allowed',
          `You may not search ${entity.key}: its searchable fields are hidden from you`,
        );
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where((b) =>
        readable.forEach((f) => b.orWhereRaw(`??::text ILIKE ? ESCAPE '\\'`, [`${entity.table}.${f}`, like])),
      );
    }
  }
  return qb;
}

/** Sorting or selecting a field reveals its values: only fields the caller reads on every row. */
function checkFieldUse(ctx: RequestContext, entity: CompiledEntity, p: ListParams): void {
  const details = [
    ...p.sort
      .filter((s) => ctx.access.fieldRows(entity, s.field) !== true)
      .map((s) => ({ path: 'sort', code: 'field_not_readable', message: `You may not sort on "${s.field}"` })),
    ...(p.fields ?? [])
      .filter((f) => ctx.access.fieldRows(entity, f) === false)
      .map((f) => ({ path: 'fields', code: 'field_not_readable', message: `You may not read "${f}"` })),
    ...(p.expand ?? [])
      .filter((f) => ctx.access.fieldRows(entity, f) === false)
      .map((f) => ({ path: 'expand', code: 'field_not_readable', message: `You may not read "${f}"` })),
  ];
  if (details.length) throw badRequest('field_not_readable', details[0]!.message, details);
}

export async function listRecords(ctx: RequestContext, entity: CompiledEntity, p: ListParams): Promise<ListResult> {
  checkFieldUse(ctx, entity, p);
  const qb = baseQuery(ctx, entity, p);
  // A caller whose grants carry conditions is checked on the whole row (its company, its
  // author...): every column is read, and `fields` picks from the redacted record.
  const columns =
    p.fields && ctx.access.unrestricted
      ? entity.columns.filter((c) => p.fields!.includes(c) || c === 'id' || c === 'version')
      : entity.columns;
  qb.select(columns.map((c) => `${entity.table}.${c}`));
  selectLinks(qb, ctx.db, entity, p.fields);
  const ranked = p.q && !p.explicitSort;
  if (ranked) {
    const term = p.q!.toLowerCase();
    qb.orderByRaw(
      `ts_rank(to_tsvector('simple'::regconfig, search_text), plainto_tsquery('simple'::regconfig, ?)) + word_similarity(?, search_text) DESC, id`,
      [term, term],
    );
  } else {
    p.sort.forEach((s, i) => {
      qb.select(ctx.db.raw(`??::text as ??`, [`${entity.table}.${s.field}`, `__k${i}`]));
      // PostgreSQL's default null order (last ascending, first descending) lets a B-tree
      // index serve both directions; the cursor below follows the same order.
      qb.orderBy(`${entity.table}.${s.field}`, s.desc ? 'desc' : 'asc');
    });
    if (p.cursor) applyCursor(qb, entity, p);
  }
  if (p.page !== undefined) qb.offset((p.page - 1) * p.limit);
  qb.limit(p.limit + 1);
  const [rows, total] = await Promise.all([
    qb as Promise<Row[]>,
    p.count ? baseQuery(ctx, entity, p).count({ n: '*' }).first() : Promise.resolve(undefined),
  ]);
  const more = rows.length > p.limit;
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  const nextCursor =
    more && last && !ranked && p.page === undefined
      ? encodeCursor(p.sort.map((_, i) => last[`__k${i}`] ?? null))
      : null;
  await loadRelations(ctx, entity, page, p.expand, p.fields);
  return {
    data: page.map((r) => {
      const record = redact(ctx.access, entity, toApi(entity, r, { mask: true }));
      return p.fields ? toApi(entity, record, { fields: p.fields }) : record;
    }),
    meta: {
      limit: p.limit,
      nextCursor,
      ...(p.page !== undefined && { page: p.page }),
      ...(total !== undefined && { total: Number((total as { n: unknown }).n) }),
    },
  };
}

/** Types whose values make groups: a list's columns, a kanban's lanes, a dashboard's counts. */
const GROUPABLE = new Set(['enum', 'boolean', 'reference']);

/**
 * How many records the caller may read per value of `by` (an enum, boolean or reference field,
 * or the workflow state), under the list's filter and search: the counts of kanban columns and
 * of "my records per state". At most 200 groups, largest first.
 */
export async function groupRecords(
  ctx: RequestContext,
  entity: CompiledEntity,
  p: ListParams,
  by: string,
): Promise<{ value: unknown; count: number }[]> {
  const field = entity.fields.get(by);
  const groupable = by === 'state' ? !!entity.workflow : !!field && GROUPABLE.has(field.def.type);
  if (!groupable) {
    const message = `"${by}" cannot group ${entity.key} records: use the state or an enum, boolean or reference field`;
    throw badRequest('group_invalid', message, [{ path: 'by', code: 'not_groupable', message }]);
  }
  if (by !== 'state' && ctx.access.fieldRows(entity, by) !== true) {
    const message = `You may not group on "${by}"`;
    throw badRequest('field_not_readable', message, [{ path: 'by', code: 'field_not_readable', message }]);
  }
  const column = `${entity.table}.${by}`;
  const rows = (await baseQuery(ctx, entity, p)
    .select(ctx.db.raw('?? as value', [column]))
    .count({ count: '*' })
    .groupBy(column)
    .orderBy([{ column: 'count', order: 'desc' }, { column: 'value' }])
    .limit(200)) as { value: unknown; count: string | number }[];
  return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
}

const NOT_NULL_COLUMNS = new Set(['id', 'created_at', 'updated_at']);

/**
 * Keyset pagination: rows strictly after the cursor in the sort order. Nulls sort last
 * ascending and first descending. When every key is non-null and runs one way, a row
 * comparison lets the index start right at the cursor.
 */
function applyCursor(qb: Knex.QueryBuilder, entity: CompiledEntity, p: ListParams): void {
  const cursor = p.cursor!;
  const col = (i: number) => `${entity.table}.${p.sort[i]!.field}`;
  const notNull = (i: number) =>
    NOT_NULL_COLUMNS.has(p.sort[i]!.field) || !!entity.fields.get(p.sort[i]!.field)?.def.required;
  const oneWay = p.sort.every((s) => s.desc === p.sort[0]!.desc);
  if (oneWay && p.sort.every((_, i) => notNull(i) && cursor[i] !== null)) {
    const cols = p.sort.map((_, i) => col(i));
    qb.whereRaw(
      `(${cols.map(() => '??').join(', ')}) ${p.sort[0]!.desc ? '<' : '>'} (${cols.map(() => '?').join(', ')})`,
      [...cols, ...(cursor as string[])],
    );
    return;
  }
  qb.where((outer) => {
    p.sort.forEach((s, i) => {
      const v = cursor[i];
      // Ascending, nothing follows a null; descending, every value follows the nulls.
      if (v === null && !s.desc) return;
      outer.orWhere((b) => {
        for (let j = 0; j < i; j++) {
          const prev = cursor[j];
          if (prev === null) b.whereNull(col(j));
          else b.where(col(j), prev as string);
        }
        if (v === null) b.whereNotNull(col(i));
        else if (s.desc) b.where(col(i), '<', v as string);
        else if (notNull(i)) b.where(col(i), '>', v as string);
        else b.where((x) => x.where(col(i), '>', v as string).orWhereNull(col(i)));
      });
    });
  });
}
