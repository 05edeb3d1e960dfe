import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBundle, planBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// Migrations that succeed keep the data: renames, recomputed values, widenings. Each test starts
// from a fresh database at inv 1.0.0 with the same rows.

const bundleDir = (name: string) => path.join(REPO, 'engine/test/bundles', name);

const ROWS = [
  { name: 'Alpha', sku: 'A-1', note: 'first', qty: 3, price: 2.5 },
  { name: 'Bravo', sku: 'B-2', qty: 4, price: 1 },
  { name: 'Charlie', price: 7 },
];

let t: TestEngine;
let binId: string;
const ids: Record<string, string> = {};

beforeEach(async () => {
  t = await createTestEngine([bundleDir('plan-v1')]);
  const bin = await request(t.app).post('/api/v1/data/inv/bin').send({ code: 'B1', label: 'First bin' });
  binId = bin.body.data.id;
  const items = await request(t.app)
    .post('/api/v1/data/inv/item')
    .send(ROWS.map((r) => ({ ...r, bin: binId })));
  expect(items.status).toBe(201);
  for (const r of items.body.data) ids[r.name] = r.id;
});
afterEach(() => t?.close());

/** Applies a version of the test bundle and reloads the registry, as the CLI does. */
async function upgrade(name: string, allowDestructive = false) {
  const [p] = await prepareBundles(t.engine.db, [bundleDir(name)]);
  if (!p?.bundle) throw new Error(`invalid test bundle ${name}: ${JSON.stringify(p?.issues)}`);
  const plan = await applyBundle(t.engine.db, p.bundle, { allowDestructive });
  await t.engine.reload();
  return plan;
}
const versions = async () =>
  (await t.engine.db('sys_bundle_versions').select('version', 'operation').orderBy('id')).map(
    (r) => `${r.version} ${r.operation}`,
  );
const item = async (name: string) => (await request(t.app).get(`/api/v1/data/inv/item/${ids[name]}`)).body.data;

