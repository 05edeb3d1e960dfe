import type { ErrorDetail } from '../api/api-error.ts';
import type { JsonSchema } from './form-schema.ts';

/** An error in the shape JSON Forms shows under a control (AJV's `ErrorObject`). */
export interface FieldError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * The engine's error details, placed: those naming a field of the form go under its control,
 * the rest (a rule on no field, an unknown path) are listed above the form. A transition's
 * values are reported as `values.<field>`.
 */
export function placeErrors(
  details: readonly ErrorDetail[],
  schema: JsonSchema,
): { fields: FieldError[]; other: string[] } {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  const fields: FieldError[] = [];
  const other: string[] = [];
  for (const d of details) {
    const parts = d.path
      .replace(/^values[./]/, '')
      .split(/[./]/)
      .filter(Boolean);
    const field = parts[0];
    if (field && field in props) {
      fields.push({
        instancePath: `/${parts.join('/')}`,
        schemaPath: `#/properties/${field}`,
        keyword: `server:${d.code}`,
        params: {},
        message: d.message,
      });
    } else other.push(d.message);
  }
  return { fields, other };
}
