import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { useMe } from '../api/queries.ts';
import { isUiLanguage } from '../i18n/i18n.ts';
import { sanitizePreferences } from './preference-store.ts';
import { usePreferences } from './preferences-context.tsx';

/**
 * Keeps the user's display choices on their profile (`/api/v1/me/preferences`), so they follow
 * them from desk to tablet. Until the engine offers it (404), the browser's copy is all there is.
 * Without a saved language, the profile's locale is the first choice.
 */
export function useServerPreferences(): void {
  const api = useApi();
  const me = useMe();
  const { prefs, adopt, onChange } = usePreferences();
  const locale = me.data?.locale;

  useEffect(() => {
    if (!prefs.language && isUiLanguage(locale)) adopt({ language: locale });
  }, [prefs.language, locale, adopt]);

  useEffect(() => {
    let active = true;
    let offered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api
      .get<{ data?: unknown }>('/api/v1/me/preferences')
      .then((r) => {
        if (!active) return;
        offered = true;
        adopt(sanitizePreferences(r && typeof r === 'object' && 'data' in r ? r.data : r));
      })
      .catch((e: unknown) => {
        if (!isApiError(e) || e.status !== 404) console.warn('preferences not loaded', e);
      });
    let language = locale;
    const off = onChange((next) => {
      // The profile's locale decides the language of e-mails and notifications: it follows the UI.
      if (next.language && next.language !== language) {
        language = next.language;
        api.patch('/api/v1/auth/me', { locale: next.language }).catch(() => undefined);
      }
      if (!offered) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        api.put('/api/v1/me/preferences', next).catch((e: unknown) => console.warn('preferences not saved', e));
      }, 500);
    });
    return () => {
      active = false;
      clearTimeout(timer);
      off();
    };
  }, [api, adopt, onChange, locale]);
}
