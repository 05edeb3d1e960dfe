import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromWallClock,
  offsetLabel,
  toDayValue,
  toPickerValue,
  toStored,
  toStoredDay,
  userZone,
  wallClock,
} from './zoned-datetime.ts';

describe('date-times in the user’s zone', () => {
  it('shows a stored instant at the wall-clock time of the zone, daylight saving included', () => {
    expect(wallClock('2026-01-15T12:00:00Z', 'Europe/Paris')).toBe('2026-01-15T13:00');
    expect(wallClock('2026-07-15T12:00:00Z', 'Europe/Paris')).toBe('2026-07-15T14:00');
    expect(wallClock('2026-07-15T23:30:00Z', 'Africa/Lagos')).toBe('2026-07-16T00:30');
    expect(offsetLabel('Europe/Paris', new Date('2026-07-01T00:00:00Z'))).toBe('UTC+02:00');
    expect(offsetLabel('America/St_Johns', new Date('2026-01-01T00:00:00Z'))).toBe('UTC-03:30');
  });

  it('stores what the user typed in their zone as a UTC instant', () => {
    expect(fromWallClock('2026-03-10T08:00', 'Africa/Lagos')).toBe('2026-03-10T07:00:00.000Z');
    expect(fromWallClock('2026-07-15T14:00', 'Europe/Paris')).toBe('2026-07-15T12:00:00.000Z');
    const picked = toPickerValue('2026-05-10T06:30:00Z', 'Asia/Tokyo');
    expect(picked?.format('YYYY-MM-DD HH:mm')).toBe('2026-05-10 15:30');
    expect(toStored(picked)).toBe('2026-05-10T06:30:00.000Z');
    expect(toStored(null)).toBeNull();
    expect(toPickerValue('not a date', 'UTC')).toBeNull();
  });

  it('falls back to the browser’s zone for an unknown one', () => {
    expect(userZone('Mars/Olympus_Mons')).toBe(userZone(undefined));
    expect(userZone('Europe/Lisbon')).toBe('Europe/Lisbon');
  });

  it('keeps every instant through the picker, in any zone', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/Sao_Paulo', 'Asia/Kolkata', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (at, zone) => {
          const stored = at.toISOString();
          expect(toStored(toPickerValue(stored, zone))).toBe(stored);
        },
      ),
    );
  });

  it('keeps calendar days as written, whatever the zone', () => {
    expect(toStoredDay(toDayValue('2026-12-31'))).toBe('2026-12-31');
    expect(toDayValue('2026-12-31T10:00:00Z')).toBeNull();
    expect(toDayValue(undefined)).toBeNull();
    expect(toStoredDay(null)).toBeNull();
  });
});
