import { describe, expect, it } from 'vitest';
import { filterQuery, NO_FILTERS } from './notification-filters.tsx';

describe('notification filters', () => {
  it('ask the engine only for what is filtered', () => {
    expect(filterQuery(NO_FILTERS)).toEqual({});
    expect(filterQuery({ unreadOnly: true, category: 'ops.approval', priority: 2 })).toEqual({
      unread: true,
      category: 'ops.approval',
      priority: 2,
    });
  });
});
