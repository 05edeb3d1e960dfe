import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Date-times shown and typed in the user's time zone (their profile's, else the browser's),
 * stored as the engine expects: an ISO instant in UTC (`2026-05-10T06:30:00.000Z`). Calendar
 * days (`date` fields) have no zone and are left as written.
 */

/** The browser's own zone: the fallback when the profile names none (or one Intl does not know). */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function userZone(zone: string | null | undefined): string {
  if (!zone) return browserZone();
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return browserZone();
  }
}

/** A stored instant, as the picker shows it: in `zone`. Null for empty or unreadable values. */
export function toPickerValue(stored: unknown, zone: string): Dayjs | null {
  if (typeof stored !== 'string' || !stored) return null;
  const d = dayjs.utc(stored);
  return d.isValid() ? d.tz(zone) : null;
}

/** What the picker holds, as the engine stores it; `invalid` while the user is mid-typing. */
export function toStored(value: Dayjs | null): string | null | 'invalid' {
  if (!value) return null;
  return value.isValid() ? value.utc().toISOString() : 'invalid';
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm`) of an instant in `zone`. */
export function wallClock(stored: string, zone: string): string {
  return dayjs.utc(stored).tz(zone).format('YYYY-MM-DDTHH:mm');
}

/** The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) in `zone` names, as the engine stores it. */
export function fromWallClock(local: string, zone: string): string {
  return dayjs.tz(local, zone).utc().toISOString();
}

/** `UTC+02:00` for a zone at a given moment (daylight saving included), for the field's hint. */
export function offsetLabel(zone: string, at: Date = new Date()): string {
  const minutes = dayjs(at).tz(zone).utcOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A calendar day as the picker holds it (no zone: the day as written); null when empty or unreadable. */
export function toDayValue(stored: unknown): Dayjs | null {
  if (typeof stored !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(stored)) return null;
  const d = dayjs(stored, 'YYYY-MM-DD');
  return d.isValid() ? d : null;
}

/** What a day picker holds, as the engine stores it (`2026-05-10`); `invalid` while mid-typing. */
export function toStoredDay(value: Dayjs | null): string | null | 'invalid' {
  if (!value) return null;
  return value.isValid() ? value.format('YYYY-MM-DD') : 'invalid';
}
