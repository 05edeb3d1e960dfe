import { badRequest } from '../errors.ts';

/**
 * Placeholders a filter may hold where a value goes, bound per request so one view or saved
 * filter serves everyone: `{"$user": "id"}` (or email, departmentId, companyId, companyIds,
 * groupIds), `{"$today": n}` (the reader's date, n days on, in their time zone) and
 * `{"$now": n}` (this instant, n hours on).
 */
export const FILTER_USER_ATTRIBUTES = ['id', 'email', 'departmentId', 'companyId', 'companyIds', 'groupIds'] as const;
export type FilterUserAttribute = (typeof FILTER_USER_ATTRIBUTES)[number];

export interface PlaceholderValues {
  user: Record<FilterUserAttribute, string | string[] | null>;
  now: Date;
  timeZone: string;
}

const MAX_DAYS = 36_600;
const MAX_HOURS = MAX_DAYS * 24;

function placeholderOf(v: unknown): [string, unknown] | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1 || !['$user', '$today', '$now'].includes(keys[0]!)) return undefined;
  return [keys[0]!, (v as Record<string, unknown>)[keys[0]!]];
}

/** The date `days` after `now` as the reader's calendar shows it (YYYY-MM-DD). */
export function localDate(now: Date, timeZone: string, days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const utc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

function refuse(path: string, message: string): never {
  throw badRequest('filter_invalid', message, [{ path, code: 'invalid_placeholder', message }]);
}

function bindOne(kind: string, arg: unknown, values: PlaceholderValues, path: string): unknown {
  if (kind === '$user') {
    if (typeof arg !== 'string' || !(FILTER_USER_ATTRIBUTES as readonly string[]).includes(arg))
      refuse(path, `{"$user": ...} takes one of ${FILTER_USER_ATTRIBUTES.join(', ')}`);
    return values.user[arg as FilterUserAttribute];
  }
  const limit = kind === '$today' ? MAX_DAYS : MAX_HOURS;
  if (typeof arg !== 'number' || !Number.isInteger(arg) || Math.abs(arg) > limit)
    refuse(path, `{"${kind}": n} takes a whole number from -${limit} to ${limit}`);
  if (kind === '$today') return localDate(values.now, values.timeZone, arg);
  return new Date(values.now.getTime() + arg * 3_600_000).toISOString();
}

/** The filter with every placeholder replaced by its value; a bad placeholder is a 400 naming its place. */
export function bindFilterPlaceholders(doc: unknown, values: PlaceholderValues, path = 'filter'): unknown {
  const placeholder = placeholderOf(doc);
  if (placeholder) return bindOne(placeholder[0], placeholder[1], values, path);
  if (Array.isArray(doc)) return doc.map((d, i) => bindFilterPlaceholders(d, values, `${path}[${i}]`));
  if (typeof doc === 'object' && doc !== null)
    return Object.fromEntries(
      Object.entries(doc).map(([k, v]) => [k, bindFilterPlaceholders(v, values, `${path}.${k}`)]),
    );
  return doc;
}

/** Stand-in values for checking a definition's filter when no one is reading it yet. */
export const SAMPLE_PLACEHOLDER_VALUES: PlaceholderValues = {
  user: {
    id: '00000000-0000-4000-8000-000000000000',
    email: 'someone@example.com',
    departmentId: '00000000-0000-4000-8000-000000000001',
    companyId: '00000000-0000-4000-8000-000000000002',
    companyIds: ['00000000-0000-4000-8000-000000000002'],
    groupIds: ['00000000-0000-4000-8000-000000000003'],
  },
  now: new Date('2026-01-01T00:00:00Z'),
  timeZone: 'UTC',
};
