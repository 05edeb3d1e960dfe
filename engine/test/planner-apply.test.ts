import path from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBundle, dryRunBundle, planBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import type { Bundle } from '../src/bundles/bundle-types.ts';
import { OpsError } from '../src/errors.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// Plans, refusals, dry runs and atomic applies against real PostgreSQL. Every test here leaves
// the database at bundle inv 1.0.0 with the seeded rows.

const bundleDir = (name: string) => path.join(REPO, 'engine/test/bundles', name);

async function load(t: TestEngine, name: string): Promise<Bundle> {
  const [p] = await prepareBundles(t.engine.db, [bundleDir(name)]);
  if (!p?.bundle) throw new Error(`invalid test bundle ${name}: ${JSON.stringify(p?.issues)}`);
  return p.bundle;
}

/** Seven items: three without sku, two skus longer than 5, two equal skus, two non-numeric notes. */
const ROWS = [
  { name: 'Alpha', sku: 'A-1', note: '12', qty: 3, price: 2.5 },
  { name: 'Bravo', sku: 'BRAVO-LONG-1', note: 'hello', qty: 4, price: 1 },
  { name: 'Charlie', sku: 'CHARLIE-LONG-2', qty: 1 },
  { name: 'Delta', note: '7', qty: 1, price: 10 },
  { name: 'Echo', note: 'x7', qty: 2, price: 3 },
  { name: 'Foxtrot', qty: 5, price: 1 },
  { name: 'Golf', sku: 'A-1', note: '42', qty: 6, price: 2 },
];

