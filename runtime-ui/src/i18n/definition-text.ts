import { pickText, type Language } from '@opsflux/definitions';
import { useTranslation } from 'react-i18next';
import type { Text } from '../api/api-types.ts';
import { currentLanguage, isUiLanguage } from './i18n.ts';

/** A definition's label in `lang`: the engine resolved it already (a string) or we pick it. */
export function textIn(text: Text | null | undefined, lang: Language, fallback = ''): string {
  if (text === null || text === undefined) return fallback;
  if (typeof text === 'string') return text || fallback;
  return pickText(text, lang) || fallback;
}

/** `textIn` in the current UI language. */
export const defText = (text: Text | null | undefined, fallback = '') => textIn(text, currentLanguage(), fallback);

/** A hook that re-renders on a language change and labels definitions in the new language. */
export function useDefText(): (text: Text | null | undefined, fallback?: string) => string {
  const { i18n } = useTranslation();
  const lang = isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (text, fallback = '') => textIn(text, lang, fallback);
}
