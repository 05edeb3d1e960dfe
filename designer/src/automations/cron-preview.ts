import { Cron } from 'croner';

export type NextRuns = { ok: true; runs: Date[] } | { ok: false; error: string };

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The next `count` times the schedule fires after `from`, read as the engine does (croner). */
export function nextRuns(cron: string, timezone: string | undefined, count: number, from: Date): NextRuns {
  const tz = timezone || 'UTC';
  if (!isTimeZone(tz)) return { ok: false, error: `Unknown time zone "${tz}"` };
  try {
    const job = new Cron(cron.trim(), { timezone: tz, paused: true });
    return { ok: true, runs: job.nextRuns(count, from) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** A run as a reader says it, in the schedule's time zone: "Monday 2 March 2026 at 08:00". */
export function formatRun(at: Date, timezone: string | undefined, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: timezone || 'UTC',
  }).format(at);
}

/** Time zones to offer: the runtime's list, UTC first. */
export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}
