import type { I18nText } from '../i18n.ts';

/** Options every field accepts, whatever its type. */
export interface FieldBase {
  name: string;
  label: I18nText;
  description?: I18nText;
  required?: boolean;
  default?: unknown;
  unique?: boolean;
  index?: boolean;
  searchable?: boolean;
  /** Masked in lists and logs. */
  sensitive?: boolean;
  /** The field's previous name: the planner renames the column instead of dropping it. */
  renamedFrom?: string;
}

/** The language-side description of a field type: the JSON Schema of its own options. */
export interface FieldTypeSchema<T extends string = string> {
  type: T;
  /** JSON Schema properties this type accepts beside the common ones. */
  properties: Record<string, object>;
  required?: readonly string[];
  /** Whether a field of this type may be searchable (full-text). */
  searchable: boolean;
  /** Whether a field of this type may be unique or indexed. */
  indexable: boolean;
  /** JSON Schema for `default`, when the type accepts one. */
  defaultSchema?: object;
}

export function defineFieldType<T extends string>(def: FieldTypeSchema<T>): FieldTypeSchema<T> {
  return def;
}

export const lengthProperties = {
  minLength: { type: 'integer', minimum: 0 },
  maxLength: { type: 'integer', minimum: 1, maximum: 1_000_000 },
} as const;

export const numberRangeProperties = {
  min: { type: 'number' },
  max: { type: 'number' },
} as const;
