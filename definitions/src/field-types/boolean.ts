import { defineFieldType, type FieldBase } from './field-type.ts';

export interface BooleanField extends FieldBase {
  type: 'boolean';
}

export const booleanType = defineFieldType({
  type: 'boolean',
  properties: {},
  searchable: false,
  indexable: true,
  defaultSchema: { type: 'boolean' },
});
