import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface EmailField extends FieldBase {
  type: 'email';
  maxLength?: number;
}

export const emailType = defineFieldType({
  type: 'email',
  properties: { maxLength: lengthProperties.maxLength },
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
