/**
 * Wall-clock time in a user's IANA time zone, with nothing but Intl: what time it is there, which
 * instant a local "06:00" is, when a do-not-disturb window ends, when a digest hour comes next.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

let zones: Set<string> | undefined;

/** Whether `tz` names a time zone, by the rule the profile uses (Intl's list, and UTC). */
export function isTimeZone(tz: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones.has(tz);
}

/** `"22:00"` → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;

export function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year, month, day, hour, minute, second } = parts as Record<string, number>;
  return {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second!,
    weekday: isoWeekday(year!, month!, day!),
  };
}

/** Local time minus UTC at `t`, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(new Date(t), timeZone);
  const whole = t - (((t % 1000) + 1000) % 1000);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant at which clocks in `timeZone` read this date and time. A time that a DST change
 * skips resolves to the instant an hour later; a time it repeats, to the first of the two.
 */
export function zonedInstant(timeZone: string, y: number, month: number, d: number, h: number, mi: number): Date {
  const guess = Date.UTC(y, month - 1, d, h, mi);
  // The offsets a day before and after bracket any change on that day.
  const candidates = [...new Set([guess - offsetAt(guess - DAY, timeZone), guess - offsetAt(guess + DAY, timeZone)])];
  const reads = candidates.filter((t) => {
    const w = wallClock(new Date(t), timeZone);
    return w.day === d && w.hour === h && w.minute === mi;
  });
  return new Date(reads.length ? Math.min(...reads) : Math.max(...candidates));
}

const DAY = 86_400_000;

/** The calendar date `days` after the given one. */
function addDays(y: number, month: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, month - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/**
 * When a do-not-disturb window (`start`–`end`, local "HH:MM", crossing midnight when start > end)
 * that `now` falls in ends; undefined when `now` is outside it.
 */
export function windowEnd(now: Date, timeZone: string, start: string, end: string): Date | undefined {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return undefined;
  const w = wallClock(now, timeZone);
  const m = w.hour * 60 + w.minute;
  const inside = s < e ? m >= s && m < e : m >= s || m < e;
  if (!inside) return undefined;
  const [y, mo, d] = s > e && m >= s ? addDays(w.year, w.month, w.day, 1) : [w.year, w.month, w.day];
  return zonedInstant(timeZone, y, mo, d, Math.floor(e / 60), e % 60);
}

/**
 * The first instant after `after` at which clocks in `timeZone` read `hour`:00, on ISO weekday
 * `weekday` when given (a weekly digest), on any day otherwise.
 */
export function nextLocalHour(after: Date, timeZone: string, hour: number, weekday?: number): Date {
  const w = wallClock(after, timeZone);
  for (let i = 0; i <= 8; i++) {
    const [y, mo, d] = addDays(w.year, w.month, w.day, i);
    if (weekday !== undefined && isoWeekday(y, mo, d) !== weekday) continue;
    const at = zonedInstant(timeZone, y, mo, d, hour, 0);
    if (at > after) return at;
  }
  throw new Error(`No ${hour}:00 in ${timeZone} within 8 days of ${after.toISOString()}`);
}
