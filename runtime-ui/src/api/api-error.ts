/** One problem the engine found, on one field (`path`) or on the request as a whole. */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

/**
 * An error answered by the engine: its `{ error: { code, message, details } }` body, the HTTP
 * status, and what some errors carry besides (`current` on a 409 version conflict,
 * `lockedUntil` on a locked account, `retryAfter` on a rate limit).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], extra = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.extra = extra;
  }

  /** The error as the engine sent it, or a neutral one when the body is not the engine's shape. */
  static fromBody(status: number, body: unknown): ApiError {
    const error = (body as { error?: Record<string, unknown> } | null)?.error;
    if (!error || typeof error !== 'object') {
      return new ApiError(status, status === 0 ? 'network_error' : `http_${status}`, `HTTP ${status}`);
    }
    const { code, message, details, ...extra } = error;
    return new ApiError(
      status,
      typeof code === 'string' ? code : `http_${status}`,
      typeof message === 'string' ? message : `HTTP ${status}`,
      Array.isArray(details) ? (details as ErrorDetail[]) : [],
      extra,
    );
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
