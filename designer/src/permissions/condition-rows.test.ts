import { PERMISSION_CONDITION_OPERATORS, PERMISSION_USER_ATTRIBUTES } from '@opsflux/definitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition } from './condition-check.ts';
import { type ConditionRow, fromRows, LIST_OPERATORS, toRows } from './condition-rows.ts';

const types: Record<string, string> = { status: 'enum', amount: 'decimal', urgent: 'boolean', assignee: 'string' };

describe('condition rows', () => {
  it('reads the documented conditions and writes them back as they were', () => {
    const cond = { assignee: { $user: 'id' }, status: { $in: ['draft', 'planned'] }, amount: { $gte: 10, $lt: 500 } };
    const rows = toRows(cond);
    expect(rows).toEqual([
      { field: 'assignee', op: '$eq', value: { kind: 'user', attribute: 'id' } },
      { field: 'status', op: '$in', value: { kind: 'value', text: 'draft, planned' } },
      { field: 'amount', op: '$gte', value: { kind: 'value', text: '10' } },
      { field: 'amount', op: '$lt', value: { kind: 'value', text: '500' } },
    ]);
    expect(fromRows(rows!, types)).toEqual(cond);
    expect(fromRows(toRows({ urgent: true, status: 'open' })!, types)).toEqual({ urgent: true, status: 'open' });
  });

  it('leaves to the JSON editor what rows cannot say', () => {
    expect(toRows({ $or: [{ status: 'a' }, { status: 'b' }] })).toBeNull();
    expect(toRows({ status: { $like: 'a%' } })).toBeNull();
    expect(toRows({ status: { $in: ['a,b'] } })).toBeNull();
    expect(toRows({ status: { $eq: { nested: 1 } } })).toBeNull();
    expect(toRows([1])).toBeNull();
    expect(toRows(undefined)).toEqual([]);
    expect(fromRows([])).toBeUndefined();
  });

  it('rows → condition → rows is the identity, and the condition passes the check', () => {
    const text = fc.stringMatching(/^[a-z0-9][a-z0-9 ]{0,8}[a-z0-9]$/);
    const row: fc.Arbitrary<ConditionRow> = fc
      .record({
        field: fc.constantFrom('status', 'assignee', 'amount'),
        op: fc.constantFrom(...PERMISSION_CONDITION_OPERATORS),
        user: fc.option(fc.constantFrom(...PERMISSION_USER_ATTRIBUTES), { nil: undefined }),
        items: fc.array(text, { minLength: 1, maxLength: 3 }),
        number: fc.integer({ min: -1000, max: 1000 }),
      })
      .map(({ field, op, user, items, number }) => ({
        field,
        op,
        value: user
          ? { kind: 'user' as const, attribute: user }
          : {
              kind: 'value' as const,
              text:
                field === 'amount'
                  ? LIST_OPERATORS.has(op)
                    ? `${number}, ${number + 1}`
                    : String(number)
                  : LIST_OPERATORS.has(op)
                    ? items.join(', ')
                    : items[0]!,
            },
      }));
    // One row per field and operator: two rows saying the same comparison are one comparison.
    const rows = fc.uniqueArray(row, { selector: (r) => `${r.field}${r.op}`, maxLength: 5 });
    fc.assert(
      fc.property(rows, (rs) => {
        const cond = fromRows(rs, types);
        const back = toRows(cond) ?? [];
        const key = (r: ConditionRow) => `${r.field}${r.op}`;
        expect([...back].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
          [...rs].sort((a, b) => key(a).localeCompare(key(b))),
        );
        if (cond) expect(checkCondition(cond, Object.keys(types))).toEqual([]);
      }),
    );
  });
});
