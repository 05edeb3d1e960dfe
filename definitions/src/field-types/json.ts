import { defineFieldType, type FieldBase } from './field-type.ts';

export interface JsonField extends FieldBase {
  type: 'json';
}

export const jsonType = defineFieldType({
  type: 'json',
  properties: {},
  searchable: false,
  indexable: false,
  defaultSchema: {},
});
