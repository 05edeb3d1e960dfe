import { MASK, type ApiRecord } from '../data/record-mapper.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';

/** Bookkeeping columns every write touches: their change says nothing an auditor needs. */
const NOT_AUDITED = new Set(['id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'deleted_by']);

/** `{ field: [before, after] }` for every field that differs; sensitive values masked. */
export function recordChanges(
  entity: CompiledEntity,
  before: ApiRecord,
  after: ApiRecord,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (NOT_AUDITED.has(key)) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const mask = (v: unknown) => (v !== null && entity.fields.get(key)?.def.sensitive ? MASK : v);
    out[key] = [mask(a), mask(b)];
  }
  return out;
}
