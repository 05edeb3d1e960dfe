import Handlebars from 'handlebars';
import type { Language } from '@opsflux/definitions';
import { COMMON, HTML_LAYOUT } from './templates/layout.ts';
import { AUTH_MAIL_TEMPLATES, type AuthMailKind, type AuthMailVars } from './templates/index.ts';
import type { MailText } from './templates/mail-template.ts';
import { dateHelper } from './template-helpers.ts';

/*
 * The authentication e-mails (password reset, invitation, ...) in fr, en, es and pt.
 *
 * Templates are TypeScript maps, one file per e-mail under ./templates, rather than .hbs files:
 * 5 e-mails × 4 languages × (subject, text, HTML) would be 60 files whose text and HTML drift
 * apart. Here each language lists its sentences once, as Handlebars strings, and two renderings
 * are drawn from them: the text part (nothing escaped, so a link stays a working link) and the
 * HTML part (every variable escaped, then placed in one shared Handlebars layout). Strict mode
 * makes a missing variable an error instead of a blank.
 */

export type { AuthMailKind, AuthMailVars };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderOptions {
  /** IANA time zone for dates in the message; UTC (and said so) unless the user's zone is known. */
  timeZone?: string;
}

const hbs = Handlebars.create();
hbs.registerHelper('date', dateHelper);

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function compile(source: string, escape: boolean): Handlebars.TemplateDelegate {
  const key = `${escape ? 'html' : 'text'}\0${source}`;
  let t = compiled.get(key);
  if (!t) {
    t = hbs.compile(source, { strict: true, noEscape: !escape, knownHelpers: { date: true } });
    compiled.set(key, t);
  }
  return t;
}

const layout = hbs.compile(HTML_LAYOUT);

/** Renders authentication e-mail `kind` in `lang` (English when the language is unknown). */
export function render<K extends AuthMailKind>(
  kind: K,
  lang: Language,
  vars: AuthMailVars[K],
  opts: RenderOptions = {},
): RenderedMail {
  const template = AUTH_MAIL_TEMPLATES[kind];
  if (!template) throw new Error(`Unknown mail "${kind}"`);
  const language: Language = template[lang] ? lang : 'en';
  const mail: MailText = template[language];
  const common = COMMON[language];
  const link = checkedLink(vars);
  const data = { lang: language, timeZone: opts.timeZone ?? 'UTC' };
  const fill = (source: string, escape: boolean) => {
    try {
      return compile(source, escape)(vars, { data });
    } catch (e) {
      throw new Error(`Mail "${kind}" (${language}): ${(e as Error).message}`, { cause: e });
    }
  };

  // A subject is a header: one line, whatever a variable holds.
  const subject = fill(mail.subject, false).replace(/\s+/g, ' ').trim();

  const text: string[] = [];
  const blocks: object[] = [];
  for (const block of mail.blocks) {
    if (typeof block === 'string') {
      text.push(fill(block, false));
      blocks.push({ paragraph: new hbs.SafeString(fill(block, true)) });
    } else if ('button' in block) {
      if (link === undefined) throw new Error(`Mail "${kind}" shows a button but has no link`);
      text.push(link);
      blocks.push({ button: fill(block.button, false) });
    } else {
      text.push(block.facts.map(([label, value]) => `${fill(label, false)} ${fill(value, false)}`).join('\n'));
      blocks.push({
        facts: block.facts.map(([label, value]) => ({
          label: fill(label, false),
          value: new hbs.SafeString(fill(value, true)),
        })),
      });
    }
  }
  text.push(`-- \n${common.footer}`);

  const html = layout({ lang: language, subject, blocks, link, ...common });
  return { subject, text: `${text.join('\n\n')}\n`, html };
}

/** Links in e-mails must be web addresses: a `javascript:` or `data:` link would survive escaping. */
function checkedLink(vars: object): string | undefined {
  if (!('link' in vars)) return undefined;
  const link = String(vars.link);
  if (!/^https?:\/\/[^\s]+$/.test(link)) throw new Error('Mail link must be an http(s) address without spaces');
  return link;
}
