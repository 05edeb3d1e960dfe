import type { ErrorDetail } from '../errors.ts';
import { isTimeZone, windowEnd } from './zoned-time.ts';

/**
 * A user's notification preferences, and the one pure decision they drive: for a notification
 * of some category and priority, which channels it goes to and from when.
 */

export const CHANNELS = ['in_app', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIGESTS = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGESTS)[number];
export type Priority = 0 | 1 | 2 | 3;
/** Priority 3 reaches the user whatever their mutes, minimum priority and do-not-disturb window. */
export const URGENT: Priority = 3;

export interface Preferences {
  /** Category, category prefix (`projects` for `projects.*`) or `*` → channels; the most specific wins. */
  channels: Record<string, Channel[]>;
  /** Categories (or prefixes) that notify nothing, on no channel. */
  mutedCategories: string[];
  /** Notifications below this priority notify nothing. */
  minPriority: Priority;
  /** Local "HH:MM" window during which notifications wait (start > end crosses midnight). */
  dnd: { start: string; end: string } | null;
  /** IANA name; null follows the profile's time zone. */
  timeZone: string | null;
  /** Notifications e-mailed in one summary at `hour` (local), on `weekday` (1 = Monday) when weekly. */
  digest: { frequency: DigestFrequency; hour: number; weekday: number };
}

export const DEFAULT_CHANNELS: Channel[] = ['in_app'];

export const DEFAULT_PREFERENCES: Preferences = Object.freeze({
  channels: { '*': DEFAULT_CHANNELS },
  mutedCategories: [],
  minPriority: 0,
  dnd: null,
  timeZone: null,
  digest: { frequency: 'off', hour: 8, weekday: 1 },
}) as Preferences;

export interface PreferenceRow {
  channels: Record<string, Channel[]> | null;
  muted_categories: string[] | null;
  min_priority: number | null;
  dnd_start: string | null;
  dnd_end: string | null;
  time_zone: string | null;
  digest: string | null;
  digest_hour: number | null;
  digest_weekday: number | null;
}

/** A row of sys_notification_preferences (or a missing one: all null) as preferences. */
export function fromRow(r: Partial<PreferenceRow> | undefined): Preferences {
  if (!r || r.min_priority === null || r.min_priority === undefined) return DEFAULT_PREFERENCES;
  return {
    channels: r.channels && Object.keys(r.channels).length ? r.channels : DEFAULT_PREFERENCES.channels,
    mutedCategories: r.muted_categories ?? [],
    minPriority: r.min_priority as Priority,
    dnd: r.dnd_start && r.dnd_end ? { start: r.dnd_start, end: r.dnd_end } : null,
    timeZone: r.time_zone ?? null,
    digest: {
      frequency: (r.digest ?? 'off') as DigestFrequency,
      hour: r.digest_hour ?? 8,
      weekday: r.digest_weekday ?? 1,
    },
  };
}

export function toRow(p: Preferences): PreferenceRow {
  return {
    channels: p.channels,
    muted_categories: p.mutedCategories,
    min_priority: p.minPriority,
    dnd_start: p.dnd?.start ?? null,
    dnd_end: p.dnd?.end ?? null,
    time_zone: p.timeZone,
    digest: p.digest.frequency,
    digest_hour: p.digest.hour,
    digest_weekday: p.digest.weekday,
  };
}

/** `projects` covers `projects` and `projects.task_assigned`; `*` covers everything. */
function covers(pattern: string, category: string): boolean {
  return pattern === '*' || pattern === category || category.startsWith(`${pattern}.`);
}

/** The channels for `category`: the entry with the longest matching key. */
export function channelsFor(p: Preferences, category: string): Channel[] {
  let best: string | undefined;
  for (const key of Object.keys(p.channels)) {
    if (!covers(key, category)) continue;
    if (best === undefined || best === '*' || (key !== '*' && key.length > best.length)) best = key;
  }
  return best === undefined ? DEFAULT_CHANNELS : p.channels[best]!;
}

/**
 * The time zone preferences are read in: their own, else the profile's; UTC when that one is not
 * a zone Intl knows (an administrator may have typed it), so a notification is never refused.
 */
