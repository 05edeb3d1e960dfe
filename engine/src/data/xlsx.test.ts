import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValue, type CellKind } from './xlsx.ts';

describe('cellValue', () => {
  it('types numbers, booleans, dates and times, and leaves what does not read as its kind as text', () => {
    expect(cellValue('12.50', 'number')).toBe(12.5);
    expect(cellValue(7, 'number')).toBe(7);
    expect(cellValue('********', 'number')).toBe('********');
    expect(cellValue(true, 'number')).toBe('true');
    expect(cellValue(false, 'boolean')).toBe(false);
    expect(cellValue('2026-03-14', 'date')).toEqual(new Date('2026-03-14T00:00:00Z'));
    expect(cellValue('2026-03-14T09:30:00.000Z', 'datetime')).toEqual(new Date('2026-03-14T09:30:00.000Z'));
    expect(cellValue('not a date', 'date')).toBe('not a date');
    expect(cellValue({ lat: 1, lng: 2 }, 'text')).toBe('{"lat":1,"lng":2}');
    expect(cellValue(['a', 'b'], 'text')).toBe('["a","b"]');
    expect(cellValue('=SUM(A1)', 'text')).toBe('=SUM(A1)');
    for (const empty of [null, undefined, '']) expect(cellValue(empty, 'number')).toBeNull();
    expect(cellValue('  ', 'number')).toBe('  ');
    // fast-check found it: Number() of an object whose `toString` is not a function throws.
    expect(cellValue({ toString: '' }, 'number')).toBe('{"toString":""}');
  });

  it('never throws, and gives a cell exceljs can hold', () => {
    const kinds: CellKind[] = ['number', 'boolean', 'date', 'datetime', 'text'];
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...kinds), (value, kind) => {
        const cell = cellValue(value, kind);
        expect(
          cell === null ||
            ['string', 'number', 'boolean'].includes(typeof cell) ||
            (cell instanceof Date && !Number.isNaN(cell.getTime())),
        ).toBe(true);
        if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
      }),
    );
  });
});
