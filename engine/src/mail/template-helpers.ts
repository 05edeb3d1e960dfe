import type { Language } from '@opsflux/definitions';
import type Handlebars from 'handlebars';

/** What every mail template renders with, besides its variables (`options.data`). */
export interface MailRenderData {
  lang: Language;
  /** IANA time zone of the reader; dates say which zone they are in. */
  timeZone: string;
}

export const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', pt: 'pt-PT' };

/** Strict mode does not reach helper arguments: a missing variable is caught here instead. */
function given(value: unknown, what: 'date' | 'number'): void {
  if (value === undefined || value === null) throw new Error(`a ${what} variable is missing`);
}

/**
 * `{{date at}}`: "12 March 2026 at 14:30 UTC", in the mail's language and time zone;
 * `{{date at "day"}}`: "12 March 2026".
 */
export function dateHelper(value: unknown, ...rest: unknown[]): string {
  const options = rest.pop() as Handlebars.HelperOptions;
  const { lang, timeZone } = options.data as MailRenderData;
  given(value, 'date');
  const d = value instanceof Date ? value : new Date(value as string | number);
  if (Number.isNaN(d.getTime())) throw new Error(`"${String(value)}" is not a date`);
  const format = rest[0] ?? 'time';
  if (format !== 'time' && format !== 'day')
    throw new Error(`{{date}} takes "day" or nothing, not "${String(format)}"`);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(format === 'time' && { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
    timeZone,
  }).format(d);
}

/** `{{number qty}}`: "12 345,5" in French; `{{number amount 2}}`: always two decimals. */
export function numberHelper(value: unknown, ...rest: unknown[]): string {
  const options = rest.pop() as Handlebars.HelperOptions;
  const { lang } = options.data as MailRenderData;
  given(value, 'number');
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`"${String(value)}" is not a number`);
  const digits = rest[0];
  if (digits !== undefined && !(Number.isInteger(digits) && (digits as number) >= 0 && (digits as number) <= 6)) {
    throw new Error('{{number}} takes a number of decimals between 0 and 6');
  }
  return new Intl.NumberFormat(LOCALES[lang], {
    ...(digits === undefined
      ? { maximumFractionDigits: 2 }
      : { minimumFractionDigits: digits as number, maximumFractionDigits: digits as number }),
  }).format(n);
}
