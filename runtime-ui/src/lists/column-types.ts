import type { FieldModel } from '../model/entity-model.ts';
import type { ColumnKind } from './grid-query.ts';

export type GridType = 'string' | 'number' | 'date' | 'dateTime' | 'boolean' | 'singleSelect';

/** How a field type shows in a list: how it compares (filters) and which grid type draws it. */
export interface ColumnType {
  kind: ColumnKind;
  gridType: GridType;
  /** Values the grid cannot filter on (references: an id means nothing to a person). */
  filterable?: boolean;
}

const text: ColumnType = { kind: 'string', gridType: 'string' };
const number: ColumnType = { kind: 'number', gridType: 'number' };

/** One entry per field type; a type missing here is not offered as a column. */
export const COLUMN_TYPES: Record<string, ColumnType> = {
  string: text,
  text,
  email: text,
  phone: text,
  url: text,
  time: text,
  integer: number,
  decimal: number,
  date: { kind: 'date', gridType: 'date' },
  datetime: { kind: 'datetime', gridType: 'dateTime' },
  boolean: { kind: 'boolean', gridType: 'boolean' },
  enum: { kind: 'select', gridType: 'singleSelect' },
  state: { kind: 'select', gridType: 'singleSelect' },
  reference: { kind: 'string', gridType: 'string', filterable: false },
};

const COMPUTED: Record<string, string> = {
  string: 'string',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
};

/** The field type a column draws as: a computed field draws as its result type. */
export function displayType(field: Pick<FieldModel, 'type' | 'def'>): string {
  if (field.type === 'computed' && field.def?.type === 'computed') return COMPUTED[field.def.resultType] ?? 'string';
  return field.type;
}

/** Types that make no sense as a column by default: long texts and structured values. */
export const WIDE_TYPES = new Set(['text', 'json', 'references', 'geopoint']);
