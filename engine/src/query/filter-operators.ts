import type { Knex } from 'knex';
import type { FilterOperator } from '../fields/field-runtime.ts';

type Apply = (qb: Knex.QueryBuilder, col: string, value: never) => void;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function inList(qb: Knex.QueryBuilder, col: string, values: unknown[], negate: boolean): void {
  const present = values.filter((x) => x !== null) as string[];
  const hasNull = present.length !== values.length;
  qb.where((b) => {
    if (negate) {
      if (present.length) b.whereNotIn(col, present).orWhereNull(col);
      if (hasNull) b.whereNotNull(col);
      return;
    }
    if (present.length) b.whereIn(col, present);
    else b.whereRaw('false');
    if (hasNull) b.orWhereNull(col);
  });
}

/** How each filter operator becomes SQL, for a column and an already checked value. */
export const SQL_OPERATORS: Record<FilterOperator, Apply> = {
  $eq: (qb, col, v) => (v === null ? qb.whereNull(col) : qb.where(col, v)),
  // MongoDB semantics: $ne also matches rows where the value is absent.
  $ne: (qb, col, v) => (v === null ? qb.whereNotNull(col) : qb.whereRaw('?? IS DISTINCT FROM ?', [col, v])),
  $lt: (qb, col, v) => qb.where(col, '<', v),
  $lte: (qb, col, v) => qb.where(col, '<=', v),
  $gt: (qb, col, v) => qb.where(col, '>', v),
  $gte: (qb, col, v) => qb.where(col, '>=', v),
  $in: (qb, col, v) => inList(qb, col, v, false),
  $nin: (qb, col, v) => inList(qb, col, v, true),
  $between: (qb, col, v) => qb.whereBetween(col, v),
  $null: (qb, col, v) => (v ? qb.whereNull(col) : qb.whereNotNull(col)),
  $contains: (qb, col, v: string) => qb.whereRaw(`??::text ILIKE ? ESCAPE '\\'`, [col, `%${escapeLike(v)}%`]),
  $startsWith: (qb, col, v: string) => qb.whereRaw(`??::text ILIKE ? ESCAPE '\\'`, [col, `${escapeLike(v)}%`]),
};
