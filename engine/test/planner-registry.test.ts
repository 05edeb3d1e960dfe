import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBundles, createTestEngine, REPO, type TestEngine } from './harness.ts';

// Applying a new version swaps the registry under a running app: requests in flight finish on
// the registry they started with, later ones see the new definitions.

const bundleDir = (name: string) => path.join(REPO, 'engine/test/bundles', name);
const fieldNames = (res: request.Response) =>
  (res.body.data.definition.fields as { name: string }[]).map((f) => f.name);

let t: TestEngine;
let locker: Knex | undefined;
beforeEach(async () => {
  t = await createTestEngine([bundleDir('plan-v1')]);
  const bins = await request(t.app).post('/api/v1/data/inv/bin').send({ code: 'B1' });
  await request(t.app)
    .post('/api/v1/data/inv/item')
    .send(Array.from({ length: 12 }, (_, i) => ({ name: `item ${i}`, qty: i, bin: bins.body.data.id })));
});
afterEach(async () => {
  await locker?.destroy();
  locker = undefined;
  await t?.close();
});

/** Resolves once some session of the test database waits for a lock. */
async function someoneWaitsForALock(db: Knex): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.raw(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no session ever waited for a lock');
}

describe('registry swap', () => {
  it('lets a request in flight finish on its registry while a new version is applied and swapped in', async () => {
    const before = t.engine.registry.current.version;
    // Hold inv_item so the list request below is stuck inside its query, registry already taken.
    locker = knexFactory({ client: 'pg', connection: t.databaseUrl, pool: { min: 0, max: 1 } });
    const lock = await locker.transaction();
    await lock.raw('LOCK TABLE inv_item IN ACCESS EXCLUSIVE MODE');
    let finished = false;
    const inFlight = request(t.app)
      .get('/api/v1/data/inv/item')
      .query({ limit: 5, sort: 'qty' })
      .then((res) => {
        finished = true;
        return res;
      });
    await someoneWaitsForALock(t.engine.db);

    // v1.1.0 only adds bin.aisle, so applying it does not need inv_item.
    await applyBundles(t.engine, [bundleDir('plan-v2-add-column')]);
    expect(t.engine.registry.current.version).toBeGreaterThan(before);
    expect(finished).toBe(false);

    await lock.commit();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { qty: number }) => r.qty)).toEqual([0, 1, 2, 3, 4]);
    expect(res.body.meta.nextCursor).toEqual(expect.any(String));

    const meta = await request(t.app).get('/api/v1/meta/entities/inv/bin');
    expect(fieldNames(meta)).toEqual(['code', 'label', 'aisle']);
    const bins = await request(t.app).get('/api/v1/data/inv/bin');
    expect(bins.body.data[0]).toMatchObject({ code: 'B1', aisle: null });
    const bundles = await request(t.app).get('/api/v1/meta/bundles');
    expect(bundles.body.data).toEqual([expect.objectContaining({ name: 'inv', version: '1.1.0' })]);
  });

  it('serves every request of a burst while the table itself changes and the registry is swapped', async () => {
    const before = t.engine.registry.current.version;
    const burst = Array.from({ length: 30 }, (_, i) =>
      i % 2
        ? request(t.app).get('/api/v1/data/inv/item').query({ limit: 3, q: 'item' })
        : request(t.app)
            .get('/api/v1/data/inv/item')
            .query({ filter: JSON.stringify({ qty: { $gte: 6 } }) }),
    );
    const [results] = await Promise.all([
      Promise.all(burst),
      applyBundles(t.engine, [bundleDir('plan-v2-add-computed')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(results.filter((_, i) => i % 2 === 0).every((r) => r.body.data.length === 6)).toBe(true);
    expect(t.engine.registry.current.version).toBeGreaterThan(before);
    const meta = await request(t.app).get('/api/v1/meta/entities/inv/item');
    expect(fieldNames(meta)).toContain('tag');
    const created = await request(t.app).post('/api/v1/data/inv/item').send({ name: 'new', sku: 'N-1' });
    expect(created.body.data.tag).toBe('new #N-1');
  });

  it('does not change the registry version of requests that started before the swap', async () => {
    const bundleVersion = async () => (await request(t.app).get('/api/v1/meta/bundles')).body.data[0].version;
    expect(await bundleVersion()).toBe('1.0.0');
    const old = t.engine.registry.current;
    await applyBundles(t.engine, [bundleDir('plan-v2-add-column')]);
    // The old snapshot is frozen and untouched; the holder serves the new one.
    expect(Object.isFrozen(old)).toBe(true);
    expect(old.entity('inv', 'bin')!.fields.has('aisle')).toBe(false);
    expect(t.engine.registry.current.entity('inv', 'bin')!.fields.has('aisle')).toBe(true);
    expect(await bundleVersion()).toBe('1.1.0');
  });
});
