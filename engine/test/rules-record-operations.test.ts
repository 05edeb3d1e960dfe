import path from 'node:path';
import jsonLogic from 'json-logic-js';
import request from 'supertest';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.ts';
import { Engine } from '../src/engine.ts';
import type { Registry } from '../src/registry/registry-types.ts';
import {
  MAX_RECORD_OPERATIONS,
  resolveRecordOperations,
  STATEMENT_TIMEOUT_MS,
} from '../src/rules/record-operations.ts';
import { applyBundles, createTestEngine, REPO, type TestEngine } from './harness.ts';

// Rules and guards that count, add up and find the busiest day of other records, resolved
// against PostgreSQL before json-logic evaluates them: var substitution in filters, soft-deleted
// records left out, [start, end) days, the bound on operations, filters that become invalid once
// evaluated, operations inside the arguments of others, the read-only transaction, PGlite.

const AGGREGATES = path.join(REPO, 'engine/test/bundles/aggregates');
const STAY = 'aggregates.stay';

let t: TestEngine;
let db: Knex;
let registry: Registry;
let site: Record<string, string>;
let stay: Record<string, string>;

/** Resolves then applies, as a guard does: what the expression answers. */
async function evaluate(logic: unknown, data: object = {}, scope = { db, registry }) {
  const resolved = await resolveRecordOperations(logic, data, scope);
  return jsonLogic.apply(resolved as jsonLogic.RulesLogic, data);
}

/** Whether a guard or rule holds: an expression that cannot be answered does not. */
async function holds(logic: unknown, data: object) {
  const resolved = await resolveRecordOperations(logic, data, { db, registry });
  try {
    return jsonLogic.truthy(jsonLogic.apply(resolved as jsonLogic.RulesLogic, data));
  } catch {
    return false;
  }
}

const count = (where: object) => ({ count_records: { entity: STAY, where } });
const peak = (extra: object) => ({
  peak_overlap: { entity: STAY, start: 'arrival', end: 'departure', where: { state: 'approved' }, ...extra },
});

/** Sites and stays straight into the tables; their ids by name and key. */
async function seed(into: Knex, reg: Registry, companyId: string | null) {
  const site: Record<string, string> = {};
  const stay: Record<string, string> = {};
  const tables = { site: reg.entities.get('aggregates.site')!.table, stay: reg.entities.get(STAY)!.table };
  const sites = await into(tables.site)
    .insert([
      { name: 'North', capacity: 10 },
      { name: 'South', capacity: 5 },
      { name: 'East', capacity: 3 },
    ])
    .returning(['id', 'name']);
  for (const s of sites) site[s.name] = s.id;
  const rows = [
    // North, approved: 1 on May 1-2, 2 on May 3-5, 1 on May 6-7; by headcount the peak is May 5 (3 + 4).
    { key: 's1', person: 'ana', site: 'North', arrival: '2026-05-01', departure: '2026-05-05', headcount: 2 },
    { key: 's2', person: 'ben', site: 'North', arrival: '2026-05-03', departure: '2026-05-06', headcount: 3 },
    { key: 's3', person: 'cy', site: 'North', arrival: '2026-05-05', departure: '2026-05-08', headcount: 4 },
    {
      key: 's4',
      person: 'dee',
      site: 'North',
      arrival: '2026-05-02',
      departure: '2026-05-04',
      headcount: 5,
      state: 'requested',
    },
    {
      key: 's5',
      person: 'eve',
      site: 'North',
      arrival: '2026-05-03',
      departure: '2026-05-05',
      headcount: 50,
      deleted: true,
    },
    {
      key: 's6',
      person: 'ana',
      site: 'South',
      arrival: '2026-06-01',
      departure: '2026-06-10',
      headcount: 1,
      cost: 120.5,
    },
    // East, by date-time: 01:00 at +02:00 is still May 9 in UTC.
    {
      key: 's7',
      person: 'fay',
      site: 'East',
      boarding_at: '2026-05-10T01:00:00+02:00',
      leaving_at: '2026-05-11T12:00:00Z',
      headcount: 2,
      cost: 79.5,
    },
  ];
  for (const { key, site: s, state, deleted, ...values } of rows) {
    const [row] = await into(tables.stay)
      .insert({
        ...values,
        site: site[s],
        state: state ?? 'approved',
        company_id: companyId,
        ...(deleted && { deleted_at: new Date() }),
      })
      .returning('id');
    stay[key] = row.id;
  }
  return { site, stay };
}

