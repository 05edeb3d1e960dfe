import { OpsError } from '../errors.ts';

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
}

/**
 * Database errors a client can cause, turned into 4xx answers; anything else stays a 500.
 * Class 22 is "data exception" (a value the column type refuses).
 */
export function mapDatabaseError(e: unknown): OpsError | undefined {
  const err = e as PgError;
  if (typeof err?.code !== 'string') return undefined;
  const keyColumns = (err.detail?.match(/^Key \(([^)]+)\)/)?.[1]?.split(', ') ?? []).map((c) =>
    c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c,
  );
  if (err.code === '23505') {
    return new OpsError(
      409,
      'unique_violation',
      'Another record already has this value',
      keyColumns.map((c) => ({
        path: c,
        code: 'unique',
        message: `The value of "${c}" is already used by another record`,
      })),
    );
  }
  if (err.code === '23503') {
    return new OpsError(
      409,
      'reference_violation',
      'The record is linked to records that do not exist or still refer to it',
      keyColumns.map((c) => ({
        path: c,
        code: 'reference',
        message: `"${c}" refers to a record that does not exist, or is still referred to`,
      })),
    );
  }
  if (err.code === '23502') {
    const c = err.column ?? '';
    return new OpsError(422, 'validation_failed', 'A required value is missing', [
      { path: c, code: 'required', message: `"${c}" is required` },
    ]);
  }
  if (err.code.startsWith('22')) {
    return new OpsError(400, 'invalid_value', 'A value is not valid for its field type', []);
  }
  return undefined;
}
