import { defineFieldType, numberRangeProperties, type FieldBase } from './field-type.ts';

export interface DecimalField extends FieldBase {
  type: 'decimal';
  /** Total number of digits, 1–38; defaults to 18. */
  precision?: number;
  /** Digits after the decimal point, 0–precision; defaults to 2. */
  scale?: number;
  min?: number;
  max?: number;
}

export const decimalType = defineFieldType({
  type: 'decimal',
  properties: {
    precision: { type: 'integer', minimum: 1, maximum: 38 },
    scale: { type: 'integer', minimum: 0, maximum: 38 },
    ...numberRangeProperties,
  },
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'number' },
});
