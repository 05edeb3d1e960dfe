import i18next, { type i18n as I18n } from 'i18next';
import { editorsEn } from './editors.en.ts';
import { editorsEs } from './editors.es.ts';
import { editorsFr } from './editors.fr.ts';
import { editorsPt } from './editors.pt.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The editors' words in one language: the same keys as English, checked by the compiler. */
export type EditorMessages = Shape<typeof editorsEn>;

export const editorMessages: Record<'en' | 'fr' | 'es' | 'pt', EditorMessages> = {
  en: editorsEn,
  fr: editorsFr,
  es: editorsEs,
  pt: editorsPt,
};

/** Adds the editors' words (under `editors.`) to an i18next instance, beside the app's own. */
export function registerEditorMessages(instance: I18n): void {
  for (const [lng, messages] of Object.entries(editorMessages))
    instance.addResourceBundle(lng, 'translation', messages, true, false);
}

// The editors register themselves on the shared instance, whoever initialises it and when.
if (i18next.isInitialized) registerEditorMessages(i18next);
else i18next.on('initialized', () => registerEditorMessages(i18next));