beforeAll(async () => {
  t = await createTestEngine([AGGREGATES]);
  db = t.engine.db;
  registry = t.engine.registry.current;
  ({ site, stay } = await seed(db, registry, t.companyId));
});
afterAll(() => t?.close());

describe('count_records and sum_records', () => {
  it('count the live records a filter selects, its values taken from the data', async () => {
    const others = count({
      site: { $eq: { var: 'record.site' } },
      state: 'approved',
      id: { $ne: { var: 'record.id' } },
    });
    // s2 and s3; s4 is only requested, s5 is deleted.
    expect(await evaluate(others, { record: { site: site.North, id: stay.s1 } })).toBe(2);
    expect(await evaluate({ '==': [others, 2] }, { record: { site: site.North, id: stay.s1 } })).toBe(true);
    // A new record has no id: $ne null keeps every record.
    expect(await evaluate(others, { record: { site: site.North } })).toBe(3);
    expect(await evaluate(count({ person: 'eve' }))).toBe(0);
    expect(await evaluate(count({}))).toBe(6);
  });

  it('add up a numeric field, 0 when nothing matches', async () => {
    const sum = (field: string, where: object) => ({ sum_records: { entity: STAY, field, where } });
    expect(await evaluate(sum('headcount', { site: site.North, state: 'approved' }))).toBe(9);
    expect(await evaluate(sum('cost', { cost: { $gt: 0 } }))).toBe(200);
    expect(await evaluate(sum('headcount', { person: 'nobody' }))).toBe(0);
  });

  it('answer the overlap the date operation means: leaving the day another arrives is no overlap', async () => {
    const overlapping = count({
      site: site.North,
      state: 'approved',
      arrival: { $lt: { var: 'to' } },
      departure: { $gt: { var: 'from' } },
    });
    // s1 leaves on May 5: it does not overlap a period starting that day.
    expect(await evaluate(overlapping, { from: '2026-05-05', to: '2026-05-08' })).toBe(2);
    expect(await evaluate(overlapping, { from: '2026-05-04', to: '2026-05-05' })).toBe(2);
  });
});

describe('peak_overlap', () => {
  const may = { from: '2026-05-01', to: '2026-06-01' };

  it('finds the day covered by the most records, the earliest on ties', async () => {
    const north = { where: { site: site.North, state: 'approved' } };
    expect(await evaluate(peak({ ...may, ...north }))).toEqual({ day: '2026-05-03', count: 2 });
    // Summed by headcount: May 5 has s2 and s3 (7), not s1, which leaves that day.
    expect(await evaluate(peak({ ...may, ...north, weight: 'headcount' }))).toEqual({ day: '2026-05-05', count: 7 });
    expect(await evaluate(peak({ from: '2026-05-05', to: '2026-05-06', ...north }))).toEqual({
      day: '2026-05-05',
      count: 2,
    });
  });

  it('reads its period from the data, and can pick the count or the day', async () => {
    const p = peak({ from: { var: 'record.arrival' }, to: { var: 'record.departure' }, where: { site: site.North } });
    const data = { record: { arrival: '2026-05-06', departure: '2026-05-09' } };
    expect(await evaluate(p, data)).toEqual({ day: '2026-05-06', count: 1 });
    const picked = peak({ ...may, pick: 'count', where: { state: 'approved', site: { var: 's' } } });
    expect(await evaluate({ '<': [picked, 3] }, { s: site.North })).toBe(true);
    expect(await evaluate(peak({ ...may, pick: 'day', where: { site: site.North } }))).toBe('2026-05-03');
  });

  it('answers no day and 0 when nothing covers the period, or the period is empty', async () => {
    expect(await evaluate(peak({ from: '2027-01-01', to: '2027-02-01' }))).toEqual({ day: null, count: 0 });
    expect(await evaluate(peak({ from: '2026-05-04', to: '2026-05-04' }))).toEqual({ day: null, count: 0 });
    expect(await evaluate(peak({ from: '2026-05-09', to: '2026-05-01' }))).toEqual({ day: null, count: 0 });
  });

  it('reads date-time fields by their UTC day', async () => {
    const east = peak({ start: 'boarding_at', end: 'leaving_at', from: '2026-05-01', to: '2026-06-01' });
    expect(await evaluate(east)).toEqual({ day: '2026-05-09', count: 1 });
  });
});

