import { describe, expect, it } from 'vitest';
import { laneFilter, visibleLanes } from './kanban-lanes.ts';

const lanes = ['draft', 'review', 'done', 'cancelled'].map((value) => ({ value, label: value, color: null }));
const values = (l: { value: string }[]) => l.map((x) => x.value);

describe('visibleLanes', () => {
  it('drops the lanes the view’s filter leaves out, keeps the others in order', () => {
    expect(values(visibleLanes(lanes, 'state', { state: { $nin: ['done', 'cancelled'] } }))).toEqual([
      'draft',
      'review',
    ]);
    expect(values(visibleLanes(lanes, 'state', { state: { $in: ['review', 'draft'] } }))).toEqual(['draft', 'review']);
    expect(values(visibleLanes(lanes, 'state', { state: 'done' }))).toEqual(['done']);
    expect(values(visibleLanes(lanes, 'state', { kind: 'x' }))).toEqual(['draft', 'review', 'done', 'cancelled']);
  });
});

describe('laneFilter', () => {
  it('adds the lane to the view’s filter', () => {
    expect(laneFilter('state', 'draft', null)).toEqual({ state: 'draft' });
    expect(laneFilter('state', 'draft', { kind: 'x' })).toEqual({ $and: [{ kind: 'x' }, { state: 'draft' }] });
  });
});
