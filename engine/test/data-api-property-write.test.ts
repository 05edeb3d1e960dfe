import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, make, rowCount, startLab, type Json, type LabClient } from './lab.ts';
import { anyValue } from './lab-arbitraries.ts';

let t: TestEngine;
let c: LabClient;
const refs = { sites: [] as string[], tags: [] as string[], parent: '' };
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  refs.sites = [
    (await make(c, 'site', { name: 'W1' })).id as string,
    (await make(c, 'site', { name: 'W2' })).id as string,
  ];
  for (const name of ['t1', 't2', 't3']) refs.tags.push((await make(c, 'tag', { name })).id as string);
  refs.parent = (await make(c, 'sample', { title: 'parent' })).id as string;
});
afterAll(() => t?.close());

/** Runs per property; raise with PROPERTY_RUNS=2000 to hunt for rarer failures. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** A valid value of the field most of the time, a value of any type otherwise. */
const field = <T>(valid: fc.Arbitrary<T>, validWeight = 4) =>
  fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: anyValue });

const day = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const two = (n: number) => String(n).padStart(2, '0');
const time = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.integer({ min: 0, max: 59 })),
    fc.option(fc.integer({ min: 0, max: 999_999 })),
  )
  .map(
    ([h, m, s, f]) =>
      `${two(h)}:${two(m)}${s === null ? '' : `:${two(s)}${f === null ? '' : `.${String(f).padStart(6, '0')}`}`}`,
  );
/** An existing record's id, or null. */
const id = (pool: () => string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.nat(9).map((i) => pool()[i % pool().length]!) }, fc.constant(null));
const code = fc
  .tuple(fc.constantFrom('PA', 'PB', 'PC'), fc.integer({ min: 0, max: 999 }))
  .map(([a, n]) => `${a}-${String(n).padStart(3, '0')}`);

const noNul = (v: unknown) => !JSON.stringify(v).includes('\\u0000');
/** Strictly valid values for each writable field of sample. */
const VALID = {
  title: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((x) => [...x].length <= 80 && noNul(x)),
  code,
  description: fc.string({ unit: 'grapheme', maxLength: 200 }).filter(noNul),
  quantity: fc.integer({ min: 0, max: 1000 }),
  weight: fc.integer({ min: -9_999_999, max: 9_999_999 }).map((n) => n / 100),
  active: fc.oneof(fc.boolean(), fc.constant(null)),
  collected_on: day.map((d) => d.toISOString().slice(0, 10)),
  measured_at: day.map((d) => d.toISOString()),
  start_time: time,
  status: fc.constantFrom('draft', 'active', 'done'),
  contact_email: fc.emailAddress(),
  phone: fc.stringMatching(/^\+?[0-9][0-9 ().-]{2,20}$/),
  link: fc.webUrl(),
  site: id(() => refs.sites),
  backup_site: id(() => refs.sites),
  parent: id(() => [refs.parent]),
  tags: fc.subarray(refs.tags).chain((xs) => fc.shuffledSubarray(xs, { minLength: xs.length })),
  extra: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }).filter(noNul),
  location: fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  }),
  secret: fc.string({ maxLength: 64 }),
  external_id: fc.string({ minLength: 10, maxLength: 16 }),
};