describe('the bundle’s own guard and rule', () => {
  const approve = () => registry.entities.get(STAY)!.workflow!.transitions.get('approve')!.guard;
  const rule = () => registry.entities.get(STAY)!.def.rules![0]!.expression;

  it('lets a stay in while every night keeps a bed for it', async () => {
    // May 4 has 5 people at North, May 5 has 7; 10 beds.
    const stayOf = (headcount: number) => ({
      record: { site: site.North, arrival: '2026-05-04', departure: '2026-05-06', headcount },
    });
    expect(await holds(approve(), stayOf(3))).toBe(true);
    expect(await holds(approve(), stayOf(4))).toBe(false);
  });

  it('keeps a person at one site at a time', async () => {
    const at = (s: string, arrival: string, departure: string) => ({
      person: 'ana',
      site: site[s],
      arrival,
      departure,
    });
    expect(await holds(rule(), at('North', '2026-06-05', '2026-06-07'))).toBe(false); // s6 is at South then
    expect(await holds(rule(), at('South', '2026-06-05', '2026-06-07'))).toBe(true); // s6 itself, or its site
    expect(await holds(rule(), at('North', '2026-06-10', '2026-06-12'))).toBe(true); // s6 has left
    expect(await holds(rule(), { person: 'ana', site: site.North })).toBe(true); // no dates yet
  });
});

describe('operations that cannot be answered', () => {
  it('make the expression fail when evaluation reaches them, so the guard is not met', async () => {
    const bySite = count({ site: { var: 'record.site' } });
    const data = { record: { site: 'not-a-record-id' } };
    // null would pass `< 3`; the marker does not.
    expect(await holds({ '<': [bySite, 3] }, data)).toBe(false);
    expect(await holds({ '==': [bySite, 0] }, data)).toBe(false);
    const resolved = await resolveRecordOperations({ '<': [bySite, 3] }, data, { db, registry });
    expect(() => jsonLogic.apply(resolved as jsonLogic.RulesLogic, data)).toThrow(/not a valid value/);
    // Branches that do not reach the marker are unaffected.
    expect(await holds({ or: [true, { '<': [bySite, 3] }] }, data)).toBe(true);
  });

  it('take null for an empty value as a filter: $eq null selects records with no value', async () => {
    expect(await evaluate(count({ site: { var: 'record.site' } }), { record: {} })).toBe(0);
    expect(await evaluate(count({ site: { $ne: { var: 'record.site' } } }), { record: {} })).toBe(6);
  });

  it('fail the same way for unknown entities or fields, unreadable dates and long periods', async () => {
    const failing = [
      { count_records: { entity: 'aggregates.nothing', where: {} } },
      { sum_records: { entity: STAY, field: 'person', where: {} } },
      { sum_records: { entity: STAY, field: 'nothing', where: {} } },
      peak({ from: { var: 'record.arrival' }, to: '2026-06-01' }),
      peak({ from: '2020-01-01', to: '2026-01-01' }),
      count({ nothing: 1 }),
      count({ headcount: { $gt: { var: 'record' } } }),
    ];
    const codes: string[] = [];
    for (const logic of failing) {
      const resolved = await resolveRecordOperations(logic, { record: {} }, { db, registry });
      try {
        jsonLogic.apply(resolved as jsonLogic.RulesLogic, {});
        codes.push('answered');
      } catch (e) {
        codes.push((e as { code?: string }).code ?? 'no code');
      }
    }
    expect(codes).toEqual([
      'record_operation.unknown_entity',
      'record_operation.field',
      'record_operation.field',
      'record_operation.date',
      'record_operation.period',
      'record_operation.filter',
      'record_operation.filter',
    ]);
  });
});

