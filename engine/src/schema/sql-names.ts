import { createHash } from 'node:crypto';

/** A quoted SQL identifier. Names are validated by the language, quoting keeps them exact. */
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const tableName = (bundle: string, entity: string) => `${bundle}_${entity}`;
export const joinTableName = (bundle: string, entity: string, field: string) => `${bundle}_${entity}__${field}`;

/** An index or constraint name under PostgreSQL's 63-byte limit, stable for the same parts. */
export function constraintName(prefix: string, table: string, columns: string[]): string {
  const full = `${prefix}_${table}_${columns.join('_')}`;
  if (full.length <= 63) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, 54)}_${hash}`;
}
