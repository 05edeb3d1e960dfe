import { execFile } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { systemContext } from '../src/data/request-context.ts';
import { loadSeed, readSeed, type SeedData } from '../src/seed/load-seed.ts';
import { CORE, createTestEngine, REPO, type TestEngine } from './harness.ts';
import { expectErrorShape, type Json } from './lab.ts';

// The shipped `core` bundle as `npm start` uses it: it validates and applies, its demo data
// loads through the write path and loads again as a no-op, and its rules answer clear errors.

const SEEDS = path.join(REPO, 'seeds');
const BASE = '/api/v1/data/core';
const ENTITIES = ['currency', 'exchange_rate', 'site', 'tag', 'unit'];

type Detail = { path: string; code: string; message: string };

let t: TestEngine;
let seed: SeedData;

beforeAll(async () => {
  t = await createTestEngine([CORE]);
  seed = await readSeed(SEEDS, 'core');
});
afterAll(() => t?.close());

const api = {
  create: (entity: string, body: Json, lang = 'en') =>
    request(t.app).post(`${BASE}/${entity}`).set('accept-language', lang).send(body),
  get: (entity: string, key: string, query: Record<string, string> = {}) =>
    request(t.app).get(`${BASE}/${entity}/${key}`).query(query),
  patch: (entity: string, key: string, body: Json) => request(t.app).patch(`${BASE}/${entity}/${key}`).send(body),
  filter: (entity: string, filter: Json) =>
    request(t.app)
      .get(`${BASE}/${entity}`)
      .query({ limit: 500, filter: JSON.stringify(filter) }),
};

const seedContext = () => systemContext(t.engine.db, t.engine.registry.current, t.engine.log, 'seed');

async function rowCount(table: string): Promise<number> {
  const row = await t.engine.db(table).count({ n: '*' }).first();
  return Number((row as { n: unknown }).n);
}

/** Every row of every core table and the audit trail's length: what a no-op must leave alone. */
async function snapshot() {
  const tables: Record<string, unknown[]> = {};
  for (const e of ENTITIES) {
    tables[e] = await t.engine.db(`core_${e}`).select('id', 'external_id', 'version', 'updated_at').orderBy('id');
  }
  return { tables, audit: await rowCount('sys_audit') };
}

async function idOf(entity: string, externalId: string): Promise<string> {
  const res = await api.get(entity, externalId);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id as string;
}