describe('bounds and nesting', () => {
  it(`answers up to ${MAX_RECORD_OPERATIONS} operations in one expression, refuses more`, async () => {
    const ops = (n: number) => ({ '+': Array.from({ length: n }, () => count({ person: 'ben' })) });
    expect(await evaluate(ops(MAX_RECORD_OPERATIONS))).toBe(MAX_RECORD_OPERATIONS);
    await expect(evaluate(ops(MAX_RECORD_OPERATIONS + 1))).rejects.toMatchObject({
      code: 'too_many_record_operations',
    });
  });

  it('resolves operations inside the arguments of others first', async () => {
    // Sites with no more beds than North has approved stays (3): East.
    const nested = {
      count_records: {
        entity: 'aggregates.site',
        where: { capacity: { $lte: count({ site: site.North, state: 'approved' }) } },
      },
    };
    expect(await evaluate(nested)).toBe(1);
    // A period computed from another operation: May 1 plus as many days as ana has stays (2).
    const fromOps = peak({
      from: { date_add: ['2026-05-01', { count_records: { entity: STAY, where: { person: 'ana' } } }] },
      to: '2026-06-01',
      where: { site: site.North, state: 'approved' },
    });
    expect(await evaluate(fromOps)).toEqual({ day: '2026-05-03', count: 2 });
    // A nested operation that cannot be answered makes the outer one fail too.
    const broken = count({ headcount: { $lt: { count_records: { entity: 'aggregates.nothing', where: {} } } } });
    expect(await holds({ '>=': [broken, 0] }, {})).toBe(false);
  });

  it('reads in one read-only transaction with a statement timeout, also inside the caller’s', async () => {
    const seen: string[] = [];
    const listen = (q: { sql: string }) => seen.push(q.sql);
    db.on('query', listen);
    try {
      await evaluate({ '+': [count({}), count({ person: 'ana' })] });
    } finally {
      db.off('query', listen);
    }
    expect(seen.filter((s) => /^(BEGIN|SET|ROLLBACK|COMMIT)/i.test(s))).toEqual([
      'BEGIN;',
      'SET TRANSACTION READ ONLY',
      `SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`,
      'ROLLBACK',
    ]);
    const rolledBack = new Error('rolled back');
    const inCallersTransaction = db.transaction(async (trx) => {
      const inside = { db: trx as unknown as Knex, registry };
      expect(await evaluate(count({ person: 'ana' }), {}, inside)).toBe(2);
      // The savepoint is rolled back: the caller's transaction may write again, without a timeout.
      const settings = await trx.raw(
        "SELECT current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS st",
      );
      expect(settings.rows[0]).toEqual({ ro: 'off', st: '0' });
      await trx(registry.entities.get('aggregates.site')!.table).insert({ name: 'Scratch' });
      throw rolledBack;
    });
    await expect(inCallersTransaction).rejects.toBe(rolledBack);
  });
});

describe('a slow read', () => {
  it(`is stopped after ${STATEMENT_TIMEOUT_MS} ms, as a 503 the caller can tell from a false guard`, async () => {
    const real = registry.entities.get(STAY)!;
    // A view that takes longer than the timeout to read, standing in for a big table.
    await db.raw(`CREATE VIEW slow_stays AS SELECT s.* FROM ?? s, pg_sleep(${(STATEMENT_TIMEOUT_MS + 1000) / 1000})`, [
      real.table,
    ]);
    const slow = { ...registry, entities: new Map([[STAY, { ...real, table: 'slow_stays' }]]) } as Registry;
    const started = Date.now();
    await expect(resolveRecordOperations(count({}), {}, { db, registry: slow })).rejects.toMatchObject({
      status: 503,
      code: 'record_operation_timeout',
    });
    expect(Date.now() - started).toBeLessThan(STATEMENT_TIMEOUT_MS + 900);
  });
});

