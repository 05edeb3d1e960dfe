import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface TextField extends FieldBase {
  type: 'text';
  minLength?: number;
  maxLength?: number;
}

export const textType = defineFieldType({
  type: 'text',
  properties: { ...lengthProperties },
  searchable: true,
  indexable: false,
  defaultSchema: { type: 'string' },
});
