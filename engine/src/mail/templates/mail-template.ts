import type { Language } from '@opsflux/definitions';

/**
 * One e-mail in one language. Every string is a Handlebars template over the mail's variables
 * (`{{name}}`, `{{date at}}`, ...). The text part and the HTML part are both drawn from these
 * blocks, so translators write each sentence once and the two parts never say different things.
 */
export interface MailText {
  subject: string;
  blocks: MailBlock[];
}

export type MailBlock =
  /** A paragraph. */
  | string
  /** The mail's `link` variable: a button with this label in HTML, the bare address in text. */
  | { button: string }
  /** Label and value lines; the label carries its own punctuation ("Date :" in French). */
  | { facts: [label: string, value: string][] };

/** Every language is required: the test suite renders each one. */
export type MailTemplate = Record<Language, MailText>;
