import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// The designer's drafts (docs/designer-api.md): a draft copied from the applied bundle, edited
// file by file by two administrators, validated, planned and published — renames keep their
// values, destructive steps wait for a confirmation, every connected client hears of it.

const INV = path.join(REPO, 'engine/test/bundles/plan-v1');
const DEP_A = path.join(REPO, 'engine/test/bundles/plan-dep-a');
const DEP_B = path.join(REPO, 'engine/test/bundles/plan-dep-b');
const BASE = '/api/v1/admin/bundles/inv';
let t: TestEngine;
let server: Server;
let url: string;
let bea: { id: string; token: string };
let user: { id: string; token: string };
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestEngine([INV, DEP_A, DEP_B]);
  server = await t.engine.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bea = await t.userWithToken({
    systemRoles: ['admin'],
    firstName: 'Bea',
    lastName: 'Second',
    memberships: [{ companyId: t.companyId, roles: [] }],
  });
  user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: [] }] });
  for (const [name, sku] of [
    ['Bolt', 'B-1'],
    ['Nut', 'N-2'],
  ]) {
    await t.engine.db('inv_item').insert({ name, sku, note: `${name} note` });
  }
});
afterAll(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await t?.close();
});

const asBea = (req: request.Test) => req.set('authorization', `Bearer ${bea.token}`);
const draft = async () => (await request(t.app).get(`${BASE}/draft`).expect(200)).body.data;
const put = (file: string, revision: number, content: unknown) =>
  request(t.app).put(`${BASE}/draft/files/${file}`).send({ revision, content });

type Item = { name: string; fields: { name: string; renamedFrom?: string; [k: string]: unknown }[] };

