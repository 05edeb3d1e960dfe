import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpsError } from '../errors.ts';
import { bindFilterPlaceholders, localDate, SAMPLE_PLACEHOLDER_VALUES } from './filter-placeholders.ts';

const placeholder = fc.oneof(
  fc.record({ $user: fc.oneof(fc.constantFrom('id', 'email', 'companyIds'), fc.string()) }),
  fc.record({ $today: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
  fc.record({ $now: fc.oneof(fc.integer(), fc.constant(null)) }),
);
const doc = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    placeholder,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

describe('bindFilterPlaceholders', () => {
  it('binds every placeholder or refuses with a filter_invalid naming a place under "filter"', () => {
    fc.assert(
      fc.property(doc, (d) => {
        try {
          // Once bound, nothing is left to bind: a second pass changes nothing.
          const bound = bindFilterPlaceholders(d, SAMPLE_PLACEHOLDER_VALUES);
          expect(bindFilterPlaceholders(bound, SAMPLE_PLACEHOLDER_VALUES)).toEqual(bound);
        } catch (e) {
          expect(isOpsError(e) && e.code === 'filter_invalid').toBe(true);
          if (isOpsError(e)) expect(e.details[0]!.path.startsWith('filter')).toBe(true);
        }
      }),
    );
  });

  it('leaves documents without placeholders as they are', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (d) => {
        const hasPlaceholder = /"\$(user|today|now)"/.test(JSON.stringify(d) ?? '');
        fc.pre(!hasPlaceholder);
        expect(bindFilterPlaceholders(d, SAMPLE_PLACEHOLDER_VALUES)).toEqual(d);
      }),
    );
  });
});

describe('localDate', () => {
  const noon = new Date('2026-12-31T12:00:00Z');
  it('reads the calendar of the zone, across a year end', () => {
    expect(localDate(noon, 'UTC', 0)).toBe('2026-12-31');
    expect(localDate(noon, 'Pacific/Kiritimati', 0)).toBe('2027-01-01');
    expect(localDate(noon, 'Pacific/Pago_Pago', 1)).toBe('2027-01-01');
    expect(localDate(noon, 'Europe/Paris', -365)).toBe('2025-12-31');
  });
});
