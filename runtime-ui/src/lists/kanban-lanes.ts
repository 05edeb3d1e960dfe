import type { EntityModel } from '../model/entity-model.ts';

/** One column of a board: a value of the enum, or a state of the workflow. */
export interface Lane {
  value: string;
  label: string;
  color: string | null;
}

/** The lanes of a board grouped by `groupBy`: the view's own, else the states or enum values. */
export function boardLanes(model: EntityModel, groupBy: string, given?: Lane[] | null): Lane[] {
  if (given?.length) return given;
  if (groupBy === 'state') return (model.states ?? []).map((s) => ({ value: s.name, label: s.label, color: s.color }));
  return (model.field(groupBy)?.values ?? []).map((v) => ({ value: v.value, label: v.label, color: v.color }));
}

/**
 * The lanes the view's own filter can fill: a board of work under way that leaves out finished
 * states (`$nin`, `$ne`) or keeps a few (`$in`, `$eq`, a bare value) shows no column that is always empty.
 */
export function visibleLanes(lanes: Lane[], groupBy: string, filter?: Record<string, unknown> | null): Lane[] {
  const cond = filter?.[groupBy];
  if (cond === undefined) return lanes;
  if (typeof cond !== 'object' || cond === null) return lanes.filter((l) => l.value === cond);
  const c = cond as Record<string, unknown>;
  return lanes.filter((l) => {
    if (Array.isArray(c.$in) && !c.$in.includes(l.value)) return false;
    if (Array.isArray(c.$nin) && c.$nin.includes(l.value)) return false;
    if (c.$eq !== undefined && c.$eq !== l.value) return false;
    if (c.$ne !== undefined && c.$ne === l.value) return false;
    return true;
  });
}

/** A lane's query: the view's filter and the lane's value. */
export function laneFilter(groupBy: string, value: string, filter?: Record<string, unknown> | null) {
  const lane = { [groupBy]: value };
  return filter && Object.keys(filter).length ? { $and: [filter, lane] } : lane;
}
