import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBundle, planBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { CORE, createTestEngine, REPO, type TestEngine } from './harness.ts';

// Fields a bundle adds to another bundle's entity (an extension): core.site gets the fields of
// the fixture bundle "siteplus", through its plans, the data API, the meta and core's upgrades.

const dir = (name: string) => path.join(REPO, 'engine/test/bundles', name);
const SITES = '/api/v1/data/core/site';
const ADMIN = '/api/v1/admin/bundles';
const site = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Site ${code}`,
  kind: 'base',
  country: 'CM',
  time_zone: 'Africa/Douala',
  ...extra,
});

let t: TestEngine;
let tmp: string;

beforeAll(async () => {
  t = await createTestEngine([CORE, dir('extend-v1')]);
  tmp = await mkdtemp(path.join(tmpdir(), 'extend-'));
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Core at a new version, its site entity changed by `change` (a copy of the shipped folder). */
async function coreUpgrade(version: string, change: (site: { fields: { name: string }[] }) => void) {
  const folder = path.join(tmp, `core-${version}`);
  await cp(CORE, folder, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(folder, 'bundle.json'), 'utf8'));
  await writeFile(path.join(folder, 'bundle.json'), JSON.stringify({ ...manifest, version }));
  const sitePath = path.join(folder, 'entities/site.json');
  const entity = JSON.parse(await readFile(sitePath, 'utf8'));
  change(entity);
  await writeFile(sitePath, JSON.stringify(entity));
  const [prepared] = await prepareBundles(t.engine.db, [folder]);
  return prepared!;
}

async function columns(table: string): Promise<string[]> {
  return (
    await t.engine
      .db('information_schema.columns')
      .where({ table_name: table, table_schema: t.engine.db.raw('current_schema()') })
      .pluck('column_name')
  ).sort();
}

describe('an extension of core.site', () => {
  let id: string;

  it('adds its columns to core_site, with the reference to its own entity as a foreign key', async () => {
    expect(await columns('core_site')).toEqual(expect.arrayContaining(['muster_point', 'rating', 'contact']));
    const fks = await t.engine.db.raw(
      `SELECT confrelid::regclass::text AS target FROM pg_constraint WHERE conrelid = 'core_site'::regclass AND contype = 'f'`,
    );
    expect(fks.rows.map((r: { target: string }) => r.target)).toContain('siteplus_contact');
  });

  it('reads and writes the extra fields through the data API, with their checks, filters, sorts and search', async () => {
    const contact = await request(t.app).post('/api/v1/data/siteplus/contact').send({ name: 'Ann' }).expect(201);
    const created = await request(t.app)
      .post(SITES)
      .send(site('CM-EXT-1', { muster_point: 'Helipad north', rating: 4, contact: contact.body.data.id }))
      .expect(201);
    id = created.body.data.id;
    expect(created.body.data).toMatchObject({ muster_point: 'Helipad north', rating: 4 });
    await request(t.app)
      .post(SITES)
      .send(site('CM-EXT-2', { muster_point: 'Canteen', rating: 2 }))
      .expect(201);
    // The extension's limits hold like the entity's own (max 5), naming the field.
    const bad = await request(t.app)
      .post(SITES)
      .send(site('CM-EXT-3', { rating: 9 }))
      .expect(422);
    expect(JSON.stringify(bad.body.error.details)).toContain('rating');
    const read = await request(t.app).get(`${SITES}/${id}`).expect(200);
    expect(read.body.data).toMatchObject({ muster_point: 'Helipad north', rating: 4 });
    const filter = encodeURIComponent(JSON.stringify({ rating: { $gte: 3 } }));
    const filtered = await request(t.app).get(`${SITES}?filter=${filter}`).expect(200);
    expect(filtered.body.data.map((r: { code: string }) => r.code)).toEqual(['CM-EXT-1']);
    const sorted = await request(t.app).get(`${SITES}?sort=rating`).expect(200);
    expect(sorted.body.data.map((r: { code: string }) => r.code)).toEqual(['CM-EXT-2', 'CM-EXT-1']);
    const found = await request(t.app).get(`${SITES}?q=canteen`).expect(200);
    expect(found.body.data.map((r: { code: string }) => r.code)).toEqual(['CM-EXT-2']);
    await request(t.app).patch(`${SITES}/${id}`).send({ version: 1, rating: 5 }).expect(200);
  });

  it("lets a grant's field restrictions name them: a hidden extension field is not shown", async () => {
    const user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['siteplus.auditor'] }] });
    const res = await request(t.rawApp).get(`${SITES}/${id}`).set('authorization', `Bearer ${user.token}`).expect(200);
    expect(res.body.data.muster_point).toBe('Helipad north');
    expect(res.body.data).not.toHaveProperty('rating');
  });

  it('shows in the entity meta (marked with the extending bundle) and in its forms', async () => {
    const meta = (await request(t.app).get('/api/v1/meta/entities/core/site').expect(200)).body.data;
    const fields = Object.fromEntries(meta.fields.map((f: { name: string }) => [f.name, f]));
    expect(fields.muster_point).toMatchObject({ extension: 'siteplus', label: 'Muster point', type: 'string' });
    expect(fields.contact).toMatchObject({ extension: 'siteplus', target: 'siteplus.contact' });
    expect(fields.code.extension).toBeUndefined();
    // A view of the extending bundle lists, sorts and filters core.site by them.
    const view = meta.views.find((v: { name: string }) => v.name === 'site_ratings');
    expect(view).toMatchObject({ bundle: 'siteplus' });
    // Core ships a form for sites: the extension's fields come last, in a group titled after siteplus.
    const form = meta.forms.find((f: { name: string }) => f.name === 'site');
    const last = form.uischema.elements.at(-1);
    expect(last).toMatchObject({ type: 'Group', label: 'Site extras' });
    expect(last.elements.map((e: { scope: string }) => e.scope)).toEqual([
      '#/properties/muster_point',
      '#/properties/rating',
      '#/properties/contact',
    ]);
  });

  it('survives an upgrade of core: the plan adds core’s new column and leaves the extension’s alone', async () => {
    const prepared = await coreUpgrade('1.9.0', (e) =>
      e.fields.push({ name: 'altitude', type: 'integer', label: { en: 'Altitude' } } as never),
    );
    expect(prepared.issues).toEqual([]);
    const plan = await planBundle(t.engine.db, prepared.bundle!);
    expect(plan.steps.map((s) => `${s.action} ${s.column ?? s.table}`)).toEqual(['add_column altitude']);
    await applyBundle(t.engine.db, prepared.bundle!);
    await t.engine.reload();
    const read = await request(t.app).get(`${SITES}/${id}`).expect(200);
    expect(read.body.data).toMatchObject({ muster_point: 'Helipad north', rating: 5, altitude: null });
  });

  it('refuses a core upgrade that takes a field name the extension uses', async () => {
    const clash = await coreUpgrade('1.9.1', (e) =>
      e.fields.push({ name: 'muster_point', type: 'string', label: { en: 'Muster' } } as never),
    );
    expect(clash.issues).toEqual([
      expect.objectContaining({
        file: 'entities/site.json',
        pointer: '/fields/9/name',
        code: 'extension.field_taken',
        message: expect.stringContaining('siteplus'),
      }),
    ]);
  });

  it('renames an extension field: the plan renames the column and the values stay', async () => {
    const [v2] = await prepareBundles(t.engine.db, [dir('extend-v2')]);
    expect(v2!.issues).toEqual([]);
    const plan = await planBundle(t.engine.db, v2!.bundle!);
    const actions = plan.steps.map((s) => s.action);
    expect(actions).toContain('rename_column');
    expect(plan.steps.find((s) => s.action === 'rename_column')).toMatchObject({ table: 'core_site', column: 'score' });
    expect(actions).not.toContain('drop_column');
    expect(plan.steps.every((s) => s.table === 'core_site' && !s.destructive)).toBe(true);
    await applyBundle(t.engine.db, v2!.bundle!);
    await t.engine.reload();
    const read = await request(t.app).get(`${SITES}/${id}`).expect(200);
    // The new computed field is filled on the rows already there.
    expect(actions).toContain('recompute');
    expect(read.body.data).toMatchObject({
      score: 5,
      muster_point: 'Helipad north',
      tagline: 'CM-EXT-1 / Helipad north',
    });
    expect(read.body.data).not.toHaveProperty('rating');
  });

  it('refuses field names the entity or another extension already has, pointing at the extension file', async () => {
    const [p] = await prepareBundles(t.engine.db, [dir('extend-conflict')]);
    expect(p!.bundle).toBeUndefined();
    const file = 'extensions/site_more.json';
    expect(p!.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file, pointer: '/fields/0/name', code: 'extension.field_taken' }),
        expect.objectContaining({
          file,
          pointer: '/fields/1/name',
          code: 'extension.field_taken',
          message: expect.stringContaining('"siteplus"'),
        }),
        expect.objectContaining({ file, pointer: '/fields/2/name', code: 'field.reserved' }),
      ]),
    );
    expect(p!.issues).toHaveLength(3);
  });

  it('refuses an extension of a bundle that is not a dependency', async () => {
    const [p] = await prepareBundles(t.engine.db, [dir('extend-nodep')]);
    expect(p!.issues).toEqual([
      expect.objectContaining({
        file: 'extensions/site_stray.json',
        pointer: '/entity',
        code: 'extension.not_dependency',
      }),
    ]);
  });

  it('uninstalling the extending bundle archives its columns and leaves core’s rows and columns', async () => {
    const before = await columns('core_site');
    const res = await request(t.app).delete(`${ADMIN}/siteplus`).send({ confirm: 'siteplus' }).expect(200);
    const archived: string[] = res.body.data.archived;
    const columnArchive = archived.find((a) => a.startsWith('sys_archive.core_site_siteplus_'))!;
    expect(columnArchive).toBeDefined();
    expect(archived.some((a) => /^sys_archive\.siteplus_contact_\d+$/.test(a))).toBe(true);
    const after = await columns('core_site');
    expect(after).toEqual(before.filter((c) => !['muster_point', 'score', 'contact', 'tagline'].includes(c)));
    expect(after).toEqual(expect.arrayContaining(['code', 'name', 'altitude', 'search_text']));
    const kept = await t.engine.db.raw(`SELECT score, muster_point FROM ${columnArchive} WHERE id = ?`, [id]);
    expect(kept.rows).toEqual([{ score: 5, muster_point: 'Helipad north' }]);
    const read = await request(t.app).get(`${SITES}/${id}`).expect(200);
    expect(read.body.data.code).toBe('CM-EXT-1');
    expect(read.body.data).not.toHaveProperty('muster_point');
    // Core's search still works without the extension's field.
    await request(t.app).get(`${SITES}?q=CM-EXT`).expect(200);
  });
});
