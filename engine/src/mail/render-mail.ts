import type { Language } from '@opsflux/definitions';
import Handlebars from 'handlebars';
import type { CompiledTemplate } from './compile-template.ts';
import type { MailRenderData } from './template-helpers.ts';
import { COMMON, HTML_LAYOUT } from './templates/layout.ts';

/** A mail as it will be sent: the subject, the text part and the HTML part. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /** The language it was written in (the reader's, or English when the template lacks it). */
  lang: Language;
}

export interface RenderContext {
  lang: Language;
  timeZone: string;
  /** Present for mails a recipient may unsubscribe from: the footer links to it. */
  unsubscribe?: { url: string; category: string };
}

/** A mail the caller wrote itself (already in the reader's language): used as given. */
export interface RawMail {
  subject: string;
  text: string;
  /** A complete HTML part; without it one is drawn from the text, in the shared layout. */
  html?: string;
}

const UNSUBSCRIBE: Record<Language, { reason: (category: string) => string; label: string }> = {
  en: { reason: (c) => `You receive this e-mail because you get "${c}" messages from OpsFlux.`, label: 'Unsubscribe' },
  fr: {
    reason: (c) => `Vous recevez ce message car vous êtes abonné aux messages « ${c} » d’OpsFlux.`,
    label: 'Se désabonner',
  },
  es: {
    reason: (c) => `Recibe este mensaje porque está suscrito a los mensajes «${c}» de OpsFlux.`,
    label: 'Darse de baja',
  },
  pt: {
    reason: (c) => `Recebe esta mensagem porque subscreve as mensagens «${c}» do OpsFlux.`,
    label: 'Cancelar a subscrição',
  },
};

const layout = Handlebars.create().compile(HTML_LAYOUT);
const escape = Handlebars.Utils.escapeExpression;

type Block = { paragraph: Handlebars.SafeString } | { list: Handlebars.SafeString[] } | { button: string };

/**
 * Blocks of a rendered body: paragraphs are separated by blank lines, a paragraph whose lines
 * all start with "- " is a list. `escaped` is already HTML-safe; only tags we add are added.
 */
function blocksOf(escaped: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of escaped.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*] /.test(l))) {
      blocks.push({ list: lines.map((l) => new Handlebars.SafeString(l.slice(2))) });
    } else {
      blocks.push({ paragraph: new Handlebars.SafeString(lines.join('<br>')) });
    }
  }
  return blocks;
}

/** The text part of a body: blank lines kept as paragraph breaks, nothing else changed. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function textFooter(lang: Language, ctx: RenderContext): string {
  const lines = [`-- \n${COMMON[lang].footer}`];
  if (ctx.unsubscribe) {
    const u = UNSUBSCRIBE[lang];
    lines.push(`${u.reason(ctx.unsubscribe.category)}\n${u.label}: ${ctx.unsubscribe.url}`);
  }
  return lines.join('\n');
}

function unsubscribeOf(lang: Language, ctx: RenderContext) {
  if (!ctx.unsubscribe) return undefined;
  const u = UNSUBSCRIBE[lang];
  return { reason: u.reason(ctx.unsubscribe.category), label: u.label, url: ctx.unsubscribe.url };
}

function page(lang: Language, subject: string, blocks: Block[], link: string | undefined, ctx: RenderContext) {
  return layout({ lang, subject, blocks, link, ...COMMON[lang], unsubscribe: unsubscribeOf(lang, ctx) });
}

/** Links in e-mails must be web addresses: a `javascript:` or `data:` link would survive escaping. */
function checkedLink(link: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(link)) throw new Error(`the button link "${link}" is not an http(s) address`);
  return link;
}

/** A subject is a header: one line, whatever a variable holds. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Renders a bundle template in the reader's language (English when the template lacks it). The
 * text part is unescaped, so links stay links; the HTML part escapes every variable.
 */
export function renderTemplate(template: CompiledTemplate, data: object, ctx: RenderContext): MailContent {
  const lang: Language = template.parts.has(ctx.lang) ? ctx.lang : 'en';
  const parts = template.parts.get(lang)!;
  const options = { data: { lang, timeZone: ctx.timeZone } satisfies MailRenderData };
  try {
    const subject = oneLine(parts.subject(data, options));
    const blocks = blocksOf(parts.html(data, options));
    const text = [tidy(parts.text(data, options))];
    let link: string | undefined;
    if (parts.button) {
      link = checkedLink(parts.button.link(data, options).trim());
      const label = oneLine(parts.button.label(data, options));
      blocks.push({ button: label });
      text.push(`${label}: ${link}`);
    }
    text.push(textFooter(lang, ctx));
    return { subject, text: `${text.join('\n\n')}\n`, html: page(lang, subject, blocks, link, ctx), lang };
  } catch (e) {
    throw new Error(`Mail template "${template.key}" (${lang}): ${(e as Error).message}`, { cause: e });
  }
}

/** Puts a caller's own mail in the shared layout (or keeps its HTML) and adds the footer. */
export function renderRaw(raw: RawMail, ctx: RenderContext): MailContent {
  const lang = ctx.lang;
  const subject = oneLine(raw.subject);
  const text = `${tidy(raw.text)}\n\n${textFooter(lang, ctx)}\n`;
  if (raw.html === undefined) {
    return { subject, text, html: page(lang, subject, blocksOf(escape(raw.text)), undefined, ctx), lang };
  }
  const u = unsubscribeOf(lang, ctx);
  if (!u) return { subject, text, html: raw.html, lang };
  const footer = `<p style="font-size:12px;color:#7b8794;">${escape(u.reason)} <a href="${escape(u.url)}">${escape(u.label)}</a></p>`;
  const html = /<\/body>/i.test(raw.html)
    ? raw.html.replace(/<\/body>/i, `${footer}\n</body>`)
    : `${raw.html}\n${footer}`;
  return { subject, text, html, lang };
}
