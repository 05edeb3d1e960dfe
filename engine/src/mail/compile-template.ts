import { LANGUAGES, pickText, type I18nText, type Language, type TemplateDefinition } from '@opsflux/definitions';
import Handlebars from 'handlebars';
import { dateHelper, numberHelper } from './template-helpers.ts';

/*
 * Templates come from bundles, which business admins write: they may only read the data they are
 * given. Our own Handlebars environment knows two helpers (date, number) and no partials;
 * compiling with `knownHelpersOnly` makes any other helper (including `lookup` and `log`) a
 * compile error, strict mode makes a missing variable an error instead of a blank, and Handlebars
 * (since 4.6) refuses to read `constructor`, `__proto__` and other prototype properties. The
 * checks below say so at validation time, with the template's file and field.
 */

export const mailHandlebars = Handlebars.create();
mailHandlebars.registerHelper('date', dateHelper);
mailHandlebars.registerHelper('number', numberHelper);
mailHandlebars.unregisterHelper('lookup');
mailHandlebars.unregisterHelper('log');

const HELPERS = ['date', 'number'];

export const MAIL_TEMPLATE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { date: true, number: true, lookup: false, log: false },
} as const;

/** Path segments that reach an object's machinery rather than its data. */
const NOT_DATA = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

type AstNode = { type: string; [key: string]: unknown };

function* nodesOf(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const n of node) yield* nodesOf(n);
  } else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string') yield n as AstNode;
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') yield* nodesOf(v);
  }
}

/** Handlebars' parse errors draw the line with a caret; a sentence reads better in a list of issues. */
function parseProblem(message: string): string {
  const m = /^Parse error on line (\d+):[\s\S]*?\n(Expecting .*), got '([^']+)'/.exec(message);
  if (!m) return `the Handlebars does not parse: ${message.replace(/\s+/g, ' ').trim()}`;
  if (m[3] === 'EOF') return `the Handlebars does not parse: a block is still open at the end (close it with {{/…}})`;
  return `the Handlebars does not parse at line ${m[1]}: ${m[2]!.replace('Expecting', 'expecting')}, got ${m[3]}`;
}

/** Why `source` cannot be a mail template, in words a bundle author acts on; undefined when it can. */
export function templateSourceProblem(source: string): string | undefined {
  let ast: ReturnType<typeof mailHandlebars.parse>;
  try {
    ast = mailHandlebars.parse(source);
  } catch (e) {
    return parseProblem((e as Error).message);
  }
  for (const node of nodesOf(ast)) {
    if (/^(Partial|Decorator)/.test(node.type)) return 'partials and decorators ({{> …}}, {{* …}}) are not available';
    if (node.type === 'MustacheStatement' && node.escaped === false) {
      return 'unescaped output ({{{ … }}} or {{& … }}) is not allowed: use {{ … }}, the HTML part is escaped for you';
    }
    if (node.type === 'PathExpression') {
      const bad = (node.parts as string[]).find((p) => NOT_DATA.has(p));
      if (bad) return `"${String(node.original)}" reads "${bad}", which is not data a template may read`;
    }
  }
  try {
    mailHandlebars.precompile(ast, MAIL_TEMPLATE_OPTIONS);
  } catch (e) {
    const message = (e as Error).message;
    const helper = /unknown helper (\S+)/.exec(message)?.[1];
    if (helper) return `"${helper}" is not a helper mail templates know: use ${HELPERS.join(' or ')}`;
    return `the Handlebars does not compile: ${message.replace(/\s+/g, ' ').trim()}`;
  }
  return undefined;
}

/** One problem of a template definition, located by JSON pointer. */
export interface TemplateProblem {
  pointer: string;
  code: string;
  message: string;
}

/** Every source of the template, with where it is. */
function sources(def: TemplateDefinition): { pointer: string; source: string }[] {
  const out: { pointer: string; source: string }[] = [];
  const texts = (text: I18nText | undefined, at: string) => {
    for (const lang of LANGUAGES)
      if (text?.[lang] !== undefined) out.push({ pointer: `${at}/${lang}`, source: text[lang] });
  };
  texts(def.subject, '/subject');
  texts(def.body, '/body');
  texts(def.button?.label, '/button/label');
  if (def.button) out.push({ pointer: '/button/link', source: def.button.link });
  return out;
}

/**
 * Everything wrong with a schema-valid template: Handlebars that does not compile or reaches
 * beyond its data, and languages that do not line up (English is the fallback, and a subject
 * without its body in the same language would give a mail in two languages).
 */
export function templateProblems(def: TemplateDefinition): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const { pointer, source } of sources(def)) {
    const problem = templateSourceProblem(source);
    if (problem) problems.push({ pointer, code: 'template.handlebars', message: problem });
  }
  const langs = (t: I18nText) => LANGUAGES.filter((l) => t[l] !== undefined);
  for (const [at, text] of [
    ['/subject', def.subject],
    ['/body', def.body],
    ['/button/label', def.button?.label],
  ] as const) {
    if (text && text.en === undefined) {
      problems.push({
        pointer: at,
        code: 'template.english',
        message: 'English is missing: it is the fallback language',
      });
    }
  }
  const subject = langs(def.subject);
  const body = langs(def.body);
  if (subject.join() !== body.join()) {
    problems.push({
      pointer: '/subject',
      code: 'template.languages',
      message: `The subject is written in ${subject.join(', ')} but the body in ${body.join(', ')}: give both the same languages`,
    });
  }
  return problems;
}

type Delegate = Handlebars.TemplateDelegate;

/** The compiled Handlebars of one language of a template. */
export interface TemplateParts {
  subject: Delegate;
  /** The body for the text part: nothing escaped. */
  text: Delegate;
  /** The body for the HTML part: every variable escaped. */
  html: Delegate;
  button?: { label: Delegate; link: Delegate };
}

/** A template ready to render, as the registry holds it. */
export interface CompiledTemplate {
  /** `bundle.name` */
  key: string;
  bundle: string;
  def: TemplateDefinition;
  /** The languages it is written in; others fall back to English. */
  languages: readonly Language[];
  parts: ReadonlyMap<Language, TemplateParts>;
}

function compileSource(source: string, escape: boolean, where: string): Delegate {
  const problem = templateSourceProblem(source);
  if (problem) throw new Error(`Template ${where}: ${problem}`);
  // Handlebars generates the code on first use and keeps it: once per registry.
  return mailHandlebars.compile(source, { ...MAIL_TEMPLATE_OPTIONS, noEscape: !escape });
}

/** Compiles every language of a template; throws on a template validation would have refused. */
export function compileTemplate(bundle: string, def: TemplateDefinition): CompiledTemplate {
  const key = `${bundle}.${def.name}`;
  const languages = LANGUAGES.filter((l) => def.body[l] !== undefined);
  const parts = new Map<Language, TemplateParts>();
  for (const lang of languages) {
    const at = `${key} (${lang})`;
    const body = def.body[lang]!;
    parts.set(lang, {
      subject: compileSource(pickText(def.subject, lang), false, at),
      text: compileSource(body, false, at),
      html: compileSource(body, true, at),
      ...(def.button && {
        button: {
          label: compileSource(pickText(def.button.label, lang), false, at),
          link: compileSource(def.button.link, false, at),
        },
      }),
    });
  }
  return { key, bundle, def, languages, parts };
}
