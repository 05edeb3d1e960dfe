import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isUiLanguage, type UiLanguage } from '../i18n/i18n.ts';
import { makeTheme } from './app-theme.ts';
import { loadLocalPreferences, saveLocalPreferences, type UiPreferences } from './preference-store.ts';

interface PreferencesValue {
  prefs: UiPreferences;
  /** A change the user made: saved here and handed to `onChange` (the server, once signed in). */
  update(patch: Partial<UiPreferences>): void;
  /** Preferences read from the server: applied without being sent back. */
  adopt(patch: Partial<UiPreferences>): void;
  /** Subscribes to user changes; returns the unsubscribe function. */
  onChange(listener: (prefs: UiPreferences) => void): () => void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

/** The preferences, or null on a page rendered outside the app (the designer's sign-in). */
export const useOptionalPreferences = () => useContext(PreferencesContext);

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside <PreferencesProvider>');
  return value;
}

/** Theme, density and language for everything below, from the user's saved choices. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [prefs, setPrefs] = useState<UiPreferences>(loadLocalPreferences);
  const [listeners] = useState(() => new Set<(p: UiPreferences) => void>());
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });

  const current = useRef(prefs);
  const apply = useCallback(
    (patch: Partial<UiPreferences>, notify: boolean) => {
      const next = { ...current.current, ...patch };
      current.current = next;
      saveLocalPreferences(next);
      setPrefs(next);
      if (notify) listeners.forEach((l) => l(next));
    },
    [listeners],
  );

  useEffect(() => {
    if (prefs.language && prefs.language !== i18n.language) void i18n.changeLanguage(prefs.language);
  }, [prefs.language, i18n]);

  const language: UiLanguage = isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const mode = prefs.theme === 'system' ? (prefersDark ? 'dark' : 'light') : prefs.theme;
  const theme = useMemo(() => makeTheme(mode, prefs.density, language), [mode, prefs.density, language]);
  const update = useCallback((patch: Partial<UiPreferences>) => apply(patch, true), [apply]);
  const adopt = useCallback((patch: Partial<UiPreferences>) => apply(patch, false), [apply]);
  const onChange = useCallback(
    (listener: (p: UiPreferences) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    [listeners],
  );
  const value = useMemo<PreferencesValue>(() => ({ prefs, update, adopt, onChange }), [prefs, update, adopt, onChange]);

  return (
    <PreferencesContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </PreferencesContext.Provider>
  );
}
