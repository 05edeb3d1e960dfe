import { defineFieldType, type FieldBase } from './field-type.ts';

/** Time values travel as ISO 8601 strings, e.g. `08:30:00`. */
export interface TimeField extends FieldBase {
  type: 'time';
}

export const timeType = defineFieldType({
  type: 'time',
  properties: {},
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'string', format: 'time' },
});