/** Columns, indexes, constraints, rows and bundle records: everything a failed or dry run must leave as it was. */
async function snapshot(db: Knex) {
  const rows = async (sql: string) => (await db.raw(sql)).rows as unknown[];
  return {
    columns: await rows(
      `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'inv\\_%'
       ORDER BY table_name, column_name`,
    ),
    indexes: await rows(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'inv\\_%' ORDER BY 1`,
    ),
    constraints: await rows(`SELECT conname FROM pg_constraint WHERE conname LIKE '%inv\\_%' ORDER BY 1`),
    items: await db('inv_item').select('*').orderBy('id'),
    bins: await db('inv_bin').select('*').orderBy('id'),
    bundles: await db('sys_bundles').select('name', 'version', 'checksum'),
    versions: await rows('SELECT count(*)::int AS n FROM sys_bundle_versions'),
  };
}

let t: TestEngine;
const ids: Record<string, string> = {};
const idsOf = (...names: string[]) => names.map((n) => ids[n]!).sort();

beforeAll(async () => {
  t = await createTestEngine([bundleDir('plan-v1')]);
  const bins = await request(t.app)
    .post('/api/v1/data/inv/bin')
    .send([{ code: 'B1' }, { code: 'B2' }]);
  expect(bins.status).toBe(201);
  const items = await request(t.app)
    .post('/api/v1/data/inv/item')
    .send(ROWS.map((r) => ({ ...r, bin: bins.body.data[0].id })));
  expect(items.status).toBe(201);
  for (const r of items.body.data) ids[r.name] = r.id;
});
afterAll(() => t?.close());

describe('plan against real data', () => {
  it('counts the rows each destructive step touches', async () => {
    const required = await planBundle(t.engine.db, await load(t, 'plan-v2-required'));
    expect(required).toMatchObject({ fromVersion: '1.0.0', toVersion: '2.0.0', noop: false });
    expect(required.steps.find((s) => s.action === 'set_not_null')).toMatchObject({
      column: 'sku',
      destructive: true,
      rowsAffected: 3,
    });
    expect(required.steps.find((s) => s.action === 'add_column')).toMatchObject({
      column: 'color',
      destructive: false,
    });
    const narrow = await planBundle(t.engine.db, await load(t, 'plan-v2-narrow'));
    expect(narrow.steps).toEqual([
      expect.objectContaining({ action: 'alter_type', destructive: true, rowsAffected: 2 }),
    ]);
    const toInt = await planBundle(t.engine.db, await load(t, 'plan-v2-text-to-int'));
    expect(toInt.steps).toEqual([
      expect.objectContaining({ action: 'alter_type', destructive: true, rowsAffected: 2 }),
    ]);
  });

  it('refuses a destructive plan without allowDestructive (409 destructive_plan) and changes nothing', async () => {
    const before = await snapshot(t.engine.db);
    const error = await applyBundle(t.engine.db, await load(t, 'plan-v2-required')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpsError);
    expect(error).toMatchObject({ status: 409, code: 'destructive_plan' });
    expect((error as OpsError).details).toEqual([
      expect.objectContaining({
        path: 'inv_item.sku',
        code: 'set_not_null',
        message: expect.stringContaining('3 row(s)'),
      }),
    ]);
    expect(await snapshot(t.engine.db)).toEqual(before);
    expect(before.bundles).toEqual([expect.objectContaining({ name: 'inv', version: '1.0.0' })]);
  });

  it('re-applying the applied bundle is a no-op: no new version row', async () => {
    const before = await snapshot(t.engine.db);
    const plan = await applyBundle(t.engine.db, await load(t, 'plan-v1'));
    expect(plan).toMatchObject({ noop: true, steps: [] });
    expect(await snapshot(t.engine.db)).toEqual(before);
  });
});

describe('dry run: what would fail on the real data, then rolled back', () => {
  const dryRun = async (name: string) => {
    const before = await snapshot(t.engine.db);
    const result = await dryRunBundle(t.engine.db, await load(t, name));
    expect(await snapshot(t.engine.db)).toEqual(before);
    return result.problems;
  };

  it('(a) making a column required: the 3 rows without a value', async () => {
    const problems = await dryRun('plan-v2-required');
    expect(problems).toEqual([
      expect.objectContaining({ action: 'set_not_null', table: 'inv_item', column: 'sku', count: 3 }),
    ]);
    expect(problems[0]!.sampleIds).toEqual(idsOf('Delta', 'Echo', 'Foxtrot'));
    expect(problems[0]!.error).toMatch(/contains null values/);
  });

  it('(b) narrowing varchar(100) to varchar(5): the 2 values too long', async () => {
    const problems = await dryRun('plan-v2-narrow');
    expect(problems).toEqual([expect.objectContaining({ action: 'alter_type', column: 'sku', count: 2 })]);
    expect(problems[0]!.sampleIds).toEqual(idsOf('Bravo', 'Charlie'));
    expect(problems[0]!.error).toMatch(/too long/);
  });

  it('(c) text to integer: the non-numeric values', async () => {
    const problems = await dryRun('plan-v2-text-to-int');
    expect(problems).toEqual([expect.objectContaining({ action: 'alter_type', column: 'note', count: 2 })]);
    expect(problems[0]!.sampleIds).toEqual(idsOf('Bravo', 'Echo'));
    expect(problems[0]!.error).toMatch(/invalid input syntax for type integer/);
  });

  it('(d) a unique index over duplicates: the duplicated rows', async () => {
    const problems = await dryRun('plan-v2-unique');
    expect(problems).toEqual([expect.objectContaining({ action: 'add_index', table: 'inv_item', count: 2 })]);
    expect(problems[0]!.sampleIds).toEqual(idsOf('Alpha', 'Golf'));
    expect(problems[0]!.error).toMatch(/could not create unique index/);
  });

  it('decimal → integer counts only the values that would lose their fraction', async () => {
    const problems = await dryRun('plan-v2-price-to-int');
    expect(problems).toEqual([expect.objectContaining({ action: 'alter_type', column: 'price', count: 1 })]);
    expect(problems[0]!.sampleIds).toEqual(idsOf('Alpha'));
  });

  it('reports no problem for a change that fits the data', async () => {
    expect(await dryRun('plan-v2-add-column')).toEqual([]);
  });

  it('marks a unique index over duplicates destructive', async () => {
    const plan = await planBundle(t.engine.db, await load(t, 'plan-v2-unique'));
    expect(plan.steps).toEqual([expect.objectContaining({ action: 'add_index', rowsAffected: 2, destructive: true })]);
  });
});

describe('atomic apply', () => {
  it('rolls everything back when a step fails on the data, even with allowDestructive', async () => {
    const before = await snapshot(t.engine.db);
    const bundle = await load(t, 'plan-v2-required');
    // The plan first adds item.color, then sets sku NOT NULL, which fails on the 3 empty rows.
    await expect(applyBundle(t.engine.db, bundle, { allowDestructive: true })).rejects.toThrow(/contains null values/);
    const after = await snapshot(t.engine.db);
    expect(after).toEqual(before);
    expect(after.columns).not.toContainEqual(expect.objectContaining({ column_name: 'color' }));
    expect(after.columns).toContainEqual(
      expect.objectContaining({ table_name: 'inv_item', column_name: 'sku', is_nullable: 'YES' }),
    );
  });

  it('rolls back a narrowing that does not fit (allowDestructive)', async () => {
    const before = await snapshot(t.engine.db);
    await expect(applyBundle(t.engine.db, await load(t, 'plan-v2-narrow'), { allowDestructive: true })).rejects.toThrow(
      /too long/,
    );
    expect(await snapshot(t.engine.db)).toEqual(before);
  });
});
