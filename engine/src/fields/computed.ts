import type { ComputedField } from '@opsflux/definitions';
import { defineField, EQUALITY, ORDERED, TEXTUAL } from './field-runtime.ts';

const SQL: Record<ComputedField['resultType'], string> = {
  string: 'text',
  integer: 'bigint',
  decimal: 'numeric',
  boolean: 'boolean',
  date: 'date',
};
const SCHEMA: Record<ComputedField['resultType'], Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  decimal: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
};

export const computedField = defineField<ComputedField>({
  type: 'computed',
  sqlType: (f) => SQL[f.resultType],
  valueSchema: (f) => SCHEMA[f.resultType],
  operators: TEXTUAL,
  writable: false,
});

/** Operators for a computed field depend on its result type. */
export function computedOperators(f: ComputedField) {
  if (f.resultType === 'string') return TEXTUAL;
  if (f.resultType === 'boolean') return EQUALITY;
  return ORDERED;
}
