import type { TextField } from '@opsflux/definitions';
import { defineField, TEXTUAL } from './field-runtime.ts';

export const textField = defineField<TextField>({
  type: 'text',
  sqlType: () => 'text',
  valueSchema: (f) => ({
    type: 'string',
    maxLength: f.maxLength ?? 1_000_000,
    ...(f.minLength !== undefined && { minLength: f.minLength }),
  }),
  operators: TEXTUAL,
  writable: true,
});
