import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { systemContext } from '../src/data/request-context.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTiersSeed } from '../../seeds/tiers/generate.ts';
import { applyBundle, dryRunBundle, planBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { createConfig } from '../src/config.ts';
import { Engine } from '../src/engine.ts';
import { loadSeed, type SeedData } from '../src/seed/load-seed.ts';
import { applyBundles, asAdmin, signedInUser, TIERS } from './harness.ts';

// The embedded path (no DATABASE_URL: PGlite in memory) end to end, so it does not rot:
// apply, seed, list/search/write through HTTP, plan, dry-run and apply a change.

type Def = { fields: Record<string, unknown>[] };
let engine: Engine;
let app: ReturnType<typeof asAdmin>;
let tmp: string;
const company = '/api/v1/data/tiers/company';

/** A copy of the tiers bundle, next minor version, with `edit` applied to company.json. */
function tiersVariant(name: string, edit: (company: Def) => void): string {
  const dir = path.join(tmp, name);
  cpSync(TIERS, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
  const [major, minor] = String(manifest.version).split('.').map(Number);
  manifest.version = `${major}.${minor! + 1}.0`;
  writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
  const file = path.join(dir, 'entities/company.json');
  const def = JSON.parse(readFileSync(file, 'utf8'));
  edit(def);
  writeFileSync(file, JSON.stringify(def));
  return dir;
}
async function prepared(dir: string) {
  const [p] = await prepareBundles(engine.db, [dir]);
  if (!p?.bundle) throw new Error(JSON.stringify(p?.issues));
  return p.bundle;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'opsflux-pglite-'));
  engine = await Engine.create(createConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }));
  await applyBundles(engine, [TIERS]);
  const ctx = systemContext(engine.db, engine.registry.current, engine.log, 'test');
  const data: SeedData = { ...generateTiersSeed({ companies: 20, contacts: 60 }) };
  const counts = await loadSeed(ctx, 'tiers', data);
  expect(counts).toEqual({ company: 20, contact: 60 });
  const admin = await signedInUser(engine, { systemRoles: ['admin'] });
  app = asAdmin(engine.app(), admin.token);
});
afterAll(async () => {
  await engine?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('PGlite smoke', () => {
  it('runs on embedded PGlite', () => {
    expect(engine.connection.kind).toBe('pglite');
  });

  it('keeps DATA_DIR=memory:// as an in-memory database', () => {
    expect(createConfig({ DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
  });

  it('lists with a filter and a sort, page by page with the cursor', async () => {
    const types = await engine.db('tiers_company').select('type').count('* as n').groupBy('type').orderBy('n', 'desc');
    const type = types[0]!.type as string;
    const expected = await engine
      .db('tiers_company')
      .where({ type })
      .orderBy([{ column: 'legal_name' }, 'id'])
      .pluck('id');
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const query = { filter: JSON.stringify({ type }), sort: 'legal_name', limit: 3, ...(cursor && { cursor }) };
      const res = await request(app).get(company).query(query);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r: { id: string; type: string }) => (expect(r.type).toBe(type), r.id)));
      cursor = res.body.meta.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
  });

  it('searches with q', async () => {
    const target = await engine.db('tiers_company').orderBy('legal_name').first('id', 'legal_name');
    const word = (target.legal_name as string).split(' ')[0]!;
    const res = await request(app).get(company).query({ q: word, limit: 50 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { id: string }) => r.id)).toContain(target.id);
  });

  it('creates, patches and deletes a record', async () => {
    const created = await request(app)
      .post(company)
      .send({ legal_name: 'Smoke Test Ltd', type: 'partner', country: 'FR' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const patched = await request(app).patch(`${company}/${id}`).send({ city: 'Lyon', version: 1 });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ city: 'Lyon', version: 2 });
    expect((await request(app).delete(`${company}/${id}`)).status).toBe(204);
    expect((await request(app).get(`${company}/${id}`)).status).toBe(404);
  });

  it('dry-runs a narrowing change: counts the values that do not fit, changes nothing', async () => {
    const dir = tiersVariant('narrow', (def) => {
      const address = def.fields.find((f) => f.name === 'address')!;
      Object.assign(address, { type: 'string', maxLength: 10 });
    });
    const long = await engine.db('tiers_company').whereRaw('length(address) > 10').orderBy('id').pluck('id');
    const { plan, problems } = await dryRunBundle(engine.db, await prepared(dir));
    expect(plan.steps).toEqual([expect.objectContaining({ action: 'alter_type', destructive: true })]);
    expect(long.length).toBeGreaterThan(0);
    expect(problems).toEqual([expect.objectContaining({ count: long.length, sampleIds: long.slice(0, 5) })]);
    expect(problems[0]!.error).toMatch(/too long/);
    const column = await engine.db.raw(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'tiers_company' AND column_name = 'address'`,
    );
    expect(column.rows).toEqual([{ data_type: 'text' }]);
  });

  it('plans and applies a new column, then serves it', async () => {
    const dir = tiersVariant('add-column', (def) => {
      def.fields.push({ name: 'duns', type: 'string', label: { en: 'DUNS number' }, maxLength: 9 });
    });
    const bundle = await prepared(dir);
    const plan = await planBundle(engine.db, bundle);
    expect(plan.steps).toEqual([
      expect.objectContaining({ action: 'add_column', table: 'tiers_company', column: 'duns', destructive: false }),
    ]);
    await applyBundle(engine.db, bundle);
    await engine.reload();
    const list = await request(app).get(company).query({ limit: 1 });
    expect(list.body.data[0]).toHaveProperty('duns', null);
    const id = list.body.data[0].id;
    const patched = await request(app)
      .patch(`${company}/${id}`)
      .send({ duns: '123456789', version: list.body.data[0].version });
    expect(patched.status).toBe(200);
    expect(patched.body.data.duns).toBe('123456789');
    expect((await applyBundle(engine.db, bundle)).noop).toBe(true);
  });
});
