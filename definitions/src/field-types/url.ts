import { defineFieldType, lengthProperties, type FieldBase } from './field-type.ts';

export interface UrlField extends FieldBase {
  type: 'url';
  maxLength?: number;
}

export const urlType = defineFieldType({
  type: 'url',
  properties: { maxLength: lengthProperties.maxLength },
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
