import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { readAppliedBundles } from '../src/bundles/bundle-store.ts';
import { applyBundle, dependencyOrder, prepareBundles } from '../src/bundles/bundle-service.ts';
import { uninstallBundle } from '../src/schema/apply-plan.ts';
import { bundleTables } from '../src/schema/physical-model.ts';
import { applyBundles, createTestEngine, REPO, type TestEngine } from './harness.ts';

// Several bundles at once (dependency order, unmet dependencies), and uninstalling one.

const bundleDir = (name: string) => path.join(REPO, 'engine/test/bundles', name);
const issueCodes = (p: { issues: { code: string }[] }) => p.issues.map((i) => i.code);

let t: TestEngine | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('dependencies', () => {
  it('orders items so dependencies come first and keeps the given order otherwise', () => {
    const deps: Record<string, string[]> = { c: ['b'], b: ['a'], a: [], d: [] };
    expect(
      dependencyOrder(
        ['c', 'd', 'b', 'a'],
        (x) => x,
        (x) => deps[x]!,
      ),
    ).toEqual(['a', 'b', 'c', 'd']);
    // A cycle does not loop: every item comes out once.
    const cycle: Record<string, string[]> = { x: ['y'], y: ['x'] };
    expect(
      dependencyOrder(
        ['x', 'y'],
        (n) => n,
        (n) => cycle[n]!,
      ),
    ).toEqual(['y', 'x']);
  });

  it('applies two bundles given in the wrong order in dependency order', async () => {
    t = await createTestEngine();
    const prepared = await prepareBundles(t.engine.db, [bundleDir('plan-dep-b'), bundleDir('plan-dep-a')]);
    expect(prepared.map((p) => [p.name, p.issues])).toEqual([
      ['depa', []],
      ['depb', []],
    ]);
    for (const p of prepared) await applyBundle(t.engine.db, p.bundle!);
    await t.engine.reload();
    const versions = await t.engine.db('sys_bundle_versions').orderBy('id').pluck('bundle');
    expect(versions).toEqual(['depa', 'depb']);
    // depb's reference is a real foreign key to depa's table.
    const thing = await request(t.app).post('/api/v1/data/depa/thing').send({ name: 'anchor' });
    const widget = await request(t.app).post('/api/v1/data/depb/widget').send({ name: 'w', thing: thing.body.data.id });
    expect(widget.status).toBe(201);
    await expect(t.engine.db('depa_thing').delete()).rejects.toThrow(/foreign key/);
  });

  it('the harness applies them in dependency order too', async () => {
    t = await createTestEngine([bundleDir('plan-dep-b'), bundleDir('plan-dep-a')]);
    expect([...(await readAppliedBundles(t.engine.db)).keys()]).toEqual(['depa', 'depb']);
  });

  it('reports a dependency neither installed nor applied in the same run (dependency.missing)', async () => {
    t = await createTestEngine();
    const [p] = await prepareBundles(t.engine.db, [bundleDir('plan-dep-b')]);
    expect(p!.bundle).toBeUndefined();
    expect(issueCodes(p!)).toContain('dependency.missing');
    expect(p!.issues.find((i) => i.code === 'dependency.missing')).toMatchObject({
      file: 'bundle.json',
      pointer: '/dependencies/depa',
    });
  });

  it('reports an installed dependency at an unsatisfying version (dependency.version)', async () => {
    t = await createTestEngine([bundleDir('plan-dep-a')]);
    const [p] = await prepareBundles(t.engine.db, [bundleDir('plan-dep-b-needs-v2')]);
    expect(p!.issues).toEqual([expect.objectContaining({ code: 'dependency.version', pointer: '/dependencies/depa' })]);
    // Given together with its dependency, the version is checked against the one being applied.
    const both = await prepareBundles(t.engine.db, [bundleDir('plan-dep-b-needs-v2'), bundleDir('plan-dep-a')]);
    expect(both.map((b) => [b.name, issueCodes(b)])).toEqual([
      ['depa', []],
      ['depb', ['dependency.version']],
    ]);
  });
});

describe('uninstall', () => {
  const tablesIn = async (schema: string): Promise<string[]> =>
    (await t!.engine.db.raw(`SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1`, [schema])).rows.map(
      (r: { tablename: string }) => r.tablename as string,
    );

  async function installWithRows() {
    t = await createTestEngine([bundleDir('plan-v1')]);
    const bins = await request(t.app)
      .post('/api/v1/data/inv/bin')
      .send([{ code: 'B1' }, { code: 'B2' }]);
    await request(t.app)
      .post('/api/v1/data/inv/item')
      .send([1, 2, 3].map((n) => ({ name: `item ${n}`, bin: bins.body.data[0].id })));
    const bundle = (await readAppliedBundles(t.engine.db)).get('inv')!.bundle;
    return {
      bundle,
      tables: bundleTables(bundle)
        .map((x) => x.name)
        .reverse(),
    };
  }

  it('archives the tables in sys_archive with their rows and forgets the bundle', async () => {
    const { bundle, tables } = await installWithRows();
    const moved = await uninstallBundle(t!.engine.db, bundle, tables, { by: 'test' });
    expect(moved).toHaveLength(2);
    expect(moved.every((m) => /^sys_archive\.inv_(item|bin)_\d{14}$/.test(m))).toBe(true);
    expect((await tablesIn('public')).filter((n) => n.startsWith('inv_'))).toEqual([]);
    const archived = await tablesIn('sys_archive');
    const count = async (name: string) =>
      Number((await t!.engine.db.raw(`SELECT count(*) AS n FROM sys_archive.${name}`)).rows[0].n);
    expect(await count(archived.find((n) => n.startsWith('inv_item_'))!)).toBe(3);
    expect(await count(archived.find((n) => n.startsWith('inv_bin_'))!)).toBe(2);
    expect((await readAppliedBundles(t!.engine.db)).has('inv')).toBe(false);
    const log = await t!.engine.db('sys_bundle_versions').orderBy('id').select('operation', 'applied_by');
    expect(log.at(-1)).toEqual({ operation: 'uninstall', applied_by: 'test' });
    await t!.engine.reload();
    expect((await request(t!.app).get('/api/v1/data/inv/item')).status).toBe(404);
    // The bundle can be installed again: fresh, empty tables next to the archive.
    await applyBundles(t!.engine, [bundleDir('plan-v1')]);
    expect((await request(t!.app).get('/api/v1/data/inv/item')).body.data).toEqual([]);
  });

  it('purge drops the tables', async () => {
    const { bundle, tables } = await installWithRows();
    expect(await uninstallBundle(t!.engine.db, bundle, tables, { purge: true })).toEqual([]);
    expect((await tablesIn('public')).filter((n) => n.startsWith('inv_'))).toEqual([]);
    expect((await tablesIn('sys_archive')).filter((n) => n.startsWith('inv_'))).toEqual([]);
    const log = await t!.engine.db('sys_bundle_versions').orderBy('id').pluck('operation');
    expect(log).toEqual(['install', 'purge']);
  });
});
