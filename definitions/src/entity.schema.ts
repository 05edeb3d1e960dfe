import { FIELD_TYPES, type FieldDefinition } from './field-types/index.ts';
import type { I18nText } from './i18n.ts';
import { MAX_ENTITY_NAME, MAX_FIELD_NAME, NAME_PATTERN } from './names.ts';

export interface IndexDefinition {
  fields: string[];
  unique?: boolean;
}

/** A cross-field rule: the record is valid when `expression` (json-logic) is truthy. */
export interface RuleDefinition {
  name: string;
  expression: unknown;
  message: I18nText;
  /** The field the error is reported on; defaults to the first variable of the expression. */
  field?: string;
}

/** Numbering: `pattern` such as `SR-{YYYY}-{#####}` fills the string field `field` on create. */
export interface SequenceDefinition {
  field: string;
  pattern: string;
}

export interface EntityDefinition {
  $schema?: string;
  name: string;
  label: I18nText;
  pluralLabel: I18nText;
  description?: I18nText;
  displayField?: string;
  /** Records belong to one company (multi-company scope). */
  companyScoped?: boolean;
  fields: FieldDefinition[];
  indexes?: IndexDefinition[];
  rules?: RuleDefinition[];
  sequence?: SequenceDefinition;
  /** Fields covered by full-text search, besides those marked `searchable`. */
  searchable?: string[];
  renamedFrom?: string;
}

const fieldName = { type: 'string', pattern: NAME_PATTERN, maxLength: MAX_FIELD_NAME } as const;

const commonFieldProperties = {
  name: fieldName,
  label: { $ref: 'opsflux:i18n-text' },
  description: { $ref: 'opsflux:i18n-text' },
  required: { type: 'boolean' },
  unique: { type: 'boolean' },
  index: { type: 'boolean' },
  searchable: { type: 'boolean' },
  sensitive: { type: 'boolean' },
  renamedFrom: fieldName,
};

const { name: _name, ...otherFieldProperties } = commonFieldProperties;

/** One branch per field type, chosen by `type` (AJV discriminator), so errors speak of that type only. */
export const fieldSchema = {
  $id: 'opsflux:field',
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: FIELD_TYPES.map((t) => ({
    type: 'object',
    required: ['name', 'type', 'label', ...(t.required ?? [])],
    additionalProperties: false,
    // Written in this order by the designer: name and type first, as bundle authors do.
    properties: {
      name: commonFieldProperties.name,
      type: { const: t.type },
      ...otherFieldProperties,
      ...t.properties,
      ...(t.defaultSchema ? { default: t.defaultSchema } : {}),
    },
  })),
};

export const entitySchema = {
  $id: 'opsflux:entity',
  title: 'Entity definition',
  type: 'object',
  required: ['name', 'label', 'pluralLabel', 'fields'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: NAME_PATTERN, maxLength: MAX_ENTITY_NAME },
    label: { $ref: 'opsflux:i18n-text' },
    pluralLabel: { $ref: 'opsflux:i18n-text' },
    description: { $ref: 'opsflux:i18n-text' },
    displayField: fieldName,
    companyScoped: { type: 'boolean' },
    fields: { type: 'array', minItems: 1, maxItems: 500, items: { $ref: 'opsflux:field' } },
    indexes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fields'],
        additionalProperties: false,
        properties: {
          fields: { type: 'array', minItems: 1, maxItems: 16, items: fieldName },
          unique: { type: 'boolean' },
        },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'expression', 'message'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
          expression: { type: ['object', 'boolean'] },
          message: { $ref: 'opsflux:i18n-text' },
          field: fieldName,
        },
      },
    },
    sequence: {
      type: 'object',
      required: ['field', 'pattern'],
      additionalProperties: false,
      properties: {
        field: fieldName,
        pattern: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    searchable: { type: 'array', items: fieldName },
    renamedFrom: { type: 'string', pattern: NAME_PATTERN, maxLength: MAX_ENTITY_NAME },
  },
} as const;
