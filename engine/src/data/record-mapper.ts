import type { CompiledEntity } from '../registry/registry-types.ts';

export type Row = Record<string, unknown>;
export type ApiRecord = Record<string, unknown>;

export const MASK = '********';

/** A database row as the API returns it: ISO times, sensitive values masked when asked. */
export function toApi(entity: CompiledEntity, row: Row, opts: { mask?: boolean; fields?: string[] } = {}): ApiRecord {
  const out: ApiRecord = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('__')) continue;
    if (opts.fields && !opts.fields.includes(k) && k !== 'id' && k !== 'version') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
    if (opts.mask && v !== null && entity.fields.get(k)?.def.sensitive) out[k] = MASK;
  }
  return out;
}
