import { describe, expect, it } from 'vitest';
import type { UiMeta, ViewMeta } from '../api/api-types.ts';
import { readListUrl } from '../lists/list-url-state.ts';
import { followedLists, stateListUrl } from './followed.ts';

const view = (key: string, entity: string, type: 'list' | 'kanban' = 'list'): ViewMeta => ({
  key,
  name: key.split('.')[1]!,
  bundle: key.split('.')[0],
  entity,
  label: key,
  type,
  columns: [],
});

describe('followedLists', () => {
  it('takes each entity once, from the first list view its menus open, boards and unknown views aside', () => {
    const ui: UiMeta = {
      menus: [
        {
          name: 'later',
          bundle: 'b',
          label: 'Later',
          order: 20,
          items: [{ name: 'x', label: 'X', view: 'things' }],
        },
        {
          name: 'ops',
          bundle: 'ops',
          label: 'Ops',
          order: 10,
          items: [
            { name: 'board', label: 'Board', view: 'work_board' },
            { name: 'wo', label: 'WO', view: 'work_orders' },
            { name: 'g', label: 'G', children: [{ name: 'wo2', label: 'WO2', view: 'ops.work_orders_mine' }] },
            { name: 'hidden', label: 'H', view: 'secret' },
            { name: 'new', label: 'New', form: 'work_order' },
          ],
        },
      ],
      views: [
        view('ops.work_board', 'work_order', 'kanban'),
        view('ops.work_orders', 'work_order'),
        view('ops.work_orders_mine', 'ops.work_order'),
        view('b.things', 'other.thing'),
      ],
    };
    expect(followedLists(ui)).toEqual([
      { view: 'ops.work_orders', entity: 'ops.work_order' },
      { view: 'b.things', entity: 'other.thing' },
    ]);
    expect(followedLists(null)).toEqual([]);
  });

  it('links a count to the list filtered on its state', () => {
    const url = stateListUrl('ops.work_orders', 'draft');
    expect(url.startsWith('/views/ops.work_orders?')).toBe(true);
    expect(readListUrl(new URLSearchParams(url.split('?')[1]))).toEqual({ filter: { state: 'draft' } });
  });
});
