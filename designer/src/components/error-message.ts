import { isApiError } from '@opsflux/runtime-ui/api-error';

type T = (key: string, options?: Record<string, unknown>) => string;

/** What to tell the admin about a failed call: the engine's own message, else a plain one. */
export function errorMessage(error: unknown, t: T): string {
  if (!error) return '';
  if (isApiError(error)) {
    if (error.status === 0) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    // Details repeating the message add nothing; the others name their field.
    const fields = error.details
      .filter((d) => d.message !== error.message)
      .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
    return [error.message, ...fields].join(' — ');
  }
  return error instanceof Error ? error.message : t('errors.unknown');
}
