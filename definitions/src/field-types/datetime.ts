import { defineFieldType, type FieldBase } from './field-type.ts';

/** Datetime values travel as ISO 8601 strings, e.g. `2026-01-31T08:00:00Z`. */
export interface DatetimeField extends FieldBase {
  type: 'datetime';
}

export const datetimeType = defineFieldType({
  type: 'datetime',
  properties: {},
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'string', format: 'date-time' },
});