describe('on the embedded database (PGlite)', () => {
  let embedded: Engine;
  beforeAll(async () => {
    embedded = await Engine.create(createConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }));
    await applyBundles(embedded, [AGGREGATES]);
  });
  afterAll(() => embedded?.close());

  it('accepts the read-only transaction and the timeout setting, and answers the same', async () => {
    const reg = embedded.registry.current;
    const { site: sites } = await seed(embedded.db, reg, null);
    const scope = { db: embedded.db, registry: reg };
    const north = { site: sites.North, state: 'approved' };
    expect(
      await evaluate(peak({ from: '2026-05-01', to: '2026-06-01', where: north, weight: 'headcount' }), {}, scope),
    ).toEqual({
      day: '2026-05-05',
      count: 7,
    });
    expect(await evaluate(count(north), {}, scope)).toBe(3);
  });
});

describe('through the API', () => {
  const url = '/api/v1/data/aggregates/stay';
  const create = async (values: object) => (await request(t.app).post(url).send(values).expect(201)).body.data;

  it('a transition whose guard counts other records: refused with its message, allowed when it fits', async () => {
    const big = await create({
      person: 'gus',
      site: site.North,
      arrival: '2026-05-04',
      departure: '2026-05-06',
      headcount: 4,
    });
    const options = await request(t.app).get(`${url}/${big.id}/transitions`).expect(200);
    const approve = options.body.data.transitions.find((o: { name: string }) => o.name === 'approve');
    expect(approve.obstacles).toEqual([
      {
        code: 'guard',
        message: 'The site has no bed left on at least one night of this stay',
        params: { fromDefinition: true },
      },
    ]);
    const refused = await request(t.app).post(`${url}/${big.id}/transitions/approve`).send({}).expect(422);
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ code: 'guard' }));
    const small = await create({
      person: 'hal',
      site: site.North,
      arrival: '2026-05-04',
      departure: '2026-05-06',
      headcount: 3,
    });
    await request(t.app).post(`${url}/${small.id}/transitions/approve`).send({}).expect(200);
    // Once approved, it counts: the night of May 5 is now full for anyone else.
    const one = await create({
      person: 'ida',
      site: site.North,
      arrival: '2026-05-05',
      departure: '2026-05-06',
      headcount: 1,
    });
    await request(t.app).post(`${url}/${one.id}/transitions/approve`).send({}).expect(422);
  });

  it('two transitions racing for the last beds: exactly one passes its counting guard', async () => {
    // South has 5 beds and nothing approved in July.
    const a = await create({
      person: 'jo',
      site: site.South,
      arrival: '2026-07-01',
      departure: '2026-07-03',
      headcount: 3,
    });
    const b = await create({
      person: 'kim',
      site: site.South,
      arrival: '2026-07-02',
      departure: '2026-07-04',
      headcount: 3,
    });
    const results = await Promise.all(
      [a, b].map((r) => request(t.app).post(`${url}/${r.id}/transitions/approve`).send({})),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
  });

  it('a rule that counts other records refuses the write that breaks it, naming its field', async () => {
    const res = await request(t.app)
      .post(url)
      .send({ person: 'ana', site: site.North, arrival: '2026-06-05', departure: '2026-06-07', headcount: 1 })
      .expect(422);
    expect(res.body.error.details[0]).toMatchObject({ path: 'arrival', code: 'rule.one_site_at_a_time' });
    expect(await db(registry.entities.get(STAY)!.table).where({ person: 'ana', arrival: '2026-06-05' })).toEqual([]);
  });
});
