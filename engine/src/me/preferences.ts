import { LANGUAGES, NAME_PATTERN, QUALIFIED_NAME_PATTERN, type Language } from '@opsflux/definitions';
import { invalid } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';

/** How one list looks to a user: which columns in which order, their widths, page size, order. */
export interface ViewPreferences {
  columns?: string[];
  widths?: Record<string, number>;
  pageSize?: number;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
}

/** A user's choices in the apps. Every key is known: an unknown one is refused, not stored. */
export interface Preferences {
  sidebarCollapsed: boolean;
  theme: 'light' | 'dark' | 'system';
  density: 'comfortable' | 'compact';
  /** The language of the apps, kept as the profile's locale so e-mails follow it too. */
  language: Language;
  /** By view key (`bundle.view`). */
  views: Record<string, ViewPreferences>;
}

export const MAX_PREFERENCES_BYTES = 32 * 1024;

const field = { type: 'string', pattern: NAME_PATTERN, maxLength: 64 };
export const SORT_SCHEMA = {
  type: 'array',
  maxItems: 5,
  items: objectSchema({ field, direction: { enum: ['asc', 'desc'] } }, ['field', 'direction']),
};

export const PREFERENCES_SCHEMA = objectSchema({
  sidebarCollapsed: { type: 'boolean' },
  theme: { enum: ['light', 'dark', 'system'] },
  density: { enum: ['comfortable', 'compact'] },
  language: { enum: [...LANGUAGES] },
  views: {
    type: 'object',
    maxProperties: 200,
    propertyNames: { pattern: QUALIFIED_NAME_PATTERN, maxLength: 64 },
    additionalProperties: objectSchema({
      columns: { type: 'array', items: field, maxItems: 100, uniqueItems: true },
      widths: {
        type: 'object',
        maxProperties: 100,
        propertyNames: { pattern: NAME_PATTERN, maxLength: 64 },
        additionalProperties: { type: 'integer', minimum: 40, maximum: 2000 },
      },
      pageSize: { type: 'integer', minimum: 1, maximum: 500 },
      sort: SORT_SCHEMA,
    }),
  },
});

export const DEFAULT_PREFERENCES: Omit<Preferences, 'language'> = {
  sidebarCollapsed: false,
  theme: 'system',
  density: 'comfortable',
  views: {},
};

/** A preferences body, checked: a 422 naming each wrong or unknown key, or a body too large. */
export function checkPreferences(body: unknown): Partial<Preferences> {
  const prefs = checkBody<Partial<Preferences>>(body, PREFERENCES_SCHEMA);
  const size = Buffer.byteLength(JSON.stringify(prefs));
  if (size > MAX_PREFERENCES_BYTES) {
    throw invalid(
      [
        {
          path: '(body)',
          code: 'too_large',
          message: `Preferences take at most ${MAX_PREFERENCES_BYTES / 1024} KB (this is ${Math.ceil(size / 1024)} KB)`,
        },
      ],
      'The preferences are too large',
    );
  }
  return prefs;
}

/** What is stored (the language lives in the profile), over the defaults. */
export function withDefaults(stored: Partial<Preferences> | undefined, language: Language): Preferences {
  return { ...DEFAULT_PREFERENCES, ...stored, language };
}
