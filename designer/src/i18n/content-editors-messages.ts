import i18next, { type i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { contentEditorsEn } from './content-editors.en.ts';
import { contentEditorsEs } from './content-editors.es.ts';
import { contentEditorsFr } from './content-editors.fr.ts';
import { contentEditorsPt } from './content-editors.pt.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** These editors' words in one language: the same keys as English, checked by the compiler. */
export type ContentEditorMessages = Shape<typeof contentEditorsEn>;

export const contentEditorMessages: Record<'en' | 'fr' | 'es' | 'pt', ContentEditorMessages> = {
  en: contentEditorsEn,
  fr: contentEditorsFr,
  es: contentEditorsEs,
  pt: contentEditorsPt,
};

/** Adds the words (under `contentEditors.`) to an i18next instance, beside the app's own. */
export function registerContentEditorMessages(instance: I18n): void {
  for (const [lng, messages] of Object.entries(contentEditorMessages))
    instance.addResourceBundle(lng, 'translation', messages, true, false);
}

// Registered on the shared instance, whoever initialises it and when.
if (i18next.isInitialized) registerContentEditorMessages(i18next);
else i18next.on('initialized', () => registerContentEditorMessages(i18next));

/** `t` for one part (`automation`, `template`, `menu`, `translations`, `common`). */
export function useContentT(part: keyof ContentEditorMessages['contentEditors']) {
  return useTranslation('translation', { keyPrefix: `contentEditors.${part}` }).t;
}
