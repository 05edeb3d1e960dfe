import { describe, expect, it } from 'vitest';
import { evaluate, sampleFromVariables } from './logic-eval.ts';

describe('logic preview evaluation', () => {
  it('builds a sample record from variable paths', () => {
    expect(sampleFromVariables(['record.status', 'record.amount', 'user.id', 'total'])).toEqual({
      record: { status: null, amount: null },
      user: { id: null },
      total: null,
    });
  });

  it('evaluates json-logic on the sample', () => {
    const expr = { and: [{ '==': [{ var: 'record.status' }, 'open'] }, { '>': [{ var: 'record.amount' }, 10] }] };
    expect(evaluate(expr, { record: { status: 'open', amount: 12 } })).toEqual({ ok: true, value: true });
    expect(evaluate(expr, { record: { status: 'open', amount: 2 } })).toEqual({ ok: true, value: false });
    expect(evaluate({ if: [{ var: 'x' }, 'yes', 'no'] }, { x: 0 })).toEqual({ ok: true, value: 'no' });
  });

  it('names an operation only the engine knows', () => {
    const r = evaluate({ days_between: ['2026-01-01', '2026-01-03'] }, {});
    expect(r).toMatchObject({ ok: false, op: 'days_between' });
  });
});