describe('renames keep the data', () => {
  it('renames columns (renamedFrom): values kept, search rebuilt on the new name', async () => {
    const plan = await upgrade('plan-v2-rename-column');
    expect(plan.steps.map((s) => s.action)).not.toContain('drop_column');
    const rows = await t.engine.db('inv_item').select('title', 'ref').orderBy('title');
    expect(rows).toEqual([
      { title: 'Alpha', ref: 'A-1' },
      { title: 'Bravo', ref: 'B-2' },
      { title: 'Charlie', ref: null },
    ]);
    expect(await item('Alpha')).toMatchObject({ title: 'Alpha', ref: 'A-1', note: 'first' });
    const found = await request(t.app).get('/api/v1/data/inv/item').query({ q: 'bravo' });
    expect(found.status).toBe(200);
    expect(found.body.data.map((r: { id: string }) => r.id)).toEqual([ids.Bravo]);
    expect(await versions()).toEqual(['1.0.0 install', '1.1.0 upgrade']);
  });

  it('renames an entity (renamedFrom): rows kept, references re-pointed', async () => {
    await upgrade('plan-v2-rename-entity');
    const tables = await t.engine.db.raw(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'inv\\_%' ORDER BY 1`);
    expect(tables.rows.map((r: { tablename: string }) => r.tablename)).toEqual(['inv_item', 'inv_location']);
    const list = await request(t.app).get('/api/v1/data/inv/location');
    expect(list.body.data).toEqual([expect.objectContaining({ id: binId, code: 'B1', label: 'First bin' })]);
    const expanded = await request(t.app).get(`/api/v1/data/inv/item/${ids.Alpha}`).query({ expand: 'bin' });
    expect(expanded.status).toBe(200);
    expect(JSON.stringify(expanded.body.data)).toContain('First bin');
    // The foreign key now points at the renamed table and still protects the rows.
    await expect(t.engine.db('inv_location').where({ id: binId }).delete()).rejects.toThrow(/foreign key/);
    expect((await request(t.app).get('/api/v1/data/inv/bin')).status).toBe(404);
  });

  it('renames an entity that has a reference field', async () => {
    await upgrade('plan-v2-rename-item');
    expect(await t.engine.db('inv_article').count('* as n')).toEqual([{ n: 3 }]);
  });
});

describe('computed fields', () => {
  it('recomputes stored values when the expression changes', async () => {
    expect((await item('Alpha')).total).toBe(7.5);
    const plan = await upgrade('plan-v2-computed');
    expect(plan.steps).toEqual([expect.objectContaining({ action: 'recompute', recompute: ['total'] })]);
    expect((await item('Alpha')).total).toBe(15);
    expect((await item('Bravo')).total).toBe(8);
    // New writes use the new expression too.
    const patched = await request(t.app).patch(`/api/v1/data/inv/item/${ids.Bravo}`).send({ qty: 5, version: 1 });
    expect(patched.body.data.total).toBe(10);
  });

  it('recomputes like a write: a missing operand gives null, not NaN', async () => {
    expect((await t.engine.db('inv_item').where({ id: ids.Charlie }).first('total')).total).toBeNull();
    await upgrade('plan-v2-computed');
    const row = await t.engine.db.raw(`SELECT total::text AS total FROM inv_item WHERE id = ?`, [ids.Charlie!]);
    expect(row.rows[0].total).toBeNull();
  });

  it('recomputes an integer computed field with the write-time coercion', async () => {
    await upgrade('plan-v2-computed-int');
    expect((await item('Alpha')).score).toBe(1);
  });

  it('fills a new computed field on existing rows', async () => {
    await upgrade('plan-v2-add-computed');
    expect((await item('Alpha')).tag).toBe('Alpha #A-1');
  });
});

describe('type changes that keep every value', () => {
  it('adds an optional column to a table with rows: rows get null, API shows the field', async () => {
    await upgrade('plan-v2-add-column');
    const bin = await request(t.app).get(`/api/v1/data/inv/bin/${binId}`);
    expect(bin.body.data).toMatchObject({ code: 'B1', aisle: null });
  });

  it('widens a searchable column', async () => {
    const plan = await upgrade('plan-v2-widen-searchable');
    expect(plan.steps.some((s) => s.destructive)).toBe(false);
    expect((await request(t.app).get('/api/v1/data/inv/item').query({ q: 'alpha' })).body.data).toHaveLength(1);
  });

  it('widens integer to decimal without allowDestructive', async () => {
    await upgrade('plan-v2-int-to-decimal');
    expect((await item('Alpha')).qty).toBe(3);
  });

  it('applies integer → decimal with allowDestructive and keeps the values', async () => {
    await upgrade('plan-v2-int-to-decimal', true);
    expect((await item('Alpha')).qty).toBe(3);
    expect((await item('Charlie')).qty).toBeNull();
    const col = await t.engine.db.raw(
      `SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns
       WHERE table_name = 'inv_item' AND column_name = 'qty'`,
    );
    expect(col.rows[0]).toEqual({ data_type: 'numeric', numeric_precision: 18, numeric_scale: 2 });
  });
});

describe('company scope', () => {
  it('turning an entity company-scoped makes its unique values unique per company', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inv-scoped-'));
    cpSync(bundleDir('plan-v1'), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...manifest, version: '1.1.0' }));
    const binFile = path.join(dir, 'entities/bin.json');
    writeFileSync(binFile, JSON.stringify({ ...JSON.parse(readFileSync(binFile, 'utf8')), companyScoped: true }));
    const [p] = await prepareBundles(t.engine.db, [dir]);
    const plan = await planBundle(t.engine.db, p!.bundle!);
    // The duplicates checks of the new unique indexes ran on the existing rows: none found.
    const uniques = plan.steps.filter((s) => s.check?.kind === 'duplicates');
    expect(uniques.map((s) => s.rowsAffected)).toEqual(uniques.map(() => 0));
    await applyBundle(t.engine.db, p!.bundle!);
    await t.engine.reload();
    // B1 exists without a company; the administrator's company may have its own B1, once.
    const mine = await request(t.app).post('/api/v1/data/inv/bin').send({ code: 'B1', label: 'Ours' });
    expect(mine.status).toBe(201);
    expect(mine.body.data.company_id).toBe(t.companyId);
    const twice = await request(t.app).post('/api/v1/data/inv/bin').send({ code: 'B1', label: 'Again' });
    expect(twice.status).toBe(409);
    expect(await t.engine.db('inv_bin').where({ code: 'B1' }).count({ n: '*' }).first()).toEqual({ n: 2 });
  });
});
