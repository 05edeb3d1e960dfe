/*
 * IBANs (ISO 13616): the stored form, the check, the printed and masked forms. Pure functions,
 * no I/O: they back the plugin's field type, rule operations, action and route alike.
 */

/** IBAN length by country: the SWIFT IBAN registry. */
// prettier-ignore
const REGISTRY: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * Countries whose banks issue IBANs that the SWIFT registry does not list (yet): the CEMAC and
 * UEMOA zones of West and Central Africa among them.
 */
// prettier-ignore
const NATIONAL: Record<string, number> = {
  AO: 25, BF: 28, BJ: 28, CF: 27, CG: 27, CI: 28, CM: 27, CV: 25, DZ: 26, GA: 27, GQ: 27, KM: 27,
  MA: 28, MG: 27, ML: 28, MZ: 25, NE: 28, SN: 28, TD: 27, TG: 28,
};

export interface IbanCountry {
  country: string;
  length: number;
  /** `swift`: in the SWIFT registry; `national`: issued by the country's banks, not registered. */
  source: 'swift' | 'national';
}

export const COUNTRIES: IbanCountry[] = [
  ...Object.entries(REGISTRY).map(([country, length]) => ({ country, length, source: 'swift' as const })),
  ...Object.entries(NATIONAL).map(([country, length]) => ({ country, length, source: 'national' as const })),
].sort((a, b) => a.country.localeCompare(b.country));

const LENGTHS = new Map(COUNTRIES.map((c) => [c.country, c.length]));

/** The stored (electronic) form: no spaces or dashes, upper case, without a leading "IBAN". */
export function normalizeIban(value: string): string {
  return value
    .trim()
    .replace(/^iban:?/i, '')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/** The remainder of the IBAN's number (letters as 10..35, the first four characters moved last) by 97. */
function mod97(iban: string): number {
  let rest = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const n = parseInt(ch, 36);
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return rest;
}

/** `true` for a valid IBAN in stored form, else what is wrong with it. */
export function checkIban(iban: string): true | string {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban))
    return 'an IBAN is two letters, two check digits, then up to 30 letters and digits';
  const country = iban.slice(0, 2);
  const length = LENGTHS.get(country);
  if (length === undefined) return `"${country}" is not a country that uses IBANs`;
  if (iban.length !== length) return `an IBAN of ${country} has ${length} characters, this one ${iban.length}`;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98 || mod97(iban) !== 1)
    return 'the check digits do not match: a character is wrong or two are swapped';
  return true;
}

/** Whether a text (as typed) is a valid IBAN. */
export function isIban(value: unknown): boolean {
  return typeof value === 'string' && checkIban(normalizeIban(value)) === true;
}

/** The country of a valid IBAN (`FR`), else null. */
export function ibanCountry(value: unknown): string | null {
  if (!isIban(value)) return null;
  return normalizeIban(value as string).slice(0, 2);
}

/** The printed form: groups of four (`FR76 3000 6000 0112 3456 7890 189`). */
export function printIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The printed form with only the country, check digits and last four characters shown. */
export function maskIban(iban: string): string {
  const masked = iban.slice(0, 4) + '*'.repeat(Math.max(iban.length - 8, 0)) + iban.slice(-4);
  return printIban(masked);
}