/** Values that are mostly well-typed but sometimes out of range or of another type. */
const DIRTY = {
  ...Object.fromEntries(Object.entries(VALID).map(([k, v]) => [k, field(v as fc.Arbitrary<unknown>)])),
  title: field(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 90 }), 12),
  code: field(
    fc.oneof(
      code,
      code.map((x) => x.toLowerCase()),
    ),
  ),
  site: field(
    fc.oneof(
      id(() => refs.sites),
      fc.uuid(),
    ),
  ),
  parent: field(
    fc.oneof(
      id(() => [refs.parent]),
      fc.uuid(),
    ),
  ),
  tags: field(fc.oneof(VALID.tags, fc.array(fc.uuid(), { maxLength: 2 }))),
  quantity: field(fc.integer({ min: -10, max: 1100 })),
  weight: field(
    fc.oneof(
      fc.integer({ min: -10_000_100, max: 10_000_100 }).map((n) => n / 100),
      fc.double(),
    ),
  ),
  location: field(
    fc.record({
      latitude: fc.double({ min: -95, max: 95, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    }),
  ),
  secret: field(fc.string({ maxLength: 70 })),
};
/** Keys that are not writable fields, `__proto__` and `constructor` among them. */
const EXTRA_KEYS = fc.constantFrom(
  '__proto__',
  'constructor',
  'id',
  'display',
  'number',
  'company_id',
  'nope',
  'toString',
);

/** A done sample needs a collection date (cross-field rule): valid payloads respect it. */
const respectRule = (f: Json): Json =>
  f.status === 'done' && !f.collected_on ? { ...f, collected_on: '2026-01-01' } : f;

/** A payload: valid, or a random subset of dirty fields plus sometimes keys that are not fields. */
const payloadArb = fc.oneof(
  fc
    .record(VALID, { requiredKeys: [] })
    .map((f) => ({ fields: respectRule(f as Json), extras: [] as [string, unknown][], valid: true })),
  fc
    .tuple(fc.record(DIRTY, { requiredKeys: [] }), fc.array(fc.tuple(EXTRA_KEYS, anyValue), { maxLength: 2 }))
    .map(([fields, extras]) => ({ fields: fields as Json, extras, valid: false })),
);

/** The request body, written by hand so that `__proto__` is sent as an ordinary key. */
function rawBody(fields: Json, extras: [string, unknown][], more: Json = {}): string {
  const parts = [...Object.entries({ ...fields, ...more }), ...extras].map(
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`,
  );
  return `{${parts.join(',')}}`;
}

const micros = (s: string) => {
  const [h, m, rest = '0'] = s.split(':');
  return (Number(h) * 3600 + Number(m) * 60) * 1e6 + Math.round(Number(rest) * 1e6);
};
const jsonNorm = (v: unknown) => JSON.parse(JSON.stringify(v) ?? 'null');

/** Checks that a stored record holds what was sent, as PostgreSQL normalizes it. */
function expectStored(record: Json, sent: Json, note: string): void {
  for (const [k, v] of Object.entries(sent)) {
    const got = record[k];
    if (v === null) expect(got, `${k} ${note}`).toBeNull();
    else if (k === 'weight')
      expect(Math.abs((got as number) - (v as number)), `${k} ${note}`).toBeLessThanOrEqual(0.005 + 1e-9);
    else if (k === 'measured_at') expect(Date.parse(got as string), `${k} ${note}`).toBe(Date.parse(v as string));
    else if (k === 'start_time') expect(micros(got as string), `${k} ${note}`).toBe(micros(v as string));
    else if (k === 'extra' || k === 'location') expect(got, `${k} ${note}`).toEqual(jsonNorm(v));
    else expect(got, `${k} ${note}`).toEqual(v);
  }
  expect(record.display).toBe(`${String(record.title)} [${String(record.status)}]`);
}

describe('property: random creates', () => {
  it('answer 201 with what was sent, or 4xx without writing anything', async () => {
    const stats = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(payloadArb, fc.boolean(), async ({ fields, extras, valid }, asBatch) => {
        const before = await rowCount(t, 'sample');
        const body = asBatch ? `[{"title":"batch mate"},${rawBody(fields, extras)}]` : rawBody(fields, extras);
        const res = await request(t.app).post(`${BASE}/sample`).set('content-type', 'application/json').send(body);
        const note = `${body.slice(0, 400)} → ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`;
        expect(res.status, note).not.toBeGreaterThanOrEqual(500);
        if (res.status !== 201) {
          stats.refused++;
          // A valid payload can only clash with a unique value (code, external_id) or lack its title.
          if (valid && fields.title !== undefined) expect(res.status, note).toBe(409);
          expect(res.status, note).toBeGreaterThanOrEqual(400);
          expectErrorShape(res.body);
          expect(await rowCount(t, 'sample'), note).toBe(before);
          return;
        }
        stats.created++;
        expect(extras, note).toEqual([]);
        expect(await rowCount(t, 'sample'), note).toBe(before + (asBatch ? 2 : 1));
        const created = (asBatch ? res.body.data[1] : res.body.data) as Json;
        const read = await c.get('sample', created.id as string);
        expect(read.status).toBe(200);
        expect(read.body.data).toEqual(created);
        expectStored(read.body.data, fields, note);
      }),
      { numRuns: RUNS },
    );
    expect(stats.created).toBeGreaterThan(RUNS * 0.1);
    expect(stats.refused).toBeGreaterThan(RUNS * 0.1);
  });
});

describe('property: random updates', () => {
  it('answer 200 with the change applied, or 4xx leaving the record as it was', async () => {
    const base = await make(c, 'sample', { title: 'patched', quantity: 1, tags: [refs.tags[0]] });
    let current = base;
    const stats = { updated: 0, refused: 0 };
    const versionArb = fc.oneof(
      { weight: 6, arbitrary: fc.constant('current') },
      { weight: 1, arbitrary: fc.constantFrom('stale', 'missing', 'text', 'fraction') },
    );
    await fc.assert(
      fc.asyncProperty(payloadArb, versionArb, async ({ fields, extras, valid }, v) => {
        const version = current.version as number;
        const more: Json =
          v === 'current'
            ? { version }
            : v === 'stale'
              ? { version: version - 1 }
              : v === 'text'
                ? { version: String(version) }
                : v === 'fraction'
                  ? { version: version + 0.5 }
                  : {};
        const body = rawBody(fields, extras, more);
        const res = await request(t.app)
          .patch(`${BASE}/sample/${base.id}`)
          .set('content-type', 'application/json')
          .send(body);
        const note = `${body.slice(0, 400)} → ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`;
        expect(res.status, note).not.toBeGreaterThanOrEqual(500);
        const read = (await c.get('sample', base.id as string)).body.data as Json;
        if (res.status !== 200) {
          stats.refused++;
          expectErrorShape(res.body);
          if (v === 'stale') expect([409, 422], note).toContain(res.status);
          if (v === 'missing' || v === 'text' || v === 'fraction') expect(res.status, note).toBe(422);
          // The merged record may break the rule (done without a date) or clash on a unique value.
          if (valid && v === 'current') expect([409, 422], note).toContain(res.status);
          expect(read, note).toEqual(current);
          return;
        }
        stats.updated++;
        expect(v, note).toBe('current');
        expect(extras, note).toEqual([]);
        expect(read.version, note).toBe(version + 1);
        expect(read, note).toEqual(res.body.data);
        expectStored(read, fields, note);
        for (const [k, old] of Object.entries(current)) {
          if (!(k in fields) && !['version', 'updated_at', 'display', 'ref_label', 'has_backup'].includes(k))
            expect(read[k], `${k} kept ${note}`).toEqual(old);
        }
        current = read;
      }),
      { numRuns: RUNS },
    );
    expect(stats.updated).toBeGreaterThan(RUNS * 0.1);
    expect(stats.refused).toBeGreaterThan(RUNS * 0.1);
  });
});
