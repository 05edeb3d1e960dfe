import { defineFieldType, type FieldBase } from './field-type.ts';

/** Date values travel as ISO 8601 strings, e.g. `2026-01-31`. */
export interface DateField extends FieldBase {
  type: 'date';
}

export const dateType = defineFieldType({
  type: 'date',
  properties: {},
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'string', format: 'date' },
});