/** Expects a 422 whose details name `path` with `code`, and returns that detail. */
function expectInvalid(res: request.Response, path: string, code: string): Detail {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('validation_failed');
  const details = res.body.error.details as Detail[];
  expect(details, JSON.stringify(details)).toEqual([expect.objectContaining({ path, code })]);
  return details[0]!;
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'engine/bin/opsflux.js'), ...args],
      { cwd: REPO, env, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('the core bundle', () => {
  it('validates without a problem and re-applies as a no-op', async () => {
    const [prepared] = await prepareBundles(t.engine.db, [CORE]);
    expect(prepared!.issues).toEqual([]);
    const bundle = prepared!.bundle!;
    expect(bundle.manifest.name).toBe('core');
    expect(bundle.entities.map((e) => e.name).sort()).toEqual(ENTITIES);
    expect((await applyBundle(t.engine.db, bundle)).noop).toBe(true);
  });

  it('creates its tables, with one unique index over (from, to, date) for rates', async () => {
    for (const e of ENTITIES) expect(await t.engine.db.schema.hasTable(`core_${e}`)).toBe(true);
    const { rows } = await t.engine.db.raw(
      `select indexdef from pg_indexes where tablename = 'core_exchange_rate' and indexdef like 'CREATE UNIQUE%'`,
    );
    const defs = (rows as { indexdef: string }[]).map((r) => r.indexdef);
    expect(
      defs.some((d) => d.includes('(from_currency, to_currency, valid_on)')),
      defs.join('\n'),
    ).toBe(true);
  });
});

describe('the core demo data', () => {
  it('loads every record through the write path', async () => {
    const counts = await loadSeed(seedContext(), 'core', seed);
    expect(counts).toEqual(Object.fromEntries(Object.entries(seed).map(([e, rows]) => [e, rows.length])));
    for (const [e, rows] of Object.entries(seed)) {
      expect(await rowCount(`core_${e}`), e).toBe(rows.length);
    }
    expect(seed.site!.length).toBeGreaterThanOrEqual(30);
    expect(seed.currency!.length).toBeGreaterThanOrEqual(12);
    expect(seed.unit!.length).toBeGreaterThanOrEqual(40);
    expect(seed.tag!.length).toBeGreaterThanOrEqual(15);
  });

  it('changes nothing when loaded a second time: no record, no version, no audit entry', async () => {
    const before = await snapshot();
    const counts = await loadSeed(seedContext(), 'core', await readSeed(SEEDS, 'core'));
    expect(
      Object.values(counts).every((n) => n === 0),
      JSON.stringify(counts),
    ).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('is what `opsflux seed core` (and so `npm start`) finds, and a third load adds nothing', async () => {
    const before = await snapshot();
    const run = await cli('seed', 'core');
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('✓ seeded core: 0 currency, 0 exchange_rate, 0 unit, 0 tag, 0 site new record(s)');
    expect(await snapshot()).toEqual(before);
  });

  it('links installations to their field through the self reference', async () => {
    const platform = await api.get('site', 'CORE-SITE-CM-ESK-P1', { expand: 'parent' });
    expect(platform.status, JSON.stringify(platform.body)).toBe(200);
    expect(platform.body.data.parent).toMatchObject({ code: 'CM-ESK-FLD', kind: 'field' });
    expect(platform.body.data.location).toEqual({ latitude: 4.41, longitude: 8.77 });
    const children = await api.filter('site', { parent: await idOf('site', 'CORE-SITE-GA-OBA-FLD') });
    expect(children.body.data.map((s: Json) => s.code).sort()).toEqual(['GA-OBA-PA', 'GA-OBA-PB']);
  });

  it('keeps the fixed parity of the CFA franc: 1 EUR = 655.957 XAF every month', async () => {
    const eur = await idOf('currency', 'CORE-CUR-EUR');
    const xaf = await idOf('currency', 'CORE-CUR-XAF');
    const res = await api.filter('exchange_rate', { from_currency: eur, to_currency: xaf });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(12);
    for (const r of res.body.data as Json[]) expect(r).toMatchObject({ rate: 655.957, source: 'fixed_parity' });
  });

  it('reads back decimals as seeded and fills computed fields', async () => {
    const bbl = await api.get('unit', 'CORE-UNIT-bbl');
    expect(bbl.body.data).toMatchObject({ factor: 0.158987294928, offset: 0, display_name: 'Oil barrel (bbl)' });
    const rows = await t.engine.db('core_unit').select('external_id', 'factor', 'offset');
    const seeded = new Map(seed.unit!.map((u) => [u.external_id, u]));
    for (const r of rows)
      expect([r.factor, r.offset]).toEqual([seeded.get(r.external_id)!.factor, seeded.get(r.external_id)!.offset]);
  });
});

describe('the rules of exchange rates, currencies, units and sites', () => {
  let usd: string;
  let xaf: string;
  beforeAll(async () => {
    usd = await idOf('currency', 'CORE-CUR-USD');
    xaf = await idOf('currency', 'CORE-CUR-XAF');
  });
  const rate = (body: Json) => ({ from_currency: usd, to_currency: xaf, rate: 600, valid_on: '2030-01-01', ...body });

  it('accepts a valid rate', async () => {
    const res = await api.create('exchange_rate', rate({ rate: 612.3456789012 }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.rate).toBe(612.3456789012);
  });

  it('refuses a rate from a currency to itself, naming the target currency, in the reader language', async () => {
    const en = expectInvalid(
      await api.create('exchange_rate', rate({ to_currency: usd, valid_on: '2030-02-01' })),
      'to_currency',
      'rule.different_currencies',
    );
    expect(en.message).toBe('The target currency must differ from the source currency.');
    const fr = expectInvalid(
      await api.create('exchange_rate', rate({ to_currency: usd, valid_on: '2030-02-01' }), 'fr'),
      'to_currency',
      'rule.different_currencies',
    );
    expect(fr.message).toBe('La devise cible doit être différente de la devise source.');
  });

  it('refuses a change that makes an existing rate point at its own currency', async () => {
    const existing = await api.get('exchange_rate', 'CORE-FX-2025-06-01-USD-XAF');
    const res = await api.patch('exchange_rate', existing.body.data.id, { to_currency: usd, version: 1 });
    expectInvalid(res, 'to_currency', 'rule.different_currencies');
  });

  it.each([
    ['zero', 0],
    ['negative', -1.5],
  ])('refuses a %s rate, naming the rate', async (_name, value) => {
    const detail = expectInvalid(
      await api.create('exchange_rate', rate({ rate: value, valid_on: '2030-03-01' })),
      'rate',
      'rule.positive_rate',
    );
    expect(detail.message).toBe('The rate must be greater than zero.');
  });

  it('refuses a second rate for the same pair and date', async () => {
    const res = await api.create('exchange_rate', rate({ valid_on: '2025-01-01' }));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('unique_violation');
    expect((res.body.error.details as Detail[]).map((d) => d.path)).toEqual([
      'from_currency',
      'to_currency',
      'valid_on',
    ]);
  });

  it('refuses a currency code already used, and one that is not three capitals', async () => {
    const dup = await api.create('currency', { code: 'USD', name: 'Another dollar', decimals: 2 });
    expect(dup.status, JSON.stringify(dup.body)).toBe(409);
    expectErrorShape(dup.body);
    expect(dup.body.error).toMatchObject({
      code: 'unique_violation',
      details: [expect.objectContaining({ path: 'code' })],
    });
    expectInvalid(await api.create('currency', { code: 'usd', name: 'Lower case', decimals: 2 }), 'code', 'pattern');
  });

  it('refuses a unit whose factor is not positive', async () => {
    const res = await api.create('unit', { code: 'zero', name: 'Nothing', symbol: '0', category: 'length', factor: 0 });
    expectInvalid(res, 'factor', 'rule.positive_factor');
  });

  it('refuses an offshore installation without a location, and accepts a base without one', async () => {
    const site = { name: 'Test', country: 'CM', time_zone: 'Africa/Douala' };
    expectInvalid(
      await api.create('site', { ...site, code: 'CM-TEST-P9', kind: 'offshore' }),
      'location',
      'rule.offshore_located',
    );
    const base = await api.create('site', { ...site, code: 'CM-TEST-BASE', kind: 'base' });
    expect(base.status, JSON.stringify(base.body)).toBe(201);
    expect(base.body.data.is_active).toBe(true);
    expectInvalid(
      await api.create('site', { ...site, code: 'CM-TEST-TZ', kind: 'base', time_zone: 'WAT+1' }),
      'time_zone',
      'pattern',
    );
  });
});
