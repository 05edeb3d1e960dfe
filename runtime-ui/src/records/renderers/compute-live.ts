import jsonLogic from 'json-logic-js';

/**
 * A computed field's value, worked out in the browser from the form's values with the same
 * json-logic expression the engine stores it with, so it follows the user's typing. The date
 * operations the engine adds (`date_add`, `days_between`, `overlaps`) are added here the same way;
 * an expression using an operation only the engine knows (a plugin's, a lookup of other records)
 * answers `unknown`, and the form shows the stored value instead.
 */

const DAY = 86_400_000;

function dayOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.length < 10) return null;
  const t = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
}

const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

const DATE_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  date_add(date, days) {
    const d = dayOf(date);
    if (d === null || typeof days !== 'number' || !Number.isFinite(days)) return null;
    return iso(d + Math.trunc(days));
  },
  days_between(from, to) {
    const a = dayOf(from);
    const b = dayOf(to);
    return a === null || b === null ? null : b - a;
  },
  overlaps(start1, end1, start2, end2) {
    const [a1, b1, a2, b2] = [start1, end1, start2, end2].map(dayOf);
    if (a1 == null || b1 == null || a2 == null || b2 == null) return false;
    return a1 < b2 && a2 < b1;
  },
};
for (const [name, fn] of Object.entries(DATE_OPERATIONS)) jsonLogic.add_operation(name, fn);

export type ComputedResultType = 'string' | 'integer' | 'decimal' | 'boolean' | 'date';

/** The engine's coercion of a computed result to its declared type (`coerceComputed`). */
export function coerce(value: unknown, type: ComputedResultType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return String(value).slice(0, 100_000);
    case 'integer': {
      const n = Math.trunc(typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN);
      return Number.isSafeInteger(n) ? n : null;
    }
    case 'decimal': {
      const n = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return jsonLogic.truthy(value);
    case 'date': {
      const s = String(value);
      return /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s.slice(0, 10))) ? s.slice(0, 10) : null;
    }
  }
}

export type LiveValue = { known: true; value: unknown } | { known: false };

/** The expression applied to the form's values; an expression the browser cannot run is `unknown`. */
export function computeLive(
  expression: unknown,
  resultType: ComputedResultType,
  data: Record<string, unknown>,
): LiveValue {
  try {
    return { known: true, value: coerce(jsonLogic.apply(expression as jsonLogic.RulesLogic, data), resultType) };
  } catch {
    return { known: false };
  }
}
