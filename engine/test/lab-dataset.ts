import { make, type Json, type LabClient } from './lab.ts';

/**
 * A small, fully known data set for filter and list tests. Keys (s1..s7, north, red, ...) name
 * records; references are written with keys and resolved to ids on load.
 *
 *        title            code    qty  weight active collected   status  site   tags
 *   s1   Alpha quartz     AA-001    0   1.5   true   2026-01-01  draft   north  red
 *   s2   Beta basalt      BB-002   10   2.25  false  2026-02-01  active  north  red blue
 *   s3   Gamma granite    CC-003  100   -     true   2026-03-01  done    south  big
 *   s4   Delta dolomite   -         -  10     true   -           draft   -      -
 *   s5   Epsilon quartz   EE-005  500  99.99  false  2026-01-15  active  south  blue big  (backup north)
 *   s6   Zeta zircon      FF-006 1000   0     -      2025-12-31  done    none   -         (parent s1)
 *   s7   Eta 100% pure_x  -         7   -     true   -           draft   -      -         (parent s1)
 */
export const SITES = {
  north: { name: 'North base', region: 'north', capacity: 10 },
  south: { name: 'South base', region: 'south', capacity: 20 },
  none: { name: 'Nowhere' },
};
export const TAGS = {
  red: { name: 'red', group: 'color', order: 1 },
  blue: { name: 'blue', group: 'color', order: 2 },
  big: { name: 'big', group: 'size', order: 3 },
};
export const SAMPLES: Record<string, Json> = {
  s1: {
    title: 'Alpha quartz',
    code: 'AA-001',
    quantity: 0,
    weight: 1.5,
    active: true,
    collected_on: '2026-01-01',
    measured_at: '2026-01-01T08:00:00Z',
    start_time: '08:00:00',
    status: 'draft',
    site: 'north',
    tags: ['red'],
    external_id: 'EXT-1',
    description: 'the first sample of the series',
  },
  s2: {
    title: 'Beta basalt',
    code: 'BB-002',
    quantity: 10,
    weight: 2.25,
    active: false,
    collected_on: '2026-02-01',
    measured_at: '2026-02-01T12:30:00Z',
    start_time: '12:30:00',
    status: 'active',
    site: 'north',
    tags: ['red', 'blue'],
    external_id: 'EXT-2',
  },
  s3: {
    title: 'Gamma granite',
    code: 'CC-003',
    quantity: 100,
    active: true,
    collected_on: '2026-03-01',
    measured_at: '2026-03-01T23:59:59Z',
    start_time: '23:59:59',
    status: 'done',
    site: 'south',
    tags: ['big'],
  },
  s4: { title: 'Delta dolomite', weight: 10, status: 'draft', tags: [] },
  s5: {
    title: 'Epsilon quartz',
    code: 'EE-005',
    quantity: 500,
    weight: 99.99,
    active: false,
    collected_on: '2026-01-15',
    status: 'active',
    site: 'south',
    backup_site: 'north',
    tags: ['blue', 'big'],
  },
  s6: {
    title: 'Zeta zircon',
    code: 'FF-006',
    quantity: 1000,
    weight: 0,
    active: null,
    collected_on: '2025-12-31',
    status: 'done',
    site: 'none',
    parent: 's1',
  },
  s7: { title: 'Eta 100% pure_x', quantity: 7, status: 'draft', parent: 's1', description: 'fifty percent' },
};

export interface Dataset {
  /** key (s1, north, red, ...) → id */
  id: Record<string, string>;
  /** id → key */
  key: Record<string, string>;
  /** Keys of the ids, sorted, for comparisons. */
  keys(ids: string[]): string[];
}

/** Loads the data set (in order, so s1 exists before s6 refers to it). */
export async function loadDataset(c: LabClient): Promise<Dataset> {
  const id: Record<string, string> = {};
  for (const [k, v] of Object.entries(SITES)) id[k] = (await make(c, 'site', v)).id as string;
  for (const [k, v] of Object.entries(TAGS)) id[k] = (await make(c, 'tag', v)).id as string;
  for (const [k, v] of Object.entries(SAMPLES)) {
    const body: Json = { ...v };
    for (const f of ['site', 'backup_site', 'parent']) if (typeof body[f] === 'string') body[f] = id[body[f] as string];
    if (Array.isArray(body.tags)) body.tags = (body.tags as string[]).map((t) => id[t]);
    id[k] = (await make(c, 'sample', body)).id as string;
  }
  const key = Object.fromEntries(Object.entries(id).map(([k, v]) => [v, k]));
  return { id, key, keys: (ids) => ids.map((i) => key[i] ?? i).sort() };
}