export function zoneOf(p: Preferences, profileTimeZone: string): string {
  const tz = p.timeZone ?? profileTimeZone;
  return isTimeZone(tz) ? tz : 'UTC';
}

/** What one recipient gets: `digest` stands for an e-mail that waits for the digest. */
export interface Routing {
  channels: ('in_app' | 'email' | 'digest')[];
  deliverAfter: Date;
}

/**
 * Routes a notification by the recipient's preferences, or drops it (undefined).
 * Urgent notifications ignore mutes, the minimum priority and do-not-disturb, are always shown
 * in the app, and are e-mailed at once (never held for a digest) when e-mail is chosen.
 */
export function route(
  p: Preferences,
  profileTimeZone: string,
  n: { category: string; priority: Priority },
  now: Date,
): Routing | undefined {
  const urgent = n.priority >= URGENT;
  if (!urgent && (n.priority < p.minPriority || p.mutedCategories.some((m) => covers(m, n.category)))) {
    return undefined;
  }
  const wanted = channelsFor(p, n.category);
  const channels: Routing['channels'] = [];
  if (urgent || wanted.includes('in_app')) channels.push('in_app');
  if (wanted.includes('email')) channels.push(p.digest.frequency !== 'off' && !urgent ? 'digest' : 'email');
  if (!channels.length) return undefined;
  const ends = !urgent && p.dnd ? windowEnd(now, zoneOf(p, profileTimeZone), p.dnd.start, p.dnd.end) : undefined;
  return { channels, deliverAfter: ends ?? now };
}

const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const CATEGORY = '^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*$';
const category = { type: 'string', pattern: CATEGORY, maxLength: 64 };
const channelList = { type: 'array', items: { enum: [...CHANNELS] }, uniqueItems: true, maxItems: CHANNELS.length };

/** The body of PUT /api/v1/notifications/preferences: what is left out takes its default. */
export const PREFERENCES_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: {
      type: 'object',
      maxProperties: 200,
      propertyNames: { anyOf: [{ const: '*' }, category] },
      additionalProperties: channelList,
    },
    mutedCategories: { type: 'array', items: category, uniqueItems: true, maxItems: 200 },
    minPriority: { type: 'integer', minimum: 0, maximum: 3 },
    dnd: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['start', 'end'],
      properties: { start: { type: 'string', pattern: HHMM }, end: { type: 'string', pattern: HHMM } },
    },
    timeZone: { type: ['string', 'null'], maxLength: 64 },
    digest: {
      type: 'object',
      additionalProperties: false,
      required: ['frequency'],
      properties: {
        frequency: { enum: [...DIGESTS] },
        hour: { type: 'integer', minimum: 0, maximum: 23 },
        weekday: { type: 'integer', minimum: 1, maximum: 7 },
      },
    },
  },
};

export type PreferencesBody = Partial<
  Omit<Preferences, 'digest'> & { digest: Partial<Preferences['digest']> & { frequency: DigestFrequency } }
>;

/** What JSON Schema cannot say about a checked body: a real time zone, a window that is one. */
export function preferenceProblems(b: PreferencesBody): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (b.timeZone && !isTimeZone(b.timeZone)) {
    out.push({ path: 'timeZone', code: 'unknown_time_zone', message: `"${b.timeZone}" is not an IANA time zone` });
  }
  if (b.dnd && b.dnd.start === b.dnd.end) {
    out.push({
      path: 'dnd.end',
      code: 'empty_window',
      message: 'Do-not-disturb must end at another time than it starts',
    });
  }
  return out;
}

/** The preferences a PUT body sets: what it leaves out takes its default. */
export function fromBody(b: PreferencesBody): Preferences {
  const d = DEFAULT_PREFERENCES;
  return {
    channels: b.channels && Object.keys(b.channels).length ? b.channels : d.channels,
    mutedCategories: b.mutedCategories ?? d.mutedCategories,
    minPriority: (b.minPriority ?? d.minPriority) as Priority,
    dnd: b.dnd ?? null,
    timeZone: b.timeZone ?? null,
    digest: { ...d.digest, ...b.digest },
  };
}
