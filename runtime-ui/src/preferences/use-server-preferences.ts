import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import { isApiError } from '../api/api-error.ts';
import { useMe } from '../api/queries.ts';
import { isUiLanguage } from '../i18n/i18n.ts';
import { sanitizePreferences, type UiPreferences } from './preference-store.ts';
import { usePreferences } from './preferences-context.tsx';

/** The body `PUT /api/v1/me/preferences` takes: the engine's keys only (it refuses others). */
const toServer = (p: UiPreferences) => ({
  sidebarCollapsed: p.sidebarCollapsed,
  theme: p.theme,
  density: p.density,
  views: p.views,
  ...(p.language && { language: p.language }),
});

/**
 * Keeps the user's display choices on their profile (`/api/v1/me/preferences`), so they follow
 * them from desk to tablet; what the engine holds wins when the app starts. An engine without
 * that route (404) leaves the browser's copy, and the profile's locale follows the language.
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
    let language = locale;
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
    const off = onChange((next) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (offered) {
          api
            .put('/api/v1/me/preferences', toServer(next))
            .catch((e: unknown) => console.warn('preferences not saved', e));
        } else if (next.language && next.language !== language) {
          // No preferences route: the profile's locale still follows, for e-mails and notifications.
          language = next.language;
          api.patch('/api/v1/auth/me', { locale: next.language }).catch(() => undefined);
        }
      }, 500);
    });
    return () => {
      active = false;
      clearTimeout(timer);
      off();
    };
  }, [api, adopt, onChange, locale]);
}
