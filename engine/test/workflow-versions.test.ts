import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBundles, createTestEngine, REPO, type TestEngine } from './harness.ts';

// A record keeps the workflow version it started with until a published migration moves it;
// the history says which version each step ran under.

const v = (n: number) => path.join(REPO, `engine/test/bundles/wfver-v${n}`);
const BASE = '/api/v1/data/wfver/job';
let t: TestEngine;

const create = async (title: string) => (await request(t.app).post(BASE).send({ title }).expect(201)).body.data;
const fire = (id: string, name: string) => request(t.app).post(`${BASE}/${id}/transitions/${name}`).send({});
const get = async (id: string) => (await request(t.app).get(`${BASE}/${id}`).expect(200)).body.data;

beforeAll(async () => {
  t = await createTestEngine([v(1)]);
});
afterAll(() => t?.close());

describe('workflow versions', () => {
  let old: { id: string };
  let older: { id: string };

  it('a record starts under the current version', async () => {
    old = await create('started under 1.0.0');
    older = await create('also 1.0.0, still open');
    await fire(old.id, 'submit').expect(200);
    expect(await get(old.id)).toMatchObject({ state: 'review', workflow_version: '1.0.0' });
  });

  it('keeps running its version after an upgrade that publishes no migration for it', async () => {
    await applyBundles(t.engine, [v(2)], { allowDestructive: true });
    const options = (await request(t.app).get(`${BASE}/${old.id}/transitions`)).body.data;
    expect(options.workflowVersion).toBe('1.0.0');
    expect(options.transitions.map((o: { name: string }) => o.name)).toEqual(['submit', 'finish']);
    const fresh = await create('started under 2.0.0');
    expect(fresh.workflow_version).toBe('2.0.0');
    await fire(fresh.id, 'submit').expect(200);
    expect((await get(fresh.id)).state).toBe('checking');
    // The 1.0.0 record cannot use 2.0.0's transitions, and 2.0.0's records cannot use 1.0.0's.
    expect((await fire(old.id, 'approve').expect(404)).body.error.message).toMatch(/workflow 1\.0\.0/);
    await fire(fresh.id, 'finish').expect(404);
  });

  it('moves records when a migration covers their version, and the history says so', async () => {
    await applyBundles(t.engine, [v(3)], { allowDestructive: true });
    expect(await get(old.id)).toMatchObject({ state: 'checking', workflow_version: '3.0.0' });
    expect(await get(older.id)).toMatchObject({ state: 'open', workflow_version: '3.0.0' });
    await fire(old.id, 'approve').expect(200);
    const history = (await request(t.app).get(`${BASE}/${old.id}/workflow`)).body.data;
    expect(
      history.map((h: { kind: string; from: string; to: string; bundleVersion: string }) => [
        h.kind,
        h.from,
        h.to,
        h.bundleVersion,
      ]),
    ).toEqual([
      ['transition', 'open', 'review', '1.0.0'],
      ['migration', 'review', 'checking', '3.0.0'],
      ['transition', 'checking', 'done', '3.0.0'],
    ]);
    const audit = await t.engine.db('sys_audit').where({ action: 'workflow.migrate' }).pluck('reason');
    expect(audit).toEqual([
      '0 record(s) moved to the workflow of 2.0.0, 2 kept on their version',
      // The two 1.0.0 records by the migration, the 2.0.0 one because its workflow did not change.
      '3 record(s) moved to the workflow of 3.0.0, 0 kept on their version',
    ]);
  });
});
