import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadLocalPreferences } from '../preferences/preference-store.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { pt } from './pt.ts';

/** The languages of the UI and of definitions' labels; English is the fallback. */
export const UI_LANGUAGES = ['en', 'fr', 'es', 'pt'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
};

export const isUiLanguage = (l: unknown): l is UiLanguage => UI_LANGUAGES.includes(l as UiLanguage);

/** The user's saved choice, else the first browser language we speak, else English. */
function initialLanguage(): UiLanguage {
  const saved = loadLocalPreferences().language;
  if (saved) return saved;
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages;
  return wanted.map((l) => l.slice(0, 2).toLowerCase()).find(isUiLanguage) ?? 'en';
}

if (!i18next.isInitialized) {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr }, es: { translation: es }, pt: { translation: pt } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const mark = (lng: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  };
  mark(i18next.language);
  i18next.on('languageChanged', mark);
}

/** The current UI language, always one of ours. */
export function currentLanguage(): UiLanguage {
  const l = i18next.resolvedLanguage ?? i18next.language;
  return isUiLanguage(l) ? l : 'en';
}

export { i18next };
