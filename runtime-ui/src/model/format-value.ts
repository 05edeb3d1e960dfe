import type { FieldModel } from './entity-model.ts';

/** Formats the app shows values with, in the user's language and time zone. */
export interface Formats {
  lang: string;
  timeZone?: string;
  yes: string;
  no: string;
}

const dateOnly = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A stored value as a person reads it: dates and numbers in their locale, enum labels, yes/no. */
export function formatValue(
  field: Pick<FieldModel, 'type' | 'values'> | undefined,
  value: unknown,
  f: Formats,
): string {
  if (value === null || value === undefined || value === '') return '';
  const type = field?.type;
  if (type === 'enum' || type === 'state') {
    return field?.values?.find((v) => v.value === value)?.label ?? String(value);
  }
  if (typeof value === 'boolean') return value ? f.yes : f.no;
  if (type === 'date' || (typeof value === 'string' && dateOnly(value))) {
    const [y, m, d] = String(value).slice(0, 10).split('-').map(Number);
    // A calendar day: shown as written, whatever the time zone.
    return new Intl.DateTimeFormat(f.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y!, m! - 1, d!)),
    );
  }
  if (type === 'datetime' && typeof value === 'string') {
    const d = new Date(value);
    return Number.isNaN(d.getTime())
      ? value
      : new Intl.DateTimeFormat(f.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: f.timeZone }).format(d);
  }
  if ((type === 'decimal' || type === 'integer') && (typeof value === 'number' || typeof value === 'string')) {
    const n = Number(value);
    return Number.isNaN(n) ? String(value) : new Intl.NumberFormat(f.lang, { maximumFractionDigits: 6 }).format(n);
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(undefined, v, f)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A geopoint, as the engine stores it.
    if (typeof o.latitude === 'number' && typeof o.longitude === 'number') {
      const n = new Intl.NumberFormat(f.lang, { maximumFractionDigits: 6 });
      return `${n.format(o.latitude)} / ${n.format(o.longitude)}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}
