import { defineFieldType, type FieldBase } from './field-type.ts';

export const COMPUTED_RESULT_TYPES = ['string', 'integer', 'decimal', 'boolean', 'date'] as const;
export type ComputedResultType = (typeof COMPUTED_RESULT_TYPES)[number];

/** A value derived from the record by a json-logic expression, stored and recomputed on write. */
export interface ComputedField extends FieldBase {
  type: 'computed';
  /** json-logic over the record, e.g. `{ "cat": [{ "var": "first_name" }, " ", { "var": "last_name" }] }`. */
  expression: unknown;
  resultType: ComputedResultType;
}

export const computedType = defineFieldType({
  type: 'computed',
  properties: {
    expression: {},
    resultType: { enum: COMPUTED_RESULT_TYPES },
  },
  required: ['expression', 'resultType'],
  searchable: true,
  indexable: true,
});
