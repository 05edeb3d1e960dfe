import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface PhoneField extends FieldBase {
  type: 'phone';
  maxLength?: number;
}

export const phoneType = defineFieldType({
  type: 'phone',
  properties: { maxLength: lengthProperties.maxLength },
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
