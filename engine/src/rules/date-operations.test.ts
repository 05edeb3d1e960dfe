import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { DATE_OPERATIONS } from './date-operations.ts';

const run = (logic: object, data: object = {}) => jsonLogic.apply(logic as jsonLogic.RulesLogic, data);

describe('date operations in json-logic', () => {
  it('adds days, across months, years and leap days', () => {
    expect(run({ date_add: ['2026-12-30', 3] })).toBe('2027-01-02');
    expect(run({ date_add: ['2028-02-28', 1] })).toBe('2028-02-29');
    expect(run({ date_add: [{ var: 'arrival' }, -14] }, { arrival: '2026-03-10' })).toBe('2026-02-24');
    expect(run({ date_add: ['2026-03-10T22:30:00Z', 1] })).toBe('2026-03-11');
  });

  it('counts whole days between two dates', () => {
    expect(run({ days_between: ['2026-01-01', '2026-01-15'] })).toBe(14);
    expect(run({ days_between: ['2026-01-15', '2026-01-01'] })).toBe(-14);
  });

  it('tells whether two periods share a night (departure day = arrival day does not)', () => {
    expect(run({ overlaps: ['2026-05-01', '2026-05-15', '2026-05-14', '2026-05-20'] })).toBe(true);
    expect(run({ overlaps: ['2026-05-01', '2026-05-15', '2026-05-15', '2026-05-20'] })).toBe(false);
    expect(run({ overlaps: ['2026-05-01', '2026-05-31', '2026-05-10', '2026-05-12'] })).toBe(true);
  });

  it('gives null (false for overlaps) for missing or unreadable dates, never an exception', () => {
    expect(run({ date_add: [null, 3] })).toBeNull();
    expect(run({ date_add: ['2026-13-45', 3] })).toBeNull();
    expect(run({ days_between: ['soon', '2026-01-01'] })).toBeNull();
    expect(run({ overlaps: [{ var: 'a' }, '2026-01-02', '2026-01-01', '2026-01-03'] }, {})).toBe(false);
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (a, b, c, d) => {
        DATE_OPERATIONS.date_add(a, b);
        DATE_OPERATIONS.days_between(a, b);
        expect(typeof DATE_OPERATIONS.overlaps(a, b, c, d)).toBe('boolean');
      }),
    );
  });

  it('adding the days between two dates to the first gives the second', () => {
    const day = fc.integer({ min: 0, max: 50_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(DATE_OPERATIONS.date_add(a, DATE_OPERATIONS.days_between(a, b))).toBe(b);
      }),
    );
  });
});
