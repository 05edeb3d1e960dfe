/**
 * Decimal numbers as people write them in their language: `1 234,5` in French, `1.234,5` in
 * Spanish and Portuguese, `1,234.5` in English, and back. Pure, so the round trip is tested.
 */

export interface NumberSymbols {
  decimal: string;
  group: string;
}

const cache = new Map<string, NumberSymbols>();

/** The decimal and grouping characters of a language, as Intl writes them. */
export function numberSymbols(lang: string): NumberSymbols {
  let found = cache.get(lang);
  if (!found) {
    const parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    cache.set(lang, found);
  }
  return found;
}

/** A number in the user's language; `scale` digits at most after the separator (the field's). */
export function formatDecimal(value: number, lang: string, opts: { scale?: number; grouping?: boolean } = {}): string {
  return new Intl.NumberFormat(lang, {
    maximumFractionDigits: opts.scale ?? 20,
    useGrouping: opts.grouping ?? true,
  })
    .format(value)
    .replace(/\u2212/g, '-');
}

export type ParsedDecimal =
  { ok: true; value: number | null } | { ok: false; code: 'not_a_number' | 'too_many_decimals' };

const SPACES = /[\s\u00a0\u202f]/g;

/** Whether `digits` (no sign) groups thousands with `sep`: 1 to 3 digits, then groups of 3. */
const groupedWith = (digits: string, sep: string) =>
  new RegExp(`^\\d{1,3}(${sep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d{3})+$`).test(digits);

/**
 * What the user typed, as a number. The language's own separators are read as written; the
 * other one (`.` in French, `,` in English) is read as grouping only where it groups thousands
 * (`1.500` in Portuguese), else as the decimal separator (`1.5`), so pasted figures still work.
 * Spaces, including the narrow no-break space French groups with, are ignored. Empty is null.
 */
export function parseDecimal(text: string, lang: string, scale?: number): ParsedDecimal {
  const { decimal } = numberSymbols(lang);
  let s = text.replace(SPACES, '').replace(/\u2212/g, '-');
  if (s === '') return { ok: true, value: null };
  const sign = s.startsWith('-') ? '-' : '';
  s = s.replace(/^[-+]/, '');
  const other = decimal === ',' ? '.' : ',';
  let intPart: string;
  let fraction = '';
  if (s.includes(decimal)) {
    const at = s.lastIndexOf(decimal);
    intPart = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (intPart.includes(other)) {
      if (!groupedWith(intPart, other)) return { ok: false, code: 'not_a_number' };
      intPart = intPart.split(other).join('');
    }
    if (intPart.includes(decimal)) return { ok: false, code: 'not_a_number' };
  } else if (groupedWith(s, other)) {
    intPart = s.split(other).join('');
  } else if (s.split(other).length === 2) {
    [intPart, fraction] = s.split(other) as [string, string];
  } else {
    intPart = s;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fraction) || (intPart === '' && fraction === '')) {
    return { ok: false, code: 'not_a_number' };
  }
  if (scale !== undefined && fraction.length > scale) return { ok: false, code: 'too_many_decimals' };
  const value = Number(`${sign}${intPart || '0'}.${fraction || '0'}`);
  return Number.isFinite(value)
    ? { ok: true, value: Object.is(value, -0) ? 0 : value }
    : { ok: false, code: 'not_a_number' };
}
