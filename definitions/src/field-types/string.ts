import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface StringField extends FieldBase {
  type: 'string';
  minLength?: number;
  /** Defaults to 255. */
  maxLength?: number;
  /** A regular expression the whole value must match. */
  pattern?: string;
}

export const stringType = defineFieldType({
  type: 'string',
  properties: { ...lengthProperties, pattern: { type: 'string', minLength: 1, format: 'regex' } },
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
