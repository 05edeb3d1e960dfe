import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';

const en = { lang: 'en', timeZone: 'UTC', yes: 'Yes', no: 'No' };

describe('formatValue', () => {
  it('shows enum labels, yes and no, and nothing for empty values', () => {
    const field = { type: 'enum', values: [{ value: 'ops', label: 'Operations', color: null }] };
    expect(formatValue(field, 'ops', en)).toBe('Operations');
    expect(formatValue(field, 'other', en)).toBe('other');
    expect(formatValue({ type: 'boolean' }, false, en)).toBe('No');
    expect(formatValue({ type: 'string' }, null, en)).toBe('');
  });

  it('keeps a calendar day as written in every time zone', () => {
    expect(formatValue({ type: 'date' }, '2026-03-01', { ...en, timeZone: 'Pacific/Honolulu' })).toBe('Mar 1, 2026');
    expect(formatValue({ type: 'date' }, '2026-03-01', { ...en, lang: 'fr' })).toBe('1 mars 2026');
  });

  it('shows instants in the user’s time zone and numbers in their locale', () => {
    expect(formatValue({ type: 'datetime' }, '2026-03-01T23:30:00Z', { ...en, timeZone: 'Europe/Paris' })).toMatch(
      /Mar 2, 2026/,
    );
    expect(formatValue({ type: 'decimal' }, '1234.5', { ...en, lang: 'fr' })).toBe('1\u202f234,5');
  });

  it('shows a geopoint’s latitude and longitude in the user’s locale', () => {
    expect(formatValue({ type: 'geopoint' }, { latitude: 4.05, longitude: 9.7 }, { ...en, lang: 'fr' })).toBe(
      '4,05 / 9,7',
    );
  });
});
