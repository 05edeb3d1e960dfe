import { LANGUAGES, type I18nText, type Language } from '@opsflux/definitions';

/** One translatable text of the draft: where it is and what it says in each language. */
export interface TextEntry {
  file: string;
  /** JSON pointer inside the file (RFC 6901). */
  pointer: string;
  text: I18nText;
}

const isLanguage = (k: string): k is Language => (LANGUAGES as readonly string[]).includes(k);

/** A plain object whose keys are some of fr/en/es/pt, each holding a string: a label. */
export function isI18nText(value: unknown): value is I18nText {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length > 0 && keys.every((k) => isLanguage(k) && typeof (value as Record<string, unknown>)[k] === 'string')
  );
}

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Every translatable text of every file, in file order then document order. */
export function collectTexts(files: Readonly<Record<string, unknown>>): TextEntry[] {
  const out: TextEntry[] = [];
  const walk = (file: string, value: unknown, tokens: (string | number)[]) => {
    if (isI18nText(value)) {
      out.push({ file, pointer: toPointer(tokens), text: value });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(file, v, [...tokens, i]));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(file, v, [...tokens, k]);
    }
  };
  for (const file of Object.keys(files).sort()) walk(file, files[file], []);
  return out;
}

/** The languages a text lacks (or holds only blanks in). */
export function missingLanguages(text: I18nText, languages: readonly Language[] = LANGUAGES): Language[] {
  return languages.filter((l) => !text[l]?.trim());
}

/** A copy of `root` with the value at `tokens` replaced; the containers on the way are copied. */
function setIn(root: unknown, tokens: readonly string[], replace: (old: unknown) => unknown): unknown {
  if (tokens.length === 0) return replace(root);
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(root)) {
    const i = Number(head);
    if (!Number.isInteger(i) || i < 0 || i >= root.length) throw new Error(`No item ${head}`);
    const copy = [...root];
    copy[i] = setIn(root[i], rest, replace);
    return copy;
  }
  if (root && typeof root === 'object' && Object.hasOwn(root, head)) {
    return { ...root, [head]: setIn((root as Record<string, unknown>)[head], rest, replace) };
  }
  throw new Error(`No property "${head}"`);
}

/** The value at `pointer` in `root`, or undefined. */
export function getAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const t of parsePointer(pointer)) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, t)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/**
 * The file's content with the text at `pointer` saying `value` in `lang`; an empty value removes
 * that language. Refuses (throws) to remove a text's last language: a label needs one.
 */
export function writeText(content: unknown, pointer: string, lang: Language, value: string): unknown {
  return setIn(content, parsePointer(pointer), (old) => {
    if (!isI18nText(old)) throw new Error(`${pointer} is not a translatable text`);
    if ((old[lang] ?? '') === value) return old;
    const next: Record<string, string> = { ...old };
    if (value === '') delete next[lang];
    else next[lang] = value;
    if (Object.keys(next).length === 0) throw new Error('A text needs at least one language');
    return next;
  });
}
