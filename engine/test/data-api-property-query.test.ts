import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, startLab, type LabClient } from './lab.ts';
import { anyValue, filterScalar, structuredFilter, typedFilter } from './lab-arbitraries.ts';
import { loadDataset } from './lab-dataset.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  await loadDataset(c);
});
afterAll(() => t?.close());

/** Runs per property; raise with PROPERTY_RUNS=2000 to hunt for rarer failures. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const seen = { ok: 0, bad: 0 };

/** 200 with a list, or 400 with the error shape; anything else fails the property. */
function expectListOrBadRequest(res: request.Response, what: unknown): void {
  seen[res.status === 200 ? 'ok' : 'bad']++;
  const note = `${JSON.stringify(what)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect([200, 400], note).toContain(res.status);
  if (res.status === 400) {
    expectErrorShape(res.body);
    expect(res.body.error.code, note).toMatch(/^(filter_invalid|query_invalid|invalid_value)$/);
  } else {
    expect(Array.isArray(res.body.data), note).toBe(true);
    expect(res.body.meta, note).toBeTypeOf('object');
  }
}

describe('property: filters never crash the API', () => {
  it('answers 200 or 400 to any JSON value as filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }), async (value) => {
        const res = await c.list('sample', { filter: JSON.stringify(value) });
        expectListOrBadRequest(res, value);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers 200 or 400 to structured filters of fields × operators × values', async () => {
    seen.ok = 0;
    await fc.assert(
      fc.asyncProperty(structuredFilter, fc.constantFrom('sample', 'site', 'tag'), async (filter, entity) => {
        const res = await c.list(entity, { filter: JSON.stringify(filter), limit: 5 });
        expectListOrBadRequest(res, { entity, filter });
      }),
      { numRuns: RUNS * 2 },
    );
    // Typed conditions are mixed in so that a fair share of the filters reach the database.
    expect(seen.ok).toBeGreaterThan(RUNS * 0.15);
  });

  it('answers 200 or 400 to raw filter text', async () => {
    const raw = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v).slice(0, -1)),
      fc.constantFrom('{"title":', '{"$or":[{}]}', '{"$and":[{"$not":{}}]}', '{"a":1}}', '[]', '""'),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        const res = await request(t.app).get(`${BASE}/sample`).query({ filter: text });
        expectListOrBadRequest(res, text);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every well-typed filter (200)', async () => {
    await fc.assert(
      fc.asyncProperty(typedFilter, async (filter) => {
        const res = await c.list('sample', { filter: JSON.stringify(filter), limit: 5 });
        expect(res.status, `${JSON.stringify(filter)} → ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      }),
      { numRuns: RUNS },
    );
  });

  it('returns the same records whatever the order of $and items (filter-equivalence)', async () => {
    const simple = fc.oneof(
      fc.constantFrom({ status: 'draft' }, { quantity: { $gte: 10 } }, { 'site.region': 'north' }, { active: true }),
      fc.constantFrom({ title: { $contains: 'a' } }, { code: { $null: false } }, { 'tags.name': 'blue' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(simple, { minLength: 1, maxLength: 4 }), async (items) => {
        const a = await c.list('sample', { filter: JSON.stringify({ $and: items }), sort: 'id' });
        const b = await c.list('sample', { filter: JSON.stringify({ $and: [...items].reverse() }), sort: 'id' });
        const either = await c.list('sample', { filter: JSON.stringify({ $or: items }), sort: 'id' });
        expect(a.status).toBe(200);
        expect(a.body.data).toEqual(b.body.data);
        const inOr = new Set(either.body.data.map((r: { id: string }) => r.id));
        for (const r of a.body.data) expect(inOr.has(r.id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

const FIELD_NAMES = ['title', 'quantity', 'collected_on', 'status', 'site', 'code', 'id', 'created_at', 'weight'];
const sortItem = fc.oneof(
  fc.tuple(fc.constantFrom('', '-'), fc.constantFrom(...FIELD_NAMES)).map(([d, f]) => d + f),
  fc.string({ maxLength: 8 }),
);
const cursorText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.base64String({ maxLength: 40 }),
  fc
    .array(
      fc.oneof(
        fc.constant(null),
        filterScalar.map((v) => JSON.stringify(v) ?? ''),
      ),
      { maxLength: 4 },
    )
    .map((xs) => Buffer.from(JSON.stringify(xs)).toString('base64url')),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
);
const queryArb = fc.record(
  {
    limit: fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.string({ maxLength: 5 })),
    sort: fc.array(sortItem, { maxLength: 3 }).map((xs) => xs.join(',')),
    cursor: cursorText,
    page: fc.oneof(fc.integer({ min: -2, max: 200_000 }).map(String), fc.string({ maxLength: 4 })),
    count: fc.constantFrom('true', 'false', 'yes', ''),
    fields: fc.array(fc.constantFrom(...FIELD_NAMES, 'tags', 'nope', 'display', 'version'), { maxLength: 4 }),
    expand: fc.array(fc.constantFrom('site', 'tags', 'parent', 'title', 'nope'), { maxLength: 3 }),
    deleted: fc.constantFrom('exclude', 'include', 'only', 'all'),
    q: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('quartz', 'quartx', '%', "'")),
    filter: structuredFilter.map((f) => JSON.stringify(f)),
    junk: fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 })),
  },
  { requiredKeys: [] },
);

describe('property: query strings never crash the API', () => {
  it('answers 200 or 400 to random list parameters', async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, fc.boolean(), async (q, repeat) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(q)) {
          if (k === 'junk') params.append((v as string[])[0]!, (v as string[])[1]!);
          else params.append(k, Array.isArray(v) ? v.join(',') : String(v));
        }
        if (repeat && q.limit !== undefined) params.append('limit', '5');
        const res = await request(t.app).get(`${BASE}/sample?${params.toString()}`);
        expectListOrBadRequest(res, params.toString());
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers 2xx or 4xx, never 5xx, to random ids, expand and deleted on a read', async () => {
    const id = fc.oneof(
      fc.uuid(),
      fc.string({ minLength: 1, maxLength: 300 }),
      anyValue.map((v) => JSON.stringify(v) ?? 'x'),
    );
    await fc.assert(
      fc.asyncProperty(id, fc.option(fc.string({ maxLength: 10 })), async (key, expand) => {
        const url = `${BASE}/sample/${encodeURIComponent(key)}${expand === null ? '' : `?expand=${encodeURIComponent(expand)}`}`;
        const res = await request(t.app).get(url);
        expect(res.status, `${url} → ${res.status}`).toBeLessThan(500);
        if (res.status >= 400) expectErrorShape(res.body);
      }),
      { numRuns: RUNS },
    );
  });
});
