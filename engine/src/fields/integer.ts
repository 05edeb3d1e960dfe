import type { IntegerField } from '@opsflux/definitions';
import { defineField, ORDERED } from './field-runtime.ts';

export const integerField = defineField<IntegerField>({
  type: 'integer',
  sqlType: () => 'integer',
  valueSchema: (f) => ({ type: 'integer', minimum: f.min ?? -2147483648, maximum: f.max ?? 2147483647 }),
  operators: ORDERED,
  writable: true,
});
