import type { BooleanField } from '@opsflux/definitions';
import { defineField, EQUALITY } from './field-runtime.ts';

export const booleanField = defineField<BooleanField>({
  type: 'boolean',
  sqlType: () => 'boolean',
  valueSchema: () => ({ type: 'boolean' }),
  operators: EQUALITY,
  writable: true,
});
