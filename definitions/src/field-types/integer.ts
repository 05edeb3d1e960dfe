import { defineFieldType, numberRangeProperties, type FieldBase } from './field-type.ts';

export interface IntegerField extends FieldBase {
  type: 'integer';
  min?: number;
  max?: number;
}

export const integerType = defineFieldType({
  type: 'integer',
  properties: { ...numberRangeProperties },
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'integer' },
});
