import type { EmailField, PhoneField, UrlField } from '@opsflux/definitions';
import { defineField, TEXTUAL } from './field-runtime.ts';

export const emailField = defineField<EmailField>({
  type: 'email',
  sqlType: (f) => `varchar(${f.maxLength ?? 320})`,
  valueSchema: (f) => ({ type: 'string', format: 'email', maxLength: f.maxLength ?? 320 }),
  operators: TEXTUAL,
  writable: true,
});

export const phoneField = defineField<PhoneField>({
  type: 'phone',
  sqlType: (f) => `varchar(${f.maxLength ?? 32})`,
  valueSchema: (f) => ({ type: 'string', pattern: '^\\+?[0-9][0-9 ().-]{2,31}$', maxLength: f.maxLength ?? 32 }),
  operators: TEXTUAL,
  writable: true,
});

export const urlField = defineField<UrlField>({
  type: 'url',
  sqlType: (f) => `varchar(${f.maxLength ?? 2048})`,
  valueSchema: (f) => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: f.maxLength ?? 2048 }),
  operators: TEXTUAL,
  writable: true,
});
