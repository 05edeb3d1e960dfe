import jsonLogic from 'json-logic-js';

/**
 * Date arithmetic for rules, guards and computed fields, as json-logic operations:
 *
 *   { "date_add": [date, days] }            → the date `days` later (earlier when negative)
 *   { "days_between": [from, to] }          → whole days from `from` to `to` (negative if before)
 *   { "overlaps": [start1, end1, start2, end2] }
 *                                            → whether [start1, end1) and [start2, end2) share
 *                                              a day (a stay leaving the day another arrives
 *                                              does not overlap it)
 *
 * Dates are ISO texts (`2026-12-10` or a date-time, read in UTC). A missing or unreadable date
 * gives null (false for `overlaps`), never an exception, so a rule reads the same on a
 * half-filled record as on a complete one.
 */
const DAY = 86_400_000;

function dayOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.length < 10) return null;
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) return null;
  return Math.floor(t / DAY);
}

const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

export const DATE_OPERATIONS = {
  date_add(date: unknown, days: unknown): string | null {
    const d = dayOf(date);
    if (d === null || typeof days !== 'number' || !Number.isFinite(days)) return null;
    return iso(d + Math.trunc(days));
  },
  days_between(from: unknown, to: unknown): number | null {
    const a = dayOf(from);
    const b = dayOf(to);
    return a === null || b === null ? null : b - a;
  },
  overlaps(start1: unknown, end1: unknown, start2: unknown, end2: unknown): boolean {
    const a1 = dayOf(start1);
    const b1 = dayOf(end1);
    const a2 = dayOf(start2);
    const b2 = dayOf(end2);
    if (a1 === null || b1 === null || a2 === null || b2 === null) return false;
    return a1 < b2 && a2 < b1;
  },
};

for (const [name, fn] of Object.entries(DATE_OPERATIONS)) {
  jsonLogic.add_operation(name, fn as (...args: unknown[]) => unknown);
}
