import { useTranslation } from 'react-i18next';
import { isUiLanguage, type UiLanguage } from './i18n.ts';

/** The current UI language; the component re-renders when it changes. */
export function useLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
