import { describe, expect, it } from 'vitest';
import { checkIban, COUNTRIES, ibanCountry, isIban, maskIban, normalizeIban, printIban } from './iban.ts';
import plugin from './index.ts';

// Published examples of valid IBANs (the SWIFT registry's and banks' own).
const VALID = [
  'GB82 WEST 1234 5698 7654 32',
  'DE89 3704 0044 0532 0130 00',
  'FR14 2004 1010 0505 0001 3M02 606',
  'FR76 3000 6000 0112 3456 7890 189',
  'NL91 ABNA 0417 1643 00',
  'BE68 5390 0754 7034',
];

describe('IBAN functions', () => {
  it('accepts valid IBANs however they are typed', () => {
    for (const v of VALID) {
      expect(checkIban(normalizeIban(v)), v).toBe(true);
      expect(isIban(v.toLowerCase()), v).toBe(true);
      expect(isIban(`IBAN: ${v.replaceAll(' ', '-')}`), v).toBe(true);
    }
  });

  it('says what is wrong with an invalid one', () => {
    expect(checkIban('FR7630006000011234567890188')).toMatch(/check digits do not match/);
    // Two characters swapped.
    expect(checkIban('FR7630006000011234567890198')).toMatch(/check digits do not match/);
    expect(checkIban('FR763000600001123456789018')).toBe('an IBAN of FR has 27 characters, this one 26');
    expect(checkIban('ZZ7630006000011234567890189')).toBe('"ZZ" is not a country that uses IBANs');
    expect(checkIban('76FR')).toMatch(/two letters, two check digits/);
    expect(checkIban('')).toMatch(/two letters, two check digits/);
  });

  it('finds no IBAN in what is not a text', () => {
    for (const v of [null, undefined, 42, {}, ['FR7630006000011234567890189']]) {
      expect(isIban(v)).toBe(false);
      expect(ibanCountry(v)).toBeNull();
    }
  });

  it('prints and masks in groups of four', () => {
    const iban = 'FR7630006000011234567890189';
    expect(printIban(iban)).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(maskIban(iban)).toBe('FR76 **** **** **** **** ***0 189');
    expect(maskIban('BE68539007547034')).toBe('BE68 **** **** 7034');
  });

  it('knows each country once, with a plausible length', () => {
    const codes = COUNTRIES.map((c) => c.country);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of COUNTRIES) expect(c.length, c.country).toBeGreaterThanOrEqual(15);
    for (const c of COUNTRIES) expect(c.length, c.country).toBeLessThanOrEqual(34);
    expect(COUNTRIES.find((c) => c.country === 'CM')).toEqual({ country: 'CM', length: 27, source: 'national' });
  });
});

describe('the plugin', () => {
  it('gives its rule operations plain values for any argument', () => {
    const { valid, country } = plugin.ruleOperations;
    expect(valid('fr76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(valid('FR76')).toBe(false);
    expect(valid(null)).toBe(false);
    expect(country('DE89 3704 0044 0532 0130 00')).toBe('DE');
    expect(country('DE89 3704 0044 0532 0130 01')).toBeNull();
  });

  it('normalizes before it validates in its field type', () => {
    const { normalize, validate } = plugin.fieldTypes.iban;
    expect(validate(normalize(' gb82 west 1234 5698 7654 32 '))).toBe(true);
    expect(validate('gb82 west 1234 5698 7654 32')).not.toBe(true);
  });
});
