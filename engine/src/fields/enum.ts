import type { EnumField } from '@opsflux/definitions';
import { defineField, TEXTUAL } from './field-runtime.ts';

export const enumField = defineField<EnumField>({
  type: 'enum',
  sqlType: () => 'varchar(64)',
  valueSchema: (f) => ({ type: 'string', enum: f.values.map((v) => v.value) }),
  operators: TEXTUAL,
  writable: true,
});
