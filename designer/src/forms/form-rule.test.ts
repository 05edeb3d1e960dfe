import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionToLogic, logicToCondition } from './form-rule.ts';

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
const field = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const schema = fc.oneof(
  scalar.map((v) => ({ const: v })),
  scalar.map((v) => ({ not: { const: v } })),
  fc.array(scalar, { maxLength: 4 }).map((v) => ({ enum: v })),
  fc.array(scalar, { maxLength: 4 }).map((v) => ({ not: { enum: v } })),
  fc
    .tuple(fc.constantFrom('minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'), fc.integer())
    .map(([k, n]) => ({ [k]: n })),
);

describe('form rule conditions as json-logic', () => {
  it('round-trips every condition the builder can express', () => {
    fc.assert(
      fc.property(field, schema, (f, s) => {
        const condition = { scope: `#/properties/${f}`, schema: s };
        const logic = conditionToLogic(condition);
        expect(logic).not.toBeNull();
        expect(logicToCondition(logic)).toEqual(condition);
      }),
    );
  });

  it('reads the json-logic an author builds', () => {
    expect(logicToCondition({ '==': [{ var: 'outcome' }, 'lost'] })).toEqual({
      scope: '#/properties/outcome',
      schema: { const: 'lost' },
    });
    expect(logicToCondition({ '>': [{ var: 'amount' }, 100] })).toEqual({
      scope: '#/properties/amount',
      schema: { exclusiveMinimum: 100 },
    });
  });

  it('says when JSON Forms cannot express it', () => {
    expect(logicToCondition({ and: [{ '==': [{ var: 'a' }, 1] }, { '==': [{ var: 'b' }, 2] }] })).toBeNull();
    expect(logicToCondition({ '==': [1, { var: 'a' }] })).toBeNull();
    expect(logicToCondition({ '>': [{ var: 'a' }, 'x'] })).toBeNull();
    expect(conditionToLogic({ scope: '#/properties/a', schema: { pattern: '^x' } })).toBeNull();
    expect(conditionToLogic({ scope: '#/properties/a', schema: { const: 1, type: 'number' } })).toBeNull();
  });
});
