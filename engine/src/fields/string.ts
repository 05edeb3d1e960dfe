import type { StringField } from '@opsflux/definitions';
import { defineField, TEXTUAL } from './field-runtime.ts';

export const DEFAULT_STRING_LENGTH = 255;

export const stringField = defineField<StringField>({
  type: 'string',
  sqlType: (f) => `varchar(${f.maxLength ?? DEFAULT_STRING_LENGTH})`,
  valueSchema: (f) => ({
    type: 'string',
    maxLength: f.maxLength ?? DEFAULT_STRING_LENGTH,
    ...(f.minLength !== undefined && { minLength: f.minLength }),
    ...(f.pattern && { pattern: `^(?:${f.pattern})$` }),
    // Told to clients; the plugin providing it checks values (field-formats.ts), not AJV.
    ...(f.format && { 'x-opsflux-format': f.format }),
  }),
  operators: TEXTUAL,
  writable: true,
});
