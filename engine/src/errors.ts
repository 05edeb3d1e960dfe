/** One entry per problem, pointing at the field or definition concerned. */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

/** Every error the API returns: `{ error: { code, message, details } }` with an HTTP status. */
export class OpsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'OpsError';
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details, ...this.extra } };
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new OpsError(400, code, message, details);
export const notFound = (message: string) => new OpsError(404, 'not_found', message);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new OpsError(409, code, message, [], extra);
export const invalid = (details: ErrorDetail[], message = 'The record is not valid') =>
  new OpsError(422, 'validation_failed', message, details);

export function isOpsError(e: unknown): e is OpsError {
  return e instanceof OpsError;
}
