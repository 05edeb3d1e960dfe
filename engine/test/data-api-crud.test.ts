import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, ids, labClient, make, makeMany, rowCount, startLab, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
});
afterAll(() => t?.close());

describe('create', () => {
  it('creates one record with defaults, system columns and version 1', async () => {
    const res = await c.create('sample', { title: 'Single', quantity: 3 });
    expect(res.status).toBe(201);
    const r = res.body.data;
    expect(r).toMatchObject({ title: 'Single', quantity: 3, version: 1, active: true, status: 'draft' });
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.deleted_at).toBeNull();
    expect(r.created_at).toBe(r.updated_at);
    expect(r.tags).toEqual([]);
    const read = await c.get('sample', r.id);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(r);
  });

  it('creates a batch in order and returns an array', async () => {
    const rows = await makeMany(c, 'sample', [{ title: 'Batch A' }, { title: 'Batch B' }, { title: 'Batch C' }]);
    expect(rows.map((r) => r.title)).toEqual(['Batch A', 'Batch B', 'Batch C']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it('refuses a whole batch when one record is invalid, naming it by index, and writes nothing', async () => {
    const before = await rowCount(t, 'sample');
    const res = await c.create('sample', [
      { title: 'AllOrNothing 1' },
      { title: 'AllOrNothing 2', quantity: 'many' },
      { title: 'AllOrNothing 3' },
    ]);
    expect(res.status).toBe(422);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toHaveLength(1);
    expect(res.body.error.details[0]).toMatchObject({ path: '[1].quantity', code: 'type' });
    expect(res.body.error.details[0].message).toContain('Quantity');
    expect(await rowCount(t, 'sample')).toBe(before);
    expect(await ids(c, 'sample', { filter: JSON.stringify({ title: { $startsWith: 'AllOrNothing' } }) })).toEqual([]);
  });

  it('reports every bad record of a batch, rules and references included', async () => {
    const before = await rowCount(t, 'sample');
    const rules = await c.create('sample', [{ title: 'ok' }, { title: 'ok' }, { title: 'x', status: 'done' }]);
    expect(rules.status).toBe(422);
    expect(rules.body.error.details).toEqual([expect.objectContaining({ path: '[2].collected_on' })]);
    const refs = await c.create('sample', [{ title: 'ok' }, { title: 'x', site: randomUUID() }, { title: 'ok' }]);
    expect(refs.status).toBe(422);
    expect(refs.body.error.details).toEqual([
      expect.objectContaining({ path: '[1].site', code: 'reference_not_found' }),
    ]);
    const many = await c.create('sample', [{ title: 'ok', bogus: 1 }, { title: 'ok' }, {}]);
    expect(many.status).toBe(422);
    expect(many.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['[0].bogus', '[2].title']);
    expect(await rowCount(t, 'sample')).toBe(before);
  });

  it('rolls a batch back when the database refuses one record (duplicate unique value)', async () => {
    const before = await rowCount(t, 'sample');
    const res = await c.create('sample', [
      { title: 'Dup 1', code: 'DU-001' },
      { title: 'Dup 2', code: 'DU-002' },
      { title: 'Dup 3', code: 'DU-001' },
    ]);
    expect(res.status).toBe(409);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('unique_violation');
    expect(res.body.error.details[0]).toMatchObject({ path: 'code', code: 'unique' });
    expect(await rowCount(t, 'sample')).toBe(before);
  });

  it('answers 400 to an empty batch and to one over 1000 records', async () => {
    const empty = await c.create('sample', []);
    expect(empty.status).toBe(400);
    expectErrorShape(empty.body);
    const huge = await c.create(
      'sample',
      Array.from({ length: 1001 }, (_, i) => ({ title: `h${i}` })),
    );
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('batch_too_large');
  });

  it('refuses a duplicate of a composite unique index, and accepts it when a part is null', async () => {
    await make(c, 'tag', { name: 'pair', group: 'g1' });
    const dup = await c.create('tag', { name: 'pair', group: 'g1' });
    expect(dup.status).toBe(409);
    expectErrorShape(dup.body);
    expect(dup.body.error.code).toBe('unique_violation');
    expect((await c.create('tag', { name: 'pair', group: 'g2' })).status).toBe(201);
    // PostgreSQL treats NULLs as distinct in unique indexes.
    expect((await c.create('tag', { name: 'pair' })).status).toBe(201);
    expect((await c.create('tag', { name: 'pair' })).status).toBe(201);
  });

  it('names the fields of a unique violation without SQL quoting', async () => {
    await make(c, 'tag', { name: 'quoted', group: 'q' });
    const dup = await c.create('tag', { name: 'quoted', group: 'q' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['group', 'name']);
  });

  it('refuses a duplicate external id with 409', async () => {
    await make(c, 'tag', { name: 'ext-a', external_id: 'TAG-EXT-1' });
    const dup = await c.create('tag', { name: 'ext-b', external_id: 'TAG-EXT-1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('external_id');
  });
});

describe('read', () => {
  it('reads by id, by upper-case id and by external id', async () => {
    const r = await make(c, 'site', { name: 'Read site', external_id: 'SITE/READ 1' });
    for (const key of [r.id as string, (r.id as string).toUpperCase(), encodeURIComponent('SITE/READ 1')]) {
      const res = await c.get('site', key);
      expect(res.status, key).toBe(200);
      expect(res.body.data.id).toBe(r.id);
    }
  });

  it('reads a record by a UUID-shaped external id it accepted', async () => {
    const ext = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    const res = await c.create('tag', { name: 'uuid-shaped', external_id: ext });
    if (res.status === 422) return;
    expect(res.status).toBe(201);
    const read = await c.get('tag', ext);
    expect(read.status).toBe(200);
    expect(read.body.data.id).toBe(res.body.data.id);
  });

  it('answers 404 for an unknown record, entity or bundle', async () => {
    for (const res of [
      await c.get('sample', randomUUID()),
      await c.get('sample', 'no-such-external-id'),
      await request(t.app).get(`${BASE}/nothing`),
      await request(t.app).get(`${BASE}/nothing/${randomUUID()}`),
      await request(t.app).get(`/api/v1/data/nobundle/sample`),
      await request(t.app).post(`/api/v1/data/nobundle/sample`).send({ title: 'x' }),
      await request(t.app).patch(`${BASE}/sample/${randomUUID()}`).send({ title: 'x', version: 1 }),
      await request(t.app).delete(`${BASE}/sample/${randomUUID()}`),
      await request(t.app).post(`${BASE}/sample/${randomUUID()}/restore`),
      await request(t.app).get(`/api/v2/nothing`),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expectErrorShape(res.body);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('update', () => {
  it('requires the version: missing or not an integer gives 422 on "version"', async () => {
    const r = await make(c, 'sample', { title: 'Versioned' });
    for (const body of [{ title: 'x' }, { title: 'x', version: '1' }, { title: 'x', version: 1.5 }]) {
      const res = await c.patch('sample', r.id as string, body);
      expect(res.status).toBe(422);
      expectErrorShape(res.body);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'version', code: 'required' })]);
    }
    expect((await c.get('sample', r.id as string)).body.data.version).toBe(1);
  });

  it('refuses a stale version with 409 and the current record', async () => {
    const r = await make(c, 'sample', { title: 'Stale' });
    const ok = await c.patch('sample', r.id as string, { title: 'Stale 2', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ title: 'Stale 2', version: 2, display: 'Stale 2 [draft]' });
    expect(Date.parse(ok.body.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(r.updated_at as string));
    expect(ok.body.data.created_at).toBe(r.created_at);
    const stale = await c.patch('sample', r.id as string, { title: 'Stale 3', version: 1 });
    expect(stale.status).toBe(409);
    expectErrorShape(stale.body);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ id: r.id, title: 'Stale 2', version: 2 });
    expect((await c.get('sample', r.id as string)).body.data.title).toBe('Stale 2');
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const r = await make(c, 'sample', { title: 'Race' });
    const [a, b] = await Promise.all([
      c.patch('sample', r.id as string, { title: 'Race A', version: 1 }),
      c.patch('sample', r.id as string, { title: 'Race B', version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Race A' : 'Race B';
    expect((await c.get('sample', r.id as string)).body.data).toMatchObject({ title: winner, version: 2 });
  });

  it('updates by external id and leaves fields absent from the payload alone', async () => {
    const r = await make(c, 'sample', { title: 'Partial', quantity: 9, external_id: 'SMP-PARTIAL' });
    const res = await c.patch('sample', 'SMP-PARTIAL', { weight: 1.5, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: r.id, title: 'Partial', quantity: 9, weight: 1.5, version: 2 });
  });

  it('can clear an optional field but not a required one', async () => {
    const r = await make(c, 'sample', { title: 'Clear', quantity: 4 });
    const cleared = await c.patch('sample', r.id as string, { quantity: null, version: 1 });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.quantity).toBeNull();
    for (const title of [null, '']) {
      const res = await c.patch('sample', r.id as string, { title, version: 2 });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].path).toBe('title');
    }
  });
});

describe('delete and restore', () => {
  it('soft-deletes, hides, lists with deleted=only and restores', async () => {
    const r = await make(c, 'tag', { name: 'Doomed', group: 'del' });
    const id = r.id as string;
    const del = await c.del('tag', id);
    expect(del.status).toBe(204);
    expect((await c.get('tag', id)).status).toBe(404);
    const included = await c.get('tag', id, '?deleted=include');
    expect(included.status).toBe(200);
    expect(included.body.data.deleted_at).not.toBeNull();
    expect(included.body.data.version).toBe(2);
    expect(await ids(c, 'tag')).not.toContain(id);
    expect(await ids(c, 'tag', { deleted: 'only' })).toEqual([id]);
    expect(await ids(c, 'tag', { deleted: 'include' })).toContain(id);
    expect((await c.patch('tag', id, { name: 'x', version: 2 })).status).toBe(404);
    const again = await c.del('tag', id);
    expect(again.status).toBe(404);
    expectErrorShape(again.body);

    const restored = await c.restore('tag', id);
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ id, deleted_at: null, version: 3 });
    expect((await c.get('tag', id)).status).toBe(200);
    const twice = await c.restore('tag', id);
    expect(twice.status).toBe(409);
    expectErrorShape(twice.body);
    expect(twice.body.error.code).toBe('not_deleted');
  });

  it('frees nothing on delete: a unique value stays taken by the deleted record', async () => {
    const r = await make(c, 'site', { name: 'Unique after delete' });
    await c.del('site', r.id as string);
    const res = await c.create('site', { name: 'Unique after delete' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('unique_violation');
  });
});
