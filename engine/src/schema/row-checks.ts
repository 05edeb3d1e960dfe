import type { Knex } from 'knex';
import type { RowCheck } from './plan-types.ts';
import { q } from './sql-names.ts';

/** The WHERE condition selecting the rows a check is about. */
function condition(check: RowCheck): string {
  switch (check.kind) {
    case 'rows':
      return 'true';
    case 'non_null':
      return `${q(check.column)} IS NOT NULL`;
    case 'nulls':
      return `${q(check.column)} IS NULL`;
    case 'cast':
      return `${q(check.column)} IS NOT NULL AND sys_cast_changes(${q(check.column)}::text, '${check.from}', '${check.to}')`;
    case 'duplicates': {
      const cols = check.columns.map(q).join(', ');
      const notNull = check.columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ');
      // A partial unique index only counts the rows it covers.
      const where = check.where ? ` AND ${check.where}` : '';
      return `${notNull}${where} AND (${cols}) IN (SELECT ${cols} FROM ${q(check.table)} WHERE true${where} GROUP BY ${cols} HAVING count(*) > 1)`;
    }
  }
}

export interface CheckResult {
  count: number;
  sampleIds: string[];
}

/** Counts the rows a check selects and returns up to five of their ids. */
export async function runCheck(
  db: Knex | Knex.Transaction,
  check: RowCheck,
  withSamples: boolean,
): Promise<CheckResult> {
  const where = condition(check);
  const table = q(check.table);
  const count = await db.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  const n = Number(count.rows[0].n);
  if (!withSamples || n === 0) return { count: n, sampleIds: [] };
  // Join tables have no id of their own: their rows are named by the source record.
  const id = check.table.includes('__') ? 'source_id' : 'id';
  const sample = await db.raw(`SELECT ${id} AS id FROM ${table} WHERE ${where} ORDER BY 1 LIMIT 5`);
  return { count: n, sampleIds: sample.rows.map((r: { id: string }) => String(r.id)) };
}
