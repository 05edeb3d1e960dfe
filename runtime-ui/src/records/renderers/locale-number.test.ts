import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, numberSymbols, parseDecimal } from './locale-number.ts';

const LANGS = ['en', 'fr', 'es', 'pt'] as const;

describe('numbers in the user’s language', () => {
  it('writes with a comma in French, Spanish and Portuguese, a point in English', () => {
    expect(LANGS.map((l) => numberSymbols(l).decimal)).toEqual(['.', ',', ',', ',']);
    expect(formatDecimal(1234.5, 'fr').replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatDecimal(1234.5, 'pt')).toBe('1.234,5');
    expect(formatDecimal(-1234.5, 'en')).toBe('-1,234.5');
    expect(formatDecimal(2.5, 'es', { scale: 2 })).toBe('2,5');
  });

  it('reads what people type, and refuses what is not a number', () => {
    expect(parseDecimal('1 234,56', 'fr')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('1.234,56', 'pt')).toEqual({ ok: true, value: 1234.56 });
    expect(parseDecimal('1.500', 'es')).toEqual({ ok: true, value: 1500 });
    expect(parseDecimal('1.5', 'fr')).toEqual({ ok: true, value: 1.5 });
    expect(parseDecimal('1,234', 'en')).toEqual({ ok: true, value: 1234 });
    expect(parseDecimal('1,5', 'en')).toEqual({ ok: true, value: 1.5 });
    expect(parseDecimal('-0,25', 'fr')).toEqual({ ok: true, value: -0.25 });
    expect(parseDecimal(',5', 'pt')).toEqual({ ok: true, value: 0.5 });
    expect(parseDecimal('  ', 'en')).toEqual({ ok: true, value: null });
    for (const bad of ['abc', '1,2,3', '1.2.3,4,5', '1e5', '-', ',', '12,3.4', '1..2'])
      expect(parseDecimal(bad, 'pt'), bad).toMatchObject({ ok: false });
    expect(parseDecimal('1,234', 'fr', 2)).toEqual({ ok: false, code: 'too_many_decimals' });
  });

  it('reads back exactly what it wrote, in every language, grouped or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...LANGS),
        fc.boolean(),
        (units, scale, lang, grouping) => {
          const value = units / 10 ** scale;
          const text = formatDecimal(value, lang, { scale, grouping });
          expect(parseDecimal(text, lang, scale)).toEqual({ ok: true, value: Object.is(value, -0) ? 0 : value });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...LANGS), (text, lang) => {
        const r = parseDecimal(text, lang);
        if (r.ok && r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
      }),
    );
  });
});
