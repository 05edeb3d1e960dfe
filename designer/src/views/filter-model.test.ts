import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILTER_OPS, fromFilter, toFilter, valueFor } from './filter-model.ts';

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
const field = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}(\.[a-z][a-z0-9_]{0,6})?$/);
const cond = fc.oneof(
  scalar,
  fc
    .tuple(fc.constantFrom(...FILTER_OPS), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })))
    .map(([op, v]) => ({ [op]: v })),
);
const filter = fc.oneof(
  fc.dictionary(field, cond, { maxKeys: 4 }),
  fc.tuple(fc.constantFrom('$and', '$or'), fc.array(fc.tuple(field, cond), { maxLength: 4 })).map(([join, items]) => ({
    [join]: items.map(([f, c]) => ({ [f]: c })),
  })),
);

describe('view filter rows', () => {
  it('round-trips every filter made of rows joined by and / or', () => {
    fc.assert(
      fc.property(filter, (f) => {
        const model = fromFilter(f);
        expect(model).not.toBeNull();
        expect(toFilter(model!)).toEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the documented example and leaves richer filters as JSON', () => {
    expect(fromFilter({ outcome: { $in: ['open', 'won'] }, 'company.country': 'CM' })).toEqual({
      join: '$and',
      form: 'object',
      rows: [
        { field: 'outcome', op: '$in', value: ['open', 'won'], bare: false },
        { field: 'company.country', op: '$eq', value: 'CM', bare: true },
      ],
    });
    expect(fromFilter({ $not: { a: 1 } })).toBeNull();
    expect(fromFilter({ a: { $gte: 1, $lte: 3 } })).toBeNull();
    expect(fromFilter({ a: 1, $or: [{ b: 2 }] })).toBeNull();
    expect(fromFilter({ $or: [{ a: 1, b: 2 }] })).toBeNull();
  });

  it('writes a list when a field comes twice or rows are joined by or', () => {
    const rows = [
      { field: 'a', op: '$gte' as const, value: 1, bare: false },
      { field: 'a', op: '$lte' as const, value: 3, bare: false },
    ];
    expect(toFilter({ join: '$and', form: 'object', rows })).toEqual({
      $and: [{ a: { $gte: 1 } }, { a: { $lte: 3 } }],
    });
    expect(toFilter({ join: '$or', form: 'object', rows: rows.slice(0, 1) })).toEqual({ $or: [{ a: { $gte: 1 } }] });
  });

  it('gives an operator a value of its shape', () => {
    expect(valueFor('$in', 'x')).toEqual(['x']);
    expect(valueFor('$between', 3)).toEqual([3, 3]);
    expect(valueFor('$null', 'x')).toBe(true);
    expect(valueFor('$eq', ['a', 'b'])).toBe('a');
  });
});
