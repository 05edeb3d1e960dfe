/** The languages OpsFlux ships labels in; English is the fallback. */
export const LANGUAGES = ['fr', 'en', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A label in one or more languages, e.g. `{ "en": "Company", "fr": "Société" }`. */
export type I18nText = Partial<Record<Language, string>>;

export const i18nTextSchema = {
  $id: 'opsflux:i18n-text',
  type: 'object',
  description: 'A text in one or more of the languages fr, en, es, pt',
  properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string', minLength: 1, maxLength: 2000 }])),
  additionalProperties: false,
  minProperties: 1,
} as const;

/** The text in `lang`, else English, else the first language present. */
export function pickText(text: I18nText | undefined, lang: Language = 'en'): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text).find((v) => v !== undefined) ?? '';
}
