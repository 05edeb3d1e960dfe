import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toListQuery, type ColumnKind } from './grid-query.ts';
import { combineFilters, filterToGrid, readListUrl, sortToUrl, writeListUrl } from './list-url-state.ts';

const kinds: Record<string, ColumnKind> = {
  title: 'string',
  estimate_h: 'number',
  start_on: 'date',
  updated_at: 'datetime',
  done: 'boolean',
  state: 'select',
};

describe('the address of a list', () => {
  it('round-trips filter, sort and search, and keeps other parameters', () => {
    const state = {
      filter: { state: { $in: ['draft', 'submitted'] } },
      sort: [
        { field: 'start_on', direction: 'desc' as const },
        { field: 'title', direction: 'asc' as const },
      ],
      q: 'crane',
    };
    const qs = writeListUrl(state, new URLSearchParams('view=ops.work_orders'));
    const back = new URLSearchParams(qs);
    expect(back.get('view')).toBe('ops.work_orders');
    expect(back.get('sort')).toBe('-start_on,title');
    expect(readListUrl(back)).toEqual(state);
  });

  it('leaves out what does not parse instead of failing', () => {
    expect(readListUrl(new URLSearchParams('filter={oops&sort=,-,ti tle&q=  '))).toEqual({});
    expect(readListUrl(new URLSearchParams('filter=[1,2]'))).toEqual({});
    expect(readListUrl(new URLSearchParams('filter={}'))).toEqual({});
    expect(writeListUrl({})).toBe('');
  });

  it('never throws on any address', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (filter, sort, q) => {
        const s = readListUrl(new URLSearchParams({ filter, sort, q }));
        expect(typeof s).toBe('object');
      }),
    );
  });

  it('writes the grid sort model', () => {
    expect(
      sortToUrl([
        { field: 'a', sort: 'desc' },
        { field: 'b', sort: null },
        { field: 'c', sort: 'asc' },
      ]),
    ).toEqual([
      { field: 'a', direction: 'desc' },
      { field: 'c', direction: 'asc' },
    ]);
  });
});

describe('filterToGrid', () => {
  it('turns what toListQuery wrote back into the same grid filter', () => {
    const model = {
      items: [
        { field: 'title', operator: 'contains', value: 'crane' },
        { field: 'estimate_h', operator: '>=', value: '2' },
        { field: 'start_on', operator: 'onOrAfter', value: new Date(2026, 4, 10) },
        { field: 'state', operator: 'isAnyOf', value: ['draft'] },
        { field: 'done', operator: 'is', value: 'true' },
        { field: 'title', operator: 'isEmpty' },
      ],
      logicOperator: 'or' as const,
    };
    const written = JSON.parse(toListQuery([], model, kinds).filter!);
    const back = filterToGrid(written, kinds);
    expect(back.rest).toBeUndefined();
    expect(back.logicOperator).toBe('or');
    expect(back.items.map(({ field, operator }) => [field, operator])).toEqual(
      model.items.map(({ field, operator }) => [field, operator]),
    );
    expect(back.items[1]!.value).toBe(2);
    expect(back.items[2]!.value).toEqual(new Date(2026, 4, 10));
    // And written again, the same filter.
    expect(JSON.parse(toListQuery([], back, kinds).filter!)).toEqual(written);
  });

  it('reads a bare value and several fields of one object as conditions joined by and', () => {
    const back = filterToGrid({ state: 'draft', estimate_h: { $lt: 3 } }, kinds);
    expect(back).toMatchObject({
      logicOperator: 'and',
      items: [
        { field: 'state', operator: 'is', value: 'draft' },
        { field: 'estimate_h', operator: '<', value: 3 },
      ],
    });
  });

  it('keeps aside, whole, a filter the grid cannot show', () => {
    for (const filter of [
      { 'location.code': 'ND' },
      { title: { $contains: 'a', $startsWith: 'b' } },
      { $and: [{ title: 'a' }, { $or: [{ title: 'b' }] }] },
      { $not: { title: 'a' } },
      { notes: 'hidden column' },
      { updated_at: { $eq: '2026-01-01T00:00:00Z' } },
    ]) {
      expect(filterToGrid(filter, kinds)).toEqual({ items: [], logicOperator: 'and', rest: filter });
    }
    expect(filterToGrid(undefined, kinds)).toEqual({ items: [], logicOperator: 'and' });
  });

  it('combines the grid’s filter with the rest', () => {
    expect(combineFilters(undefined, {})).toBeUndefined();
    expect(combineFilters({ a: 1 }, null)).toEqual({ a: 1 });
    expect(combineFilters({ a: 1 }, { b: 2 })).toEqual({ $and: [{ a: 1 }, { b: 2 }] });
  });
});
