import type { I18nText } from '../i18n.ts';
import { defineFieldType, type FieldBase } from './field-type.ts';

export interface EnumValue {
  value: string;
  label: I18nText;
  /** A CSS colour for badges, e.g. `#2e7d32`. */
  color?: string;
}

export interface EnumField extends FieldBase {
  type: 'enum';
  values: EnumValue[];
}

export const enumType = defineFieldType({
  type: 'enum',
  properties: {
    values: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        required: ['value', 'label'],
        additionalProperties: false,
        properties: {
          value: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$', maxLength: 64 },
          label: { $ref: 'opsflux:i18n-text' },
          color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
        },
      },
    },
  },
  required: ['values'],
  searchable: true,
  indexable: true,
  defaultSchema: { type: 'string' },
});
