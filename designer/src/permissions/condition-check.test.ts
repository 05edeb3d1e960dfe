import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition } from './condition-check.ts';

const fields = ['status', 'assignee', 'amount'];

describe('checkCondition', () => {
  it('accepts the documented forms', () => {
    expect(
      checkCondition(
        {
          assignee: { $user: 'id' },
          status: { $in: ['draft', 'planned'] },
          $or: [{ amount: { $lt: 100 } }, { company_id: { $in: { $user: 'companyIds' } } }],
        },
        [...fields, 'company_id'],
      ),
    ).toEqual([]);
    expect(checkCondition({ status: 'open' }, fields)).toEqual([]);
  });

  it('names what is wrong and where', () => {
    expect(
      checkCondition(
        {
          owner: 'x',
          'site.country': 'FR',
          status: { $like: 'a%' },
          assignee: { $user: 'manager' },
          $and: { amount: 1 },
          $not: [],
        },
        fields,
      ),
    ).toEqual([
      { path: 'owner', code: 'unknown_field', value: 'owner' },
      { path: 'site.country', code: 'path_field', value: 'site.country' },
      { path: 'status.$like', code: 'unknown_operator', value: '$like' },
      { path: 'assignee', code: 'unknown_attribute', value: 'manager' },
      { path: '$and', code: 'not_list', value: '$and' },
      { path: '$not', code: 'unknown_operator', value: '$not' },
    ]);
    expect(checkCondition([1])).toEqual([{ path: '/', code: 'not_object', value: '' }]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(checkCondition(v, fields))).toBe(true);
      }),
    );
  });
});
