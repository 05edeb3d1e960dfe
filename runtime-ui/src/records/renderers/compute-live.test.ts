import { describe, expect, it } from 'vitest';
import { computeLive } from './compute-live.ts';

describe('computed fields in the browser', () => {
  it('follows the form’s values with the engine’s expression and coercion', () => {
    const name = { cat: [{ var: 'first_name' }, ' ', { var: 'last_name' }] };
    expect(computeLive(name, 'string', { first_name: 'Ada', last_name: 'Lovelace' })).toEqual({
      known: true,
      value: 'Ada Lovelace',
    });
    const total = { '*': [{ var: 'quantity' }, { var: 'price' }] };
    expect(computeLive(total, 'decimal', { quantity: 3, price: 2.5 })).toEqual({ known: true, value: 7.5 });
    expect(computeLive(total, 'integer', { quantity: 3, price: 2.5 })).toEqual({ known: true, value: 7 });
    expect(computeLive(total, 'decimal', { quantity: 3 })).toEqual({ known: true, value: null });
    expect(computeLive({ var: 'missing' }, 'string', {})).toEqual({ known: true, value: null });
    expect(computeLive({ '>': [{ var: 'n' }, 2] }, 'boolean', { n: 3 })).toEqual({ known: true, value: true });
  });

  it('knows the engine’s date operations', () => {
    const days = { days_between: [{ var: 'start_on' }, { var: 'end_on' }] };
    expect(computeLive(days, 'integer', { start_on: '2026-05-01', end_on: '2026-05-20' })).toEqual({
      known: true,
      value: 19,
    });
    expect(computeLive(days, 'integer', { start_on: '2026-05-01' })).toEqual({ known: true, value: null });
    expect(computeLive({ date_add: [{ var: 'd' }, 10] }, 'date', { d: '2026-12-25' })).toEqual({
      known: true,
      value: '2027-01-04',
    });
  });

  it('says it does not know when the expression uses an operation only the engine has', () => {
    expect(computeLive({ lookup_somewhere: [1] }, 'string', {})).toEqual({ known: false });
  });
});
