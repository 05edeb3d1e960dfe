import type { FieldDefinition } from '@opsflux/definitions';

export type FilterOperator =
  '$eq' | '$ne' | '$lt' | '$lte' | '$gt' | '$gte' | '$in' | '$nin' | '$contains' | '$startsWith' | '$null' | '$between';

/** A UUID as PostgreSQL reads it: ajv's `uuid` format also accepts a `urn:uuid:` prefix. */
export const UUID_SCHEMA = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const;

export const EQUALITY: FilterOperator[] = ['$eq', '$ne', '$in', '$nin', '$null'];
export const ORDERED: FilterOperator[] = [...EQUALITY, '$lt', '$lte', '$gt', '$gte', '$between'];
export const TEXTUAL: FilterOperator[] = [...ORDERED, '$contains', '$startsWith'];

/**
 * What the engine needs to know about a field type: its column, the JSON Schema of its
 * values in API payloads, and the filter operators it supports. One file per type.
 */
export interface FieldRuntime<F extends FieldDefinition = FieldDefinition> {
  type: F['type'];
  /** PostgreSQL column type, or undefined when the field has no column (many-to-many). */
  sqlType(field: F): string | undefined;
  /** JSON Schema of one non-null value. */
  valueSchema(field: F): Record<string, unknown>;
  operators: FilterOperator[];
  /** Whether clients may write the value (computed fields are filled by the engine). */
  writable: boolean;
  /** Turns an API value into a bound SQL parameter (JSON for jsonb columns). */
  toDb?(value: unknown): unknown;
}

export function defineField<F extends FieldDefinition>(rt: FieldRuntime<F>): FieldRuntime<F> {
  return rt;
}
