import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape, ids, labClient, make, startLab, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
});
afterAll(() => t?.close());

const site = (name: string) => make(c, 'site', { name });

describe('reference values', () => {
  it('accepts existing targets and refuses unknown or deleted ones with 422 on the field', async () => {
    const live = await site('Live');
    const gone = await site('Gone');
    expect((await c.del('site', gone.id as string)).status).toBe(204);
    const ok = await c.create('sample', { title: 'ref ok', site: live.id });
    expect(ok.status).toBe(201);
    for (const target of [randomUUID(), gone.id]) {
      const res = await c.create('sample', { title: 'ref bad', site: target });
      expect(res.status).toBe(422);
      expectErrorShape(res.body);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'site', code: 'reference_not_found' })]);
    }
    const notUuid = await c.create('sample', { title: 'ref bad', site: 'abc' });
    expect(notUuid.status).toBe(422);
    expect(notUuid.body.error.details[0]).toMatchObject({ path: 'site', code: 'format' });
  });

  it('writes, replaces and clears a many-to-many list, keeping its order', async () => {
    const [a, b, d] = [
      await make(c, 'tag', { name: 'm2m a' }),
      await make(c, 'tag', { name: 'm2m b' }),
      await make(c, 'tag', { name: 'm2m d' }),
    ];
    const r = await make(c, 'sample', { title: 'm2m', tags: [b.id, a.id] });
    expect(r.tags).toEqual([b.id, a.id]);
    const replaced = await c.patch('sample', r.id as string, { tags: [d.id, b.id], version: 1 });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.tags).toEqual([d.id, b.id]);
    const untouched = await c.patch('sample', r.id as string, { title: 'm2m 2', version: 2 });
    expect(untouched.body.data.tags).toEqual([d.id, b.id]);
    const cleared = await c.patch('sample', r.id as string, { tags: [], version: 3 });
    expect(cleared.body.data.tags).toEqual([]);
    const dup = await c.patch('sample', r.id as string, { tags: [a.id, a.id], version: 4 });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0].path).toBe('tags');
    const missing = await c.patch('sample', r.id as string, { tags: [a.id, randomUUID()], version: 4 });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details[0]).toMatchObject({ path: 'tags', code: 'reference_not_found' });
    expect((await c.get('sample', r.id as string)).body.data).toMatchObject({ tags: [], version: 4 });
  });

  it('accepts a reference written as an upper-case UUID of an existing record', async () => {
    const s = await site('Upper');
    const res = await c.create('sample', { title: 'upper ref', site: (s.id as string).toUpperCase() });
    expect(res.status).toBe(201);
  });
});

describe('onDelete', () => {
  it('restrict: refuses to delete a record still referred to, with 409 "referenced"', async () => {
    const s = await site('Restrict');
    const r = await make(c, 'sample', { title: 'restricting', site: s.id });
    const res = await c.del('site', s.id as string);
    expect(res.status).toBe(409);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('referenced');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: 'lab.sample.site',
        code: 'referenced',
        message: expect.stringContaining(r.id as string),
      }),
    ]);
    expect((await c.get('site', s.id as string)).status).toBe(200);
    // Once the referring record is deleted the target can go.
    expect((await c.del('sample', r.id as string)).status).toBe(204);
    expect((await c.del('site', s.id as string)).status).toBe(204);
  });

  it('set-null: clears the referring field and bumps the referrer version', async () => {
    const s = await site('SetNull');
    const keep = await site('SetNull keep');
    const r = await make(c, 'sample', { title: 'pointing', backup_site: s.id });
    const other = await make(c, 'sample', { title: 'other', backup_site: keep.id });
    expect((await c.del('site', s.id as string)).status).toBe(204);
    const after = (await c.get('sample', r.id as string)).body.data;
    expect(after).toMatchObject({ backup_site: null, version: 2, deleted_at: null });
    expect(Date.parse(after.updated_at)).toBeGreaterThanOrEqual(Date.parse(r.updated_at as string));
    expect((await c.get('sample', other.id as string)).body.data).toMatchObject({ backup_site: keep.id, version: 1 });
  });

  it('set-null: recomputes the computed fields of the referrer', async () => {
    const s = await site('SetNull computed');
    const r = await make(c, 'sample', { title: 'computed', backup_site: s.id });
    expect(r.has_backup).toBe(true);
    await c.del('site', s.id as string);
    const after = (await c.get('sample', r.id as string)).body.data;
    expect(after.backup_site).toBeNull();
    expect(after.has_backup).toBe(false);
  });

  it('cascade: soft-deletes referrers recursively, and only them', async () => {
    const root = await make(c, 'sample', { title: 'root' });
    const child = await make(c, 'sample', { title: 'child', parent: root.id });
    const grandchild = await make(c, 'sample', { title: 'grandchild', parent: child.id });
    const stranger = await make(c, 'sample', { title: 'stranger' });
    expect((await c.del('sample', root.id as string)).status).toBe(204);
    for (const r of [root, child, grandchild]) {
      expect((await c.get('sample', r.id as string)).status).toBe(404);
      const deleted = (await c.get('sample', r.id as string, '?deleted=include')).body.data;
      expect(deleted.deleted_at).not.toBeNull();
    }
    expect((await c.get('sample', stranger.id as string)).status).toBe(200);
    const only = await ids(c, 'sample', { deleted: 'only' });
    expect(only).toEqual(expect.arrayContaining([root.id, child.id, grandchild.id]));
    expect(only).not.toContain(stranger.id);
  });

  it('cascade stops at records that refer to each other', async () => {
    const a = await make(c, 'sample', { title: 'cycle a' });
    const b = await make(c, 'sample', { title: 'cycle b', parent: a.id });
    expect((await c.patch('sample', a.id as string, { parent: b.id, version: 1 })).status).toBe(200);
    expect((await c.del('sample', b.id as string)).status).toBe(204);
    expect((await c.get('sample', a.id as string)).status).toBe(404);
  });

  it('a refused delete changes nothing: other referrers keep their value', async () => {
    const s = await site('Cascade restrict');
    const parent = await make(c, 'sample', { title: 'p', site: s.id });
    const child = await make(c, 'sample', { title: 'c', parent: parent.id, backup_site: s.id });
    const res = await c.del('site', s.id as string);
    expect(res.status).toBe(409);
    expect((await c.get('sample', child.id as string)).body.data).toMatchObject({ backup_site: s.id, version: 1 });
  });
});
