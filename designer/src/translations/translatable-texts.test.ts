import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@opsflux/definitions';
import {
  collectTexts,
  getAt,
  isI18nText,
  missingLanguages,
  parsePointer,
  toPointer,
  writeText,
} from './translatable-texts.ts';

const files = {
  'menus/main.json': {
    name: 'main',
    label: { fr: 'Principal', en: 'Main' },
    items: [{ name: 'a/b', label: { en: 'A~B' }, children: [{ name: 'c', label: { pt: 'C' } }] }],
  },
  'entities/site.json': { name: 'site', fields: { 'x/y': { label: { en: 'X', fr: 'X', es: 'X', pt: 'X' } } } },
};

describe('collectTexts', () => {
  it('finds every label with its file and JSON pointer, files in order', () => {
    expect(collectTexts(files).map((e) => [e.file, e.pointer])).toEqual([
      ['entities/site.json', '/fields/x~1y/label'],
      ['menus/main.json', '/label'],
      ['menus/main.json', '/items/0/label'],
      ['menus/main.json', '/items/0/children/0/label'],
    ]);
  });

  it('does not take objects with other keys, empty objects or non-string values for labels', () => {
    expect(isI18nText({ en: 'a', de: 'b' })).toBe(false);
    expect(isI18nText({})).toBe(false);
    expect(isI18nText({ en: 1 })).toBe(false);
    expect(isI18nText(['en'])).toBe(false);
    expect(isI18nText({ es: '' })).toBe(true);
  });

  it('names the languages a text lacks, blanks included', () => {
    expect(missingLanguages({ en: 'a', fr: ' ' })).toEqual(['fr', 'es', 'pt']);
  });
});

describe('writeText', () => {
  it('writes a language into the right text without touching the original', () => {
    const next = writeText(files['menus/main.json'], '/items/0/children/0/label', 'fr', 'Cé');
    expect(getAt(next, '/items/0/children/0/label')).toEqual({ pt: 'C', fr: 'Cé' });
    expect(files['menus/main.json'].items[0]!.children[0]!.label).toEqual({ pt: 'C' });
    expect(getAt(next, '/label')).toBe(files['menus/main.json'].label);
  });

  it('removes a language written empty, but never the last one', () => {
    expect(getAt(writeText(files['menus/main.json'], '/label', 'fr', ''), '/label')).toEqual({ en: 'Main' });
    expect(() => writeText(files['menus/main.json'], '/items/0/label', 'en', '')).toThrow(/at least one/);
  });

  it('refuses a pointer that leads nowhere or to something that is not a text', () => {
    expect(() => writeText(files['menus/main.json'], '/items/3/label', 'en', 'x')).toThrow(/No item/);
    expect(() => writeText(files['menus/main.json'], '/name', 'en', 'x')).toThrow(/not a translatable/);
    expect(() => writeText(files['menus/main.json'], '/nope/label', 'en', 'x')).toThrow(/No property/);
  });
});

// Arbitrary JSON documents with labels hidden at any depth, under keys that need escaping.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a/b', '~', '~1', '', 'label'));
const text = fc.dictionary(fc.constantFrom(...LANGUAGES), fc.string({ maxLength: 8 }), {
  minKeys: 1,
  noNullPrototype: true,
});
const json = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 5 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    text,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).node;
const draft = fc.dictionary(fc.constantFrom('a.json', 'b/c.json', 'menus/m.json'), json, {
  minKeys: 1,
  noNullPrototype: true,
});

describe('properties', () => {
  it('collect → write back every language is the identity', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const out: Record<string, unknown> = { ...d };
        for (const e of collectTexts(d)) {
          for (const [lang, value] of Object.entries(e.text)) {
            out[e.file] = writeText(out[e.file], e.pointer, lang as 'en', value!);
          }
        }
        expect(out).toStrictEqual(d);
      }),
    );
  });

  it('a written text is found again at its pointer with the new value', () => {
    fc.assert(
      fc.property(
        draft,
        fc.nat(),
        fc.constantFrom(...LANGUAGES),
        fc.string({ minLength: 1, maxLength: 8 }),
        (d, n, lang, v) => {
          const entries = collectTexts(d);
          fc.pre(entries.length > 0);
          const e = entries[n % entries.length]!;
          const after = { ...d, [e.file]: writeText(d[e.file], e.pointer, lang, v) };
          const again = collectTexts(after).find((x) => x.file === e.file && x.pointer === e.pointer);
          expect(again?.text[lang]).toBe(v);
          expect(collectTexts(after)).toHaveLength(entries.length);
        },
      ),
    );
  });

  it('pointers round-trip', () => {
    fc.assert(
      fc.property(fc.array(key), (tokens) => {
        expect(parsePointer(toPointer(tokens))).toEqual(tokens);
      }),
    );
  });
});
