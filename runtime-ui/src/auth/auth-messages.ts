import type { TFunction } from 'i18next';
import { isApiError } from '../api/api-error.ts';

/** What to tell a person whose sign-in (or account step) failed, in their language. */
export function authErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('common.unknownError');
  switch (error.code) {
    case 'network_error':
      return t('common.networkError');
    case 'invalid_credentials':
      return t('auth.invalidCredentials');
    case 'account_locked': {
      const until = error.extra.lockedUntil;
      return typeof until === 'string'
        ? t('auth.locked', { until: new Date(until).toLocaleString() })
        : t('auth.lockedNoTime');
    }
    case 'account_disabled':
      return t('auth.accountDisabled');
    case 'rate_limited':
      return t('auth.rateLimited', { seconds: Number(error.extra.retryAfter) || 60 });
    case 'challenge_invalid':
      return t('auth.challengeExpired');
    case 'second_factor_invalid':
      return t('auth.codeInvalid');
    case 'invitation_invalid':
      return t('auth.invitationExpired');
    case 'link_invalid':
      return t('auth.resetExpired');
    default:
      return error.message;
  }
}

/** Field-level messages of a 422, by field name (`password`, `email`...). */
export function fieldMessages(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const field = d.path.split(/[./]/).filter(Boolean)[0];
    if (field) out[field] = out[field] ? `${out[field]} ${d.message}` : d.message;
  }
  return out;
}
