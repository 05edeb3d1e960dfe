import { LANGUAGES, type I18nText } from './i18n.ts';
import { NAME_PATTERN } from './names.ts';

/**
 * An e-mail a bundle sends (`templates/<name>.json`). Subject, body, button label and link are
 * Handlebars over the data the sender passes (`{{record.title}}`, `{{date due}}`), rendered in
 * the recipient's language. The body is plain text: paragraphs separated by blank lines, and a
 * paragraph whose lines all start with "- " is a list. The engine draws the text part and the
 * HTML part (escaped, in the shared layout) from it, so the two never disagree.
 */
export interface TemplateDefinition {
  $schema?: string;
  name: string;
  description?: I18nText;
  /**
   * What kind of mail this is (`workflow`, `alert`, `digest`...): recipients unsubscribe per
   * category, and the mail log filters by it.
   */
  category: string;
  /**
   * A mail the recipient must get to do their work or keep their account safe (an approval to
   * give, a password reset): it has no unsubscribe link and is sent whatever their choices.
   */
  transactional: boolean;
  subject: I18nText;
  body: I18nText;
  /** A call to action: a button in HTML, `label: link` in the text part. */
  button?: { label: I18nText; link: string };
}

export const TEMPLATE_CATEGORY_PATTERN = '^[a-z][a-z0-9_-]*$';
export const MAX_TEMPLATE_BODY = 20_000;

/** Like `opsflux:i18n-text`, for longer texts. */
const longText = (maxLength: number) =>
  ({
    type: 'object',
    properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string', minLength: 1, maxLength }])),
    additionalProperties: false,
    minProperties: 1,
  }) as const;

export const templateSchema = {
  $id: 'opsflux:template',
  type: 'object',
  description: 'An e-mail template: subject, body and an optional button, per language',
  required: ['name', 'category', 'transactional', 'subject', 'body'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
    description: { $ref: 'opsflux:i18n-text' },
    category: { type: 'string', pattern: TEMPLATE_CATEGORY_PATTERN, maxLength: 40 },
    transactional: { type: 'boolean' },
    subject: longText(300),
    body: longText(MAX_TEMPLATE_BODY),
    button: {
      type: 'object',
      required: ['label', 'link'],
      properties: {
        label: { $ref: 'opsflux:i18n-text' },
        link: { type: 'string', minLength: 1, maxLength: 2000 },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