describe('drafts', () => {
  it('lists the bundle and gives its applied files at revision 0 when there is no draft', async () => {
    const list = await request(t.app).get('/api/v1/admin/bundles').expect(200);
    const inv = list.body.data.find((b: { name: string }) => b.name === 'inv');
    expect(inv).toMatchObject({ version: '1.0.0', status: 'active', dependants: [], draft: null, title: 'Inventory' });
    const d = await draft();
    expect(d).toMatchObject({ bundle: 'inv', isDraft: false, revision: 0, baseVersion: '1.0.0' });
    expect(Object.keys(d.files).sort()).toEqual(['bundle.json', 'entities/bin.json', 'entities/item.json']);
    expect(d.files['entities/item.json'].name).toBe('item');
  });

  it('keeps edits of different files by two admins, and refuses a stale edit of the same file', async () => {
    const start = await draft();
    const item = start.files['entities/item.json'] as Item & { label: Record<string, string> };
    const first = await put('entities/item.json', 0, { ...item, label: { en: 'Article' } }).expect(200);
    expect(first.body.data.revision).toBe(1);

    // Bea read the applied files too: her change of the same file is refused, saying who and when.
    const stale = await asBea(put('entities/item.json', 0, { ...item, label: { en: 'Thing' } })).expect(409);
    expect(stale.body.error.code).toBe('draft_conflict');
    expect(stale.body.error.details).toMatchObject({ revision: 1, updatedBy: t.adminId, file: 'entities/item.json' });
    expect(stale.body.error.details.updatedAt).toMatch(/^\d{4}-/);

    // A different file from the same old view is fine; the answer brings the file she missed.
    const manifest = { ...(start.files['bundle.json'] as object), description: { en: 'Edited in the designer' } };
    const other = await asBea(put('bundle.json', 0, manifest)).expect(200);
    expect(other.body.data.revision).toBe(2);
    expect(Object.keys(other.body.data.changed)).toEqual(['entities/item.json']);

    // And the first admin, at revision 1, edits bin.json without having seen bundle.json.
    const bin = start.files['entities/bin.json'] as { pluralLabel: object };
    await put('entities/bin.json', 1, { ...bin, pluralLabel: { en: 'Bins!' } }).expect(200);
    const now = await draft();
    expect(now).toMatchObject({ isDraft: true, revision: 3, updatedBy: t.adminId });
    expect(now.fileRevisions).toEqual({ 'bundle.json': 2, 'entities/bin.json': 3, 'entities/item.json': 1 });
    expect(now.files['entities/item.json'].label).toEqual({ en: 'Article' });
    expect(now.files['bundle.json'].description).toEqual({ en: 'Edited in the designer' });
    const list = await request(t.app).get('/api/v1/admin/bundles').expect(200);
    expect(list.body.data.find((b: { name: string }) => b.name === 'inv').draft).toMatchObject({ revision: 3 });
  });

  it('names the file and the JSON pointer of what does not validate', async () => {
    const d = await draft();
    const item = structuredClone(d.files['entities/item.json']) as Item;
    item.fields[1]!.type = 'nonsense';
    const r = (await put('entities/item.json', d.revision, item).expect(200)).body.data.revision;
    const v = await request(t.app).post(`${BASE}/draft/validate`).expect(200);
    expect(v.body.data.ok).toBe(false);
    expect(v.body.data.issues).toContainEqual(
      expect.objectContaining({ file: 'entities/item.json', pointer: expect.stringMatching(/^\/fields\/1/) }),
    );
    const planned = await request(t.app).post(`${BASE}/draft/plan`).expect(200);
    expect(planned.body.data).toMatchObject({ ok: false, plan: null });
    const publish = await request(t.app)
      .post(`${BASE}/draft/publish`)
      .send({ revision: r + 1 })
      .expect(409);
    expect(publish.body.error.code).toBe('draft_conflict');
    const refused = await request(t.app).post(`${BASE}/draft/publish`).send({ revision: r }).expect(422);
    expect(refused.body.error.code).toBe('draft_invalid');
    expect(refused.body.error.issues[0].file).toBe('entities/item.json');
  });

  it('plans a renamed field as a rename, and the values survive the publish', async () => {
    const live = await connect();
    const d = await draft();
    const item = structuredClone(d.files['entities/item.json']) as Item;
    item.fields[1] = { ...item.fields[1]!, type: 'string', name: 'ref', renamedFrom: 'sku' };
    const revision = (await put('entities/item.json', d.revision, item).expect(200)).body.data.revision;
    expect((await request(t.app).post(`${BASE}/draft/validate`).expect(200)).body.data).toEqual({
      ok: true,
      issues: [],
    });

    const planned = (await request(t.app).post(`${BASE}/draft/plan`).expect(200)).body.data;
    expect(planned.ok).toBe(true);
    expect(planned.plan).toMatchObject({ fromVersion: '1.0.0', toVersion: '1.0.1', destructive: false });
    const actions = planned.plan.steps.map((s: { action: string; column?: string }) => `${s.action}:${s.column ?? ''}`);
    expect(actions).toContain('rename_column:ref');
    expect(actions.some((a: string) => a.startsWith('drop_column'))).toBe(false);

    const heard = new Promise((resolve) => live.once('meta:changed', resolve));
    const published = await request(t.app).post(`${BASE}/draft/publish`).send({ revision }).expect(200);
    expect(published.body.data.version).toBe('1.0.1');
    expect(await heard).toEqual({ bundle: 'inv', version: '1.0.1' });

    const rows = await t.engine.db('inv_item').orderBy('name').select('name', 'ref');
    expect(rows).toEqual([
      { name: 'Bolt', ref: 'B-1' },
      { name: 'Nut', ref: 'N-2' },
    ]);
    // The registry was reloaded: the data API speaks of `ref` now.
    const listed = await request(t.app).get('/api/v1/data/inv/item').expect(200);
    expect(listed.body.data.map((r: { ref: string }) => r.ref).sort()).toEqual(['B-1', 'N-2']);
    const after = await draft();
    expect(after).toMatchObject({ isDraft: false, revision: 0, baseVersion: '1.0.1' });
    expect(after.files['bundle.json'].version).toBe('1.0.1');
    // A view of the published draft is stale now, even for a file it did not change.
    const late = await asBea(put('entities/bin.json', revision, after.files['entities/bin.json'])).expect(409);
    expect(late.body.error.code).toBe('draft_conflict');
  });

  it('waits for the confirmation of a destructive publish, then applies it', async () => {
    const d = await draft();
    const item = structuredClone(d.files['entities/item.json']) as Item;
    item.fields = item.fields.filter((f) => f.name !== 'note');
    const revision = (await put('entities/item.json', 0, item).expect(200)).body.data.revision;
    const planned = (await request(t.app).post(`${BASE}/draft/plan`).expect(200)).body.data;
    const drop = planned.plan.steps.find((s: { action: string }) => s.action === 'drop_column');
    expect(drop).toMatchObject({ column: 'note', destructive: true, rowsAffected: 2 });

    for (const confirm of [undefined, 'wrong']) {
      const refused = await request(t.app).post(`${BASE}/draft/publish`).send({ revision, confirm }).expect(409);
      expect(refused.body.error.code).toBe('confirmation_required');
    }
    expect((await t.engine.db('sys_bundles').where({ name: 'inv' }).first()).version).toBe('1.0.1');
    expect(await t.engine.db.schema.hasColumn('inv_item', 'note')).toBe(true);
    expect((await draft()).isDraft).toBe(true);

    const ok = await request(t.app).post(`${BASE}/draft/publish`).send({ revision, confirm: 'inv' }).expect(200);
    expect(ok.body.data.version).toBe('1.0.2');
    expect(await t.engine.db.schema.hasColumn('inv_item', 'note')).toBe(false);
  });

  it('renames a file, an entity keeping the name its table has', async () => {
    const d = await draft();
    const r = await request(t.app)
      .post(`${BASE}/draft/rename`)
      .send({ revision: d.revision, from: 'entities/bin.json', to: 'entities/shelf.json' })
      .expect(200);
    const after = await draft();
    expect(after.revision).toBe(r.body.data.revision);
    expect(after.files['entities/bin.json']).toBeUndefined();
    expect(after.files['entities/shelf.json']).toMatchObject({ name: 'shelf', renamedFrom: 'bin' });
    const back = await request(t.app)
      .post(`${BASE}/draft/rename`)
      .send({ revision: after.revision, from: 'entities/shelf.json', to: 'entities/bin.json' })
      .expect(200);
    const again = await draft();
    expect(again.revision).toBe(back.body.data.revision);
    expect(again.files['entities/bin.json'].renamedFrom).toBeUndefined();
    expect((await request(t.app).delete(`${BASE}/draft`).expect(200)).body.data).toEqual({ discarded: true });
    expect((await draft()).isDraft).toBe(false);
  });

  it('serialises simultaneous writes: different files both land, the same file once', async () => {
    const d = await draft();
    expect(d.isDraft).toBe(false);
    const bin = d.files['entities/bin.json'] as object;
    const manifest = d.files['bundle.json'] as object;
    const both = await Promise.all([
      put('entities/bin.json', 0, { ...bin, pluralLabel: { en: 'Racks' } }),
      asBea(put('bundle.json', 0, { ...manifest, description: { en: 'Both at once' } })),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    // Numbering goes on from the drafts before (never restarting): two consecutive revisions.
    const [a, b] = both.map((r) => r.body.data.revision as number).sort((x, y) => x - y);
    expect(b! - a!).toBe(1);
    const now = await draft();
    expect(now.revision).toBe(b);
    expect(now.files['entities/bin.json'].pluralLabel).toEqual({ en: 'Racks' });
    expect(now.files['bundle.json'].description).toEqual({ en: 'Both at once' });
    const same = await Promise.all([
      put('entities/bin.json', now.revision, { ...bin, pluralLabel: { en: 'Shelves' } }),
      asBea(put('entities/bin.json', now.revision, { ...bin, pluralLabel: { en: 'Crates' } })),
    ]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = same.find((r) => r.status === 200)!;
    expect((await draft()).revision).toBe(won.body.data.revision);
    await request(t.app).delete(`${BASE}/draft`).expect(200);
  });

  it("previews a draft's template and dry-runs a draft's automation, changing nothing", async () => {
    const template = {
      name: 'hello',
      category: 'alert',
      transactional: false,
      subject: { en: 'Hello {{name}}', fr: 'Bonjour {{name}}' },
      body: { en: 'Item {{name}} is ready.', fr: 'L’article {{name}} est prêt.' },
    };
    let rev = (await put('templates/hello.json', 0, template).expect(200)).body.data.revision;
    const preview = await request(t.app)
      .post(`${BASE}/draft/templates/hello/preview`)
      .send({ data: { name: 'Bolt' }, language: 'fr' })
      .expect(200);
    expect(preview.body.data).toMatchObject({ subject: 'Bonjour Bolt', lang: 'fr' });
    expect(preview.body.data.html).toContain('L’article Bolt est prêt.');
    const missing = await request(t.app).post(`${BASE}/draft/templates/hello/preview`).send({ data: {} }).expect(422);
    expect(missing.body.error.code).toBe('preview_failed');

    const automation = {
      name: 'make_bin',
      entity: 'item',
      trigger: { type: 'record.created' },
      actions: [{ type: 'create', entity: 'bin', values: { code: 'AUTO', label: { var: 'record.name' } } }],
    };
    rev = (await put('automations/make_bin.json', rev, automation).expect(200)).body.data.revision;
    const run = await request(t.app)
      .post(`${BASE}/draft/automations/make_bin/dry-run`)
      .send({ record: { name: 'Washer' } })
      .expect(200);
    expect(run.body.data).toMatchObject({ dryRun: true, outcome: 'done' });
    expect(await t.engine.db('inv_bin').where({ code: 'AUTO' }).first()).toBeUndefined();
    await request(t.app).post(`${BASE}/draft/automations/nothing/dry-run`).send({}).expect(404);
    expect((await draft()).revision).toBe(rev);
    await request(t.app).delete(`${BASE}/draft`).expect(200);
  });

  it('is for administrators only', async () => {
    const as = (req: request.Test) => req.set('authorization', `Bearer ${user.token}`);
    for (const req of [
      request(t.rawApp).get('/api/v1/admin/bundles'),
      request(t.rawApp).post('/api/v1/admin/bundles').send({ name: 'nope', title: 'Nope' }),
      request(t.rawApp).get(`${BASE}/draft`),
      request(t.rawApp).put(`${BASE}/draft/files/bundle.json`).send({ revision: 0, content: {} }),
      request(t.rawApp).post(`${BASE}/draft/publish`).send({ revision: 0 }),
    ]) {
      const r = await as(req).expect(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect(await t.engine.db('sys_bundle_drafts')).toEqual([]);
  });

  it('refuses a draft that would break an installed bundle depending on it', async () => {
    const list = (await request(t.app).get('/api/v1/admin/bundles').expect(200)).body.data;
    expect(list.find((b: { name: string }) => b.name === 'depa').dependants).toEqual(['depb']);
    const base = '/api/v1/admin/bundles/depa/draft';
    const renamed = await request(t.app)
      .post(`${base}/rename`)
      .send({ revision: 0, from: 'entities/thing.json', to: 'entities/gadget.json' })
      .expect(200);
    const v = (await request(t.app).post(`${base}/validate`).expect(200)).body.data;
    expect(v.ok).toBe(false);
    expect(v.issues[0]).toMatchObject({ file: 'bundle.json', code: 'bundle.breaks_dependant' });
    expect(v.issues[0].message).toMatch(/"depb".*entities\/widget\.json/);
    const refused = await request(t.app)
      .post(`${base}/publish`)
      .send({ revision: renamed.body.data.revision, confirm: 'depa' })
      .expect(422);
    expect(refused.body.error.code).toBe('draft_invalid');
    expect(await t.engine.db.schema.hasTable('depa_thing')).toBe(true);
    await request(t.app).delete(base).expect(200);

    // A major version the dependant's range (^1.0.0) does not accept breaks it too.
    const d = (await request(t.app).get(base).expect(200)).body.data;
    await request(t.app)
      .put(`${base}/files/bundle.json`)
      .send({ revision: 0, content: { ...d.files['bundle.json'], version: '2.0.0' } })
      .expect(200);
    const major = (await request(t.app).post(`${base}/validate`).expect(200)).body.data;
    expect(major.issues.map((i: { code: string }) => i.code)).toContain('bundle.breaks_dependant');
    await request(t.app).delete(base).expect(200);
  });

  it('starts a new bundle as a draft only', async () => {
    const r = await request(t.app)
      .post('/api/v1/admin/bundles')
      .send({ name: 'fresh', title: { en: 'Fresh', fr: 'Neuf' } })
      .expect(201);
    expect(r.body.data).toMatchObject({ bundle: 'fresh', isDraft: true, baseVersion: null });
    expect(r.body.data.files['bundle.json']).toMatchObject({ name: 'fresh', version: '0.1.0' });
    expect(await t.engine.db('sys_bundles').where({ name: 'fresh' }).first()).toBeUndefined();
    const again = await request(t.app).post('/api/v1/admin/bundles').send({ name: 'inv', title: 'x' }).expect(409);
    expect(again.body.error.code).toBe('bundle_exists');
    const bad = await request(t.app).post('/api/v1/admin/bundles').send({ name: 'Bad-Name', title: '' }).expect(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'title.en']);
    const list = (await request(t.app).get('/api/v1/admin/bundles').expect(200)).body.data;
    expect(list.find((b: { name: string }) => b.name === 'fresh')).toMatchObject({ status: 'draft', version: '0.1.0' });
    // Its first publish installs it: the draft's own version, a table for its entity.
    const entity = {
      name: 'thing',
      label: { en: 'Thing' },
      pluralLabel: { en: 'Things' },
      fields: [{ name: 'title', type: 'string', label: { en: 'Title' }, required: true }],
    };
    const rev = (
      await request(t.app)
        .put('/api/v1/admin/bundles/fresh/draft/files/entities/thing.json')
        .send({ revision: r.body.data.revision, content: entity })
        .expect(200)
    ).body.data.revision;
    const published = await request(t.app).post('/api/v1/admin/bundles/fresh/draft/publish').send({ revision: rev });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data).toMatchObject({ version: '0.1.0', plan: { fromVersion: null, toVersion: '0.1.0' } });
    expect(await t.engine.db.schema.hasTable('fresh_thing')).toBe(true);
    const installed = (await request(t.app).get('/api/v1/admin/bundles').expect(200)).body.data;
    expect(installed.find((b: { name: string }) => b.name === 'fresh')).toMatchObject({
      status: 'active',
      draft: null,
    });
    await request(t.app).post('/api/v1/data/fresh/thing').send({ title: 'First' }).expect(201);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body;
    for (const [p, methods] of Object.entries({
      '/api/v1/admin/bundles': ['get', 'post'],
      '/api/v1/admin/bundles/{name}/draft': ['get', 'delete'],
      '/api/v1/admin/bundles/{name}/draft/files/{path}': ['put', 'delete'],
      '/api/v1/admin/bundles/{name}/draft/rename': ['post'],
      '/api/v1/admin/bundles/{name}/draft/validate': ['post'],
      '/api/v1/admin/bundles/{name}/draft/plan': ['post'],
      '/api/v1/admin/bundles/{name}/draft/publish': ['post'],
      '/api/v1/admin/bundles/{name}/draft/automations/{automation}/dry-run': ['post'],
      '/api/v1/admin/bundles/{name}/draft/templates/{template}/preview': ['post'],
    })) {
      for (const m of methods) expect(doc.paths[p]?.[m]?.responses, `${m} ${p}`).toHaveProperty('403');
    }
  });

  it('writes every change to the audit trail', async () => {
    const rows = await t.engine.db('sys_audit').where('action', 'like', 'designer.%').orderBy('id');
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'designer.put_file',
      'designer.rename_file',
      'designer.publish',
      'designer.discard',
      'designer.create',
    ])
      expect(actions).toContain(a);
    const first = rows.find((r) => r.action === 'designer.put_file')!;
    expect(first).toMatchObject({ entity: 'inv', actor_id: t.adminId });
    expect(first.changes).toMatchObject({ file: 'entities/item.json', revision: [0, 1] });
    expect(rows.some((r) => r.action === 'designer.put_file' && r.actor_id === bea.id)).toBe(true);
  });
});

describe('bad input', () => {
  const snapshot = async () => ({
    drafts: await t.engine.db('sys_bundle_drafts').select('*'),
    files: await t.engine.db('sys_bundle_draft_files').orderBy('path').select('path', 'revision'),
    bundles: await t.engine.db('sys_bundles').select('name', 'version', 'checksum'),
    changes: (await t.engine.db('sys_bundle_draft_changes').count('* as n'))[0],
    audit: (await t.engine.db('sys_audit').count('* as n'))[0],
  });

  it('refuses paths outside the kinds folders, unsafe names and non-object contents with a 4xx', async () => {
    const cases: [string, unknown, string][] = [
      ['../bundle.json', { revision: 0, content: {} }, 'path_invalid'],
      ['secrets/x.json', { revision: 0, content: {} }, 'path_invalid'],
      ['entities/x.txt', { revision: 0, content: {} }, 'path_invalid'],
      ['entities/.hidden.json', { revision: 0, content: {} }, 'path_invalid'],
      ['entities/a/b.json', { revision: 0, content: {} }, 'path_invalid'],
      ['entities/x.json', { revision: 0, content: [] }, 'content_invalid'],
      ['entities/x.json', { revision: 0, content: 'text' }, 'content_invalid'],
      ['entities/x.json', { revision: -1, content: {} }, 'validation_failed'],
      ['entities/x.json', { content: {} }, 'validation_failed'],
      ['entities/x.json', { revision: 0, content: { a: 'nul\u0000' } }, 'content_invalid'],
      ['entities/x.json', { revision: 0, content: { a: 'x'.repeat(600 * 1024) } }, 'file_too_large'],
    ];
    const before = await snapshot();
    for (const [file, body, code] of cases) {
      const r = await request(t.app)
        .put(`${BASE}/draft/files/${file}`)
        .send(body as object);
      expect(r.status, file).toBeGreaterThanOrEqual(400);
      expect(r.status, file).toBeLessThan(500);
      expect(r.body.error.code, file).toBe(code);
    }
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect((await put('entities/x.json', 0, deep).expect(422)).body.error.code).toBe('content_invalid');
    await request(t.app).delete(`${BASE}/draft/files/bundle.json`).send({ revision: 0 }).expect(422);
    await request(t.app)
      .put('/api/v1/admin/bundles/NOPE/draft/files/bundle.json')
      .send({ revision: 0, content: {} })
      .expect(404);
    await request(t.app)
      .put('/api/v1/admin/bundles/nope/draft/files/bundle.json')
      .send({ revision: 0, content: {} })
      .expect(404);
    expect(await snapshot()).toEqual(before);
  });

  it('never answers 500 and never changes anything for random paths and bodies (property)', async () => {
    const before = await snapshot();
    const segment = fc.oneof(
      fc.constantFrom('entities', 'permissions', 'tests', '..', '.', '', 'bundle.json', 'x.json', '%2e%2e', 'a b'),
      fc.string({ maxLength: 12 }),
    );
    const filePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const badBody = fc.oneof(
      fc.jsonValue(),
      // Never a revision a write could be based on: the content may be anything.
      fc.record({
        revision: fc.oneof(fc.integer({ max: -1 }), fc.string(), fc.constant(null), fc.double({ min: 0.1, max: 9.9 })),
        content: fc.jsonValue(),
      }),
      fc.record({ revision: fc.integer({ min: 0, max: 5 }), content: fc.oneof(fc.array(fc.jsonValue()), fc.string()) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('put', 'delete', 'rename', 'publish', 'plan', 'preview'),
        filePath,
        badBody,
        async (kind, file, body) => {
          const encoded = file
            .split('/')
            .map((s) => encodeURIComponent(s))
            .join('/');
          const r =
            kind === 'put'
              ? await request(t.app).put(`${BASE}/draft/files/${encoded}`).send(JSON.stringify(body)).type('json')
              : kind === 'delete'
                ? await request(t.app).delete(`${BASE}/draft/files/${encoded}`).send(JSON.stringify(body)).type('json')
                : kind === 'rename'
                  ? await request(t.app)
                      .post(`${BASE}/draft/rename`)
                      .send({ revision: 0, from: file, to: `${file}x` })
                  : kind === 'publish'
                    ? await request(t.app).post(`${BASE}/draft/publish`).send(JSON.stringify(body)).type('json')
                    : kind === 'plan'
                      ? await request(t.app).post(`/api/v1/admin/bundles/${encoded}/draft/plan`)
                      : await request(t.app)
                          .post(`${BASE}/draft/templates/${encoded}/preview`)
                          .send(JSON.stringify(body))
                          .type('json');
          expect(r.status, `${kind} ${file} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (kind !== 'plan') expect(r.status, `${kind} ${file}`).toBeGreaterThanOrEqual(400);
          if (r.status >= 400) expect(typeof r.body.error?.code).toBe('string');
        },
      ),
      { numRuns: 150 },
    );
    expect(await snapshot()).toEqual(before);
  });
});

function connect(): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token: t.adminToken },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => resolve(socket));
  });
}
