import { useTranslation } from 'react-i18next';
import { i18next } from '@opsflux/runtime-ui/i18n';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { pt } from './pt.ts';

type Resources = { en: object; fr?: object; es?: object; pt?: object };

/**
 * Adds words to the UI in every language we speak, merged into the runtime UI's (whose sign-in
 * and settings the designer reuses). English is the fallback for a key a language lacks. An
 * editor may call it for its own words, under its own top-level key (`entityEditor`, ...).
 */
export function addMessages(resources: Resources): void {
  for (const [lng, words] of Object.entries(resources)) {
    if (words) i18next.addResourceBundle(lng, 'translation', words, true, false);
  }
}

addMessages({ en: { designer: en }, fr: { designer: fr }, es: { designer: es }, pt: { designer: pt } });

/** The designer's own words (`designer.*`), re-rendering on a language change. */
export function useDesignerT() {
  return useTranslation('translation', { keyPrefix: 'designer' }).t;
}

export { i18next };
