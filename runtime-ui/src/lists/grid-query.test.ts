import { describe, expect, it } from 'vitest';
import { toCondition, toListQuery } from './grid-query.ts';

describe('toCondition', () => {
  it('maps text, number and selection operators to the data API', () => {
    expect(toCondition({ field: 'name', operator: 'contains', value: 'rig' }, 'string')).toEqual({
      name: { $contains: 'rig' },
    });
    expect(toCondition({ field: 'qty', operator: '>=', value: '3' }, 'number')).toEqual({ qty: { $gte: 3 } });
    expect(toCondition({ field: 'kind', operator: 'isAnyOf', value: ['a', 'b'] }, 'select')).toEqual({
      kind: { $in: ['a', 'b'] },
    });
    expect(toCondition({ field: 'done', operator: 'is', value: 'false' }, 'boolean')).toEqual({ done: { $eq: false } });
  });

  it('writes days as calendar dates and instants as ISO times', () => {
    const d = new Date(2026, 2, 9, 15, 30);
    expect(toCondition({ field: 'on', operator: 'onOrAfter', value: d }, 'date')).toEqual({
      on: { $gte: '2026-03-09' },
    });
    expect(toCondition({ field: 'at', operator: 'before', value: d }, 'datetime')).toEqual({
      at: { $lt: d.toISOString() },
    });
  });

  it('asks for empty or filled values whatever the kind', () => {
    expect(toCondition({ field: 'x', operator: 'isEmpty' }, 'number')).toEqual({ x: { $null: true } });
    expect(toCondition({ field: 'x', operator: 'isNotEmpty' }, 'date')).toEqual({ x: { $null: false } });
  });

  it('ignores a filter still being typed or an operator the API lacks', () => {
    expect(toCondition({ field: 'name', operator: 'contains', value: '' }, 'string')).toBeUndefined();
    expect(toCondition({ field: 'qty', operator: '>', value: 'abc' }, 'number')).toBeUndefined();
    expect(toCondition({ field: 'name', operator: 'endsWith', value: 'x' }, 'string')).toBeUndefined();
    expect(toCondition({ field: 'kind', operator: 'isAnyOf', value: [] }, 'select')).toBeUndefined();
  });
});

describe('toListQuery', () => {
  const kinds = { name: 'string', qty: 'number' } as const;

  it('sorts descending with a minus, and falls back to the view’s order', () => {
    expect(toListQuery([{ field: 'qty', sort: 'desc' }], { items: [] }, kinds).sort).toBe('-qty');
    expect(toListQuery([], { items: [] }, kinds, { defaultSort: 'name' }).sort).toBe('name');
  });

  it('keeps the view’s filter and adds the user’s under $and', () => {
    const q = toListQuery([], { items: [{ field: 'qty', operator: '<', value: 5 }] }, kinds, {
      viewFilter: { state: 'open' },
    });
    expect(JSON.parse(q.filter!)).toEqual({ $and: [{ state: 'open' }, { qty: { $lt: 5 } }] });
  });

  it('joins several filters with the grid’s logic operator', () => {
    const q = toListQuery(
      [],
      {
        items: [
          { field: 'qty', operator: '>', value: 1 },
          { field: 'name', operator: 'startsWith', value: 'A' },
        ],
        logicOperator: 'or',
      },
      kinds,
    );
    expect(JSON.parse(q.filter!)).toEqual({ $or: [{ qty: { $gt: 1 } }, { name: { $startsWith: 'A' } }] });
  });

  it('sends the quick search as q only where full-text search exists', () => {
    const model = { items: [], quickFilterValues: ['north', 'deck'] };
    expect(toListQuery([], model, kinds, { searchable: true }).q).toBe('north deck');
    expect(toListQuery([], model, kinds, { searchable: false }).q).toBeUndefined();
  });

  it('drops filters on columns it does not know', () => {
    expect(
      toListQuery([], { items: [{ field: 'other', operator: 'equals', value: 'x' }] }, kinds).filter,
    ).toBeUndefined();
  });
});
