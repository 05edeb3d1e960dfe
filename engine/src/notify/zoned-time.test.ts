import { describe, expect, it } from 'vitest';
import { isTimeZone, nextLocalHour, wallClock, windowEnd, zonedInstant } from './zoned-time.ts';

const at = (iso: string) => new Date(iso);

describe('zoned time', () => {
  it('reads the wall clock of a time zone', () => {
    expect(wallClock(at('2026-01-15T23:30:00Z'), 'Europe/Paris')).toMatchObject({
      year: 2026,
      month: 1,
      day: 16,
      hour: 0,
      minute: 30,
      weekday: 5,
    });
  });

  it('finds the instant of a local time, on both sides of DST', () => {
    expect(zonedInstant('Europe/Paris', 2026, 1, 16, 6, 0).toISOString()).toBe('2026-01-16T05:00:00.000Z');
    expect(zonedInstant('Europe/Paris', 2026, 7, 16, 6, 0).toISOString()).toBe('2026-07-16T04:00:00.000Z');
    expect(zonedInstant('Asia/Kolkata', 2026, 3, 1, 6, 0).toISOString()).toBe('2026-03-01T00:30:00.000Z');
    // 02:30 does not exist in Paris on 29 March 2026: an hour later.
    expect(zonedInstant('Europe/Paris', 2026, 3, 29, 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first.
    expect(zonedInstant('Europe/Paris', 2026, 10, 25, 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('ends a window that crosses midnight at its end, on the right local day', () => {
    // 23:30 in Lagos (UTC+1): the window 22:00–06:00 ends at 06:00 the next morning.
    expect(windowEnd(at('2026-02-10T22:30:00Z'), 'Africa/Lagos', '22:00', '06:00')?.toISOString()).toBe(
      '2026-02-11T05:00:00.000Z',
    );
    // 01:00 in Lagos: the same night's end, the same morning.
    expect(windowEnd(at('2026-02-11T00:00:00Z'), 'Africa/Lagos', '22:00', '06:00')?.toISOString()).toBe(
      '2026-02-11T05:00:00.000Z',
    );
    expect(windowEnd(at('2026-02-11T12:00:00Z'), 'Africa/Lagos', '22:00', '06:00')).toBeUndefined();
    // A daytime window.
    expect(windowEnd(at('2026-02-11T12:00:00Z'), 'UTC', '12:00', '14:00')?.toISOString()).toBe(
      '2026-02-11T14:00:00.000Z',
    );
    expect(windowEnd(at('2026-02-11T14:00:00Z'), 'UTC', '12:00', '14:00')).toBeUndefined();
  });

  it('plans the next digest hour, daily and weekly', () => {
    expect(nextLocalHour(at('2026-02-11T12:00:00Z'), 'America/New_York', 8).toISOString()).toBe(
      '2026-02-11T13:00:00.000Z',
    );
    expect(nextLocalHour(at('2026-02-11T12:59:00Z'), 'America/New_York', 7).toISOString()).toBe(
      '2026-02-12T12:00:00.000Z',
    );
    // Wednesday 11 February 2026: the next Monday 08:00 in Paris.
    expect(nextLocalHour(at('2026-02-11T12:00:00Z'), 'Europe/Paris', 8, 1).toISOString()).toBe(
      '2026-02-16T07:00:00.000Z',
    );
  });

  it('knows time zone names', () => {
    expect(isTimeZone('Africa/Lagos')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
