/**
 * Notification preferences as the engine keeps them (`/api/v1/notifications/preferences`,
 * docs/notifications.md) and as the page edits them: one row per category with its channels,
 * do-not-disturb as an on/off and two times. Pure, so the round trip is tested.
 */

export type Channel = 'in_app' | 'email';
export const CHANNELS: Channel[] = ['in_app', 'email'];

export interface NotificationPreferences {
  channels: Record<string, Channel[]>;
  mutedCategories: string[];
  minPriority: number;
  dnd: { start: string; end: string } | null;
  timeZone: string | null;
  digest: { frequency: 'off' | 'daily' | 'weekly'; hour: number; weekday: number };
}

export interface CategoryRow {
  /** `*` for every category no other row covers. */
  category: string;
  channels: Channel[];
}

export interface PreferencesForm {
  rows: CategoryRow[];
  muted: string[];
  minPriority: number;
  dndOn: boolean;
  dndStart: string;
  dndEnd: string;
  /** Empty: the profile's time zone. */
  timeZone: string;
  digest: NotificationPreferences['digest'];
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: { '*': ['in_app'] },
  mutedCategories: [],
  minPriority: 0,
  dnd: null,
  timeZone: null,
  digest: { frequency: 'off', hour: 8, weekday: 1 },
};

/** The page's form from what the engine answered; `*` first, then categories in order. */
export function toForm(p: NotificationPreferences): PreferencesForm {
  const channels = { '*': DEFAULT_PREFERENCES.channels['*']!, ...p.channels };
  const rows = Object.entries(channels)
    .map(([category, list]) => ({ category, channels: CHANNELS.filter((c) => list.includes(c)) }))
    .sort((a, b) => (a.category === '*' ? -1 : b.category === '*' ? 1 : a.category.localeCompare(b.category)));
  return {
    rows,
    muted: [...p.mutedCategories],
    minPriority: p.minPriority,
    dndOn: !!p.dnd,
    dndStart: p.dnd?.start ?? '22:00',
    dndEnd: p.dnd?.end ?? '07:00',
    timeZone: p.timeZone ?? '',
    digest: { ...DEFAULT_PREFERENCES.digest, ...p.digest },
  };
}

/** The body `PUT` takes, from the form. */
export function toPreferences(f: PreferencesForm): NotificationPreferences {
  return {
    channels: Object.fromEntries(f.rows.map((r) => [r.category, CHANNELS.filter((c) => r.channels.includes(c))])),
    mutedCategories: [...new Set(f.muted.map((m) => m.trim()).filter(Boolean))],
    minPriority: f.minPriority,
    dnd: f.dndOn ? { start: f.dndStart, end: f.dndEnd } : null,
    timeZone: f.timeZone || null,
    digest: f.digest,
  };
}

export type FormProblem = {
  field: string;
  code: 'category_invalid' | 'category_duplicate' | 'empty_window' | 'time_invalid';
};

const CATEGORY = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the page checks before saving (the engine checks again and has the last word). */
export function checkForm(f: PreferencesForm): FormProblem[] {
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  f.rows.forEach((r, i) => {
    if (r.category !== '*' && !CATEGORY.test(r.category))
      problems.push({ field: `rows.${i}`, code: 'category_invalid' });
    else if (seen.has(r.category)) problems.push({ field: `rows.${i}`, code: 'category_duplicate' });
    seen.add(r.category);
  });
  f.muted.forEach((m, i) => {
    if (!CATEGORY.test(m.trim())) problems.push({ field: `muted.${i}`, code: 'category_invalid' });
  });
  if (f.dndOn) {
    if (!TIME.test(f.dndStart)) problems.push({ field: 'dndStart', code: 'time_invalid' });
    if (!TIME.test(f.dndEnd)) problems.push({ field: 'dndEnd', code: 'time_invalid' });
    else if (f.dndStart === f.dndEnd) problems.push({ field: 'dndEnd', code: 'empty_window' });
  }
  return problems;
}

/** The page's field an engine error path names (`dnd.start` → `dndStart`, `channels.x` → its row). */
export function formFieldOf(path: string, f: PreferencesForm): string {
  if (path === 'dnd.start') return 'dndStart';
  if (path === 'dnd.end' || path === 'dnd') return 'dndEnd';
  if (path.startsWith('channels.')) {
    const category = path.slice('channels.'.length).replace(/\.\d+$/, '');
    const i = f.rows.findIndex((r) => r.category === category);
    return i >= 0 ? `rows.${i}` : 'rows';
  }
  if (path.startsWith('mutedCategories')) return path.replace('mutedCategories', 'muted');
  if (path.startsWith('digest')) return 'digest';
  return path;
}
