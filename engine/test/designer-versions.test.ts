import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { PRETTIER_JSON } from '../src/bundle-admin/bundle-files.ts';
import { writeZip } from '../src/bundle-admin/bundle-zip.ts';
import { writeExport } from '../src/bundle-admin/write-export.ts';
import { loadBundle, readZip } from '../src/bundles/load-bundle.ts';
import { createTestEngine, REPO, TIERS, type TestEngine } from './harness.ts';

// Export, import, versions, diffs and rollbacks of the designer (docs/designer-api.md): a
// bundle leaves as a .zip of formatted files and comes back byte for byte; its history can be
// compared and rolled back through the normal plan and apply.

const ADMIN = '/api/v1/admin/bundles';
let t: TestEngine;
let fresh: TestEngine;
let user: { id: string; token: string };

beforeAll(async () => {
  [t, fresh] = await Promise.all([createTestEngine([TIERS]), createTestEngine([])]);
  user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: [] }] });
});
afterAll(async () => {
  await Promise.all([t?.close(), fresh?.close()]);
});

const exportZip = async (e: TestEngine, query = '') => {
  const res = await request(e.app)
    .get(`${ADMIN}/tiers/export.zip${query}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res as unknown as { body: Buffer; headers: Record<string, string> };
};
const upload = (e: TestEngine, zip: Buffer) =>
  request(e.app).post(`${ADMIN}/import`).set('content-type', 'application/zip').send(zip);
const filesOf = async (zip: Buffer) =>
  new Map([...(await readZip(zip))].map(([p, b]) => [p, JSON.parse(b.toString()) as Record<string, unknown>]));
const audits = async (e: TestEngine, action: string) =>
  (await e.engine.db('sys_audit').where({ action }).orderBy('id')) as { entity: string; changes: unknown }[];

describe('export and import', () => {
  let original: Buffer;

  it('exports the applied bundle as formatted files, the same bytes every time', async () => {
    const first = await exportZip(t);
    expect(first.headers['content-type']).toBe('application/zip');
    expect(first.headers['content-disposition']).toBe('attachment; filename="tiers-1.1.0.zip"');
    const second = await exportZip(t);
    expect(second.body.equals(first.body)).toBe(true);
    original = first.body;
    const entries = await readZip(original);
    expect([...entries.keys()]).toContain('bundle.json');
    expect([...entries.keys()]).toContain('entities/company.json');
    for (const [file, text] of entries) expect(await prettier.check(text.toString(), PRETTIER_JSON), file).toBe(true);
    expect((await audits(t, 'designer.export')).length).toBe(2);
  });

  it('adds the demo data under seed/ when asked', async () => {
    const { body, headers } = await exportZip(t, '?seed=true');
    expect(headers['x-bundle-seed']).toBe('true');
    const files = await readZip(body);
    const seeds = [...files.keys()].filter((f) => f.startsWith('seed/'));
    expect(seeds).toContain('seed/company.json');
    const companies = JSON.parse(files.get('seed/company.json')!.toString()) as { external_id: string }[];
    expect(companies.length).toBeGreaterThan(5);
    expect(companies.every((c) => typeof c.external_id === 'string')).toBe(true);
    await request(t.app)
      .get(`${ADMIN}/tiers/export.zip?seed=maybe`)
      .expect(400)
      .expect((r) => expect(r.body.error).toMatchObject({ code: 'query_invalid', details: [{ path: 'seed' }] }));
    await request(t.app).get(`${ADMIN}/nothere/export.zip`).expect(404);
  });

  it('imports into a fresh database: checked, planned, applied; exported again byte for byte', async () => {
    const checked = await upload(fresh, original).expect(200);
    const data = checked.body.data;
    expect(data).toMatchObject({
      bundle: 'tiers',
      version: '1.1.0',
      installedVersion: null,
      issues: [],
      dependencies: [],
    });
    expect(data.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.plan.steps.some((s: { action: string }) => s.action === 'create_table')).toBe(true);
    expect(await fresh.engine.db('sys_bundles').where({ name: 'tiers' }).first()).toBeUndefined();

    const applied = await request(fresh.app).post(`${ADMIN}/import/${data.importId}/apply`).send({}).expect(200);
    expect(applied.body.data).toMatchObject({ bundle: 'tiers', version: '1.1.0' });
    expect(fresh.engine.registry.current.entity('tiers', 'company')).toBeDefined();
    const again = await exportZip(fresh);
    expect(again.body.equals(original)).toBe(true);
    // An import is applied once.
    await request(fresh.app)
      .post(`${ADMIN}/import/${data.importId}/apply`)
      .send({})
      .expect(404)
      .expect((r) => expect(r.body.error.code).toBe('import_not_found'));
    expect((await audits(fresh, 'designer.import_apply')).map((a) => a.entity)).toEqual(['tiers']);
  });

  it('lists the dependencies an import needs and refuses to store one that cannot apply', async () => {
    const raw = await loadBundle(path.join(REPO, 'engine/test/bundles/plan-dep-b'));
    const files = new Map<string, string>([
      ['bundle.json', JSON.stringify(raw.manifest.data)],
      ...raw.kinds.entity!.map((f) => [f.file, JSON.stringify(f.data)] as [string, string]),
    ]);
    const res = await upload(fresh, await writeZip(files)).expect(200);
    expect(res.body.data).toMatchObject({
      importId: null,
      bundle: 'depb',
      dependencies: [{ name: 'depa', range: '^1.0.0', installed: null, ok: false, reason: 'not installed' }],
      plan: null,
    });
    expect(res.body.data.issues.map((i: { code: string }) => i.code)).toContain('dependency.missing');
  });

  it('refuses what is not a zip, with a code and the place, never a 500', async () => {
    await request(t.app)
      .post(`${ADMIN}/import`)
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415)
      .expect((r) => expect(r.body.error.details[0].path).toBe('(body)'));
    await upload(t, Buffer.alloc(0))
      .expect(400)
      .expect((r) => expect(r.body.error.code).toBe('body_required'));
    await upload(t, Buffer.alloc(21 * 1024 * 1024))
      .expect(413)
      .expect((r) => expect(r.body.error).toMatchObject({ code: 'payload_too_large', message: /20 MB/ }));
    await upload(t, Buffer.from('PK\x03\x04 not really'))
      .expect(400)
      .expect((r) => expect(r.body.error.code).toBe('invalid_zip'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), async (bytes) => {
        const res = await upload(t, Buffer.from(bytes));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.error.code).toBe('string');
      }),
      { numRuns: 40 },
    );
  });

  it('checks random zips — odd names, random JSON, broken bundles — without a 500', async () => {
    const name = fc.constantFrom('bundle.json', 'entities/a.json', 'forms/f.json', 'x/bundle.json', 'seed/a.json');
    const manifest = fc.oneof(
      fc.jsonValue(),
      fc.record({
        name: fc.oneof(fc.constantFrom('tiers', 'zz', 'Bad Name'), fc.string()),
        version: fc.oneof(fc.constantFrom('1.0.0', '9.9.9', '1.1.0'), fc.string()),
        title: fc.jsonValue(),
        dependencies: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.jsonValue()),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        manifest,
        fc.array(
          fc.record({
            name,
            content: fc.oneof(
              fc.string(),
              fc.jsonValue().map((v) => JSON.stringify(v)),
            ),
          }),
          {
            maxLength: 4,
          },
        ),
        async (m, entries) => {
          const zip = new yazl.ZipFile();
          zip.addBuffer(Buffer.from(JSON.stringify(m) ?? 'null'), 'bundle.json');
          for (const e of entries) if (e.name !== 'bundle.json') zip.addBuffer(Buffer.from(e.content), e.name);
          zip.end();
          const chunks: Buffer[] = [];
          for await (const c of zip.outputStream) chunks.push(c as Buffer);
          const res = await upload(t, Buffer.concat(chunks));
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (res.status === 200) expect(Array.isArray(res.body.data.issues)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('opsflux export writes the same bytes as the API, as a .zip or a folder', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsflux-export-'));
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const env = { ...process.env, DATABASE_URL: fresh.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
        execFile(
          process.execPath,
          [path.join(REPO, 'engine/bin/opsflux.js'), ...args],
          { cwd: REPO, env },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        );
      });
    try {
      const zipped = await cli('export', 'tiers', '--out', path.join(dir, 'tiers.zip'));
      expect(zipped, zipped.stderr).toMatchObject({ code: 0 });
      expect(zipped.stdout).toContain('tiers 1.1.0');
      expect(readFileSync(path.join(dir, 'tiers.zip')).equals(original)).toBe(true);
      const folder = await cli('export', 'tiers', '--out', path.join(dir, 'tiers'));
      expect(folder.code).toBe(0);
      for (const [file, text] of await readZip(original))
        expect(readFileSync(path.join(dir, 'tiers', file)).equals(text), file).toBe(true);
      // A folder that holds JSON files is replaced only when asked.
      const files = new Map([['bundle.json', '{}\n']]);
      await expect(writeExport(files, path.join(dir, 'tiers'))).rejects.toThrow(/--force/);
      await writeExport(files, path.join(dir, 'tiers'), { force: true });
      expect(readFileSync(path.join(dir, 'tiers', 'bundle.json'), 'utf8')).toBe('{}\n');
      expect(() => readFileSync(path.join(dir, 'tiers', 'entities', 'company.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body;
    for (const p of [
      'export.zip',
      'versions',
      'versions/{id}',
      'diff',
      'versions/{id}/rollback',
      'activate',
      'deactivate',
    ])
      expect(doc.paths[`${ADMIN}/{name}/${p}`], p).toBeDefined();
    expect(doc.paths[`${ADMIN}/import`].post.responses['415']).toBeDefined();
    expect(doc.paths[`${ADMIN}/{name}`].delete).toBeDefined();
  });

  it('is for administrators only', async () => {
    const as = (req: request.Test) => req.set('authorization', `Bearer ${user.token}`);
    await as(request(t.rawApp).get(`${ADMIN}/tiers/export.zip`)).expect(403);
    await as(request(t.rawApp).get(`${ADMIN}/tiers/versions`)).expect(403);
    await as(request(t.rawApp).post(`${ADMIN}/import`).set('content-type', 'application/zip').send(original)).expect(
      403,
    );
  });
});

describe('versions, diffs and rollbacks', () => {
  const versions = async () =>
    (await request(t.app).get(`${ADMIN}/tiers/versions`).expect(200)).body.data as {
      id: number;
      version: string;
      operation: string;
    }[];

  /** tiers with a new field on company, as version `version`. */
  const upgraded = async (version: string) => {
    const files = await filesOf((await exportZip(t)).body);
    const company = files.get('entities/company.json') as { fields: object[] };
    company.fields.push({ name: 'rating', type: 'integer', label: { en: 'Rating' } });
    files.set('bundle.json', { ...files.get('bundle.json'), version });
    return writeZip(new Map([...files].map(([p, c]) => [p, JSON.stringify(c)])));
  };

  it('refuses an import older than the installed version, and one that reuses its number', async () => {
    const files = await filesOf((await exportZip(t)).body);
    files.set('bundle.json', { ...files.get('bundle.json'), version: '1.0.0' });
    const older = await upload(t, await writeZip(new Map([...files].map(([p, c]) => [p, JSON.stringify(c)])))).expect(
      200,
    );
    expect(older.body.data).toMatchObject({ importId: null, installedVersion: '1.1.0' });
    expect(older.body.data.issues).toMatchObject([{ file: 'bundle.json', pointer: '/version', code: 'version.older' }]);
    const same = await upload(t, await upgraded('1.1.0')).expect(200);
    expect(same.body.data.issues.map((i: { code: string }) => i.code)).toEqual(['version.unchanged']);
  });

  it('lists versions newest first, gives one with its files, and diffs two', async () => {
    const checked = await upload(t, await upgraded('1.2.0')).expect(200);
    expect(checked.body.data.issues).toEqual([]);
    await request(t.app).post(`${ADMIN}/import/${checked.body.data.importId}/apply`).send({}).expect(200);
    const list = await versions();
    expect(list.map((v) => [v.version, v.operation])).toEqual([
      ['1.2.0', 'upgrade'],
      ['1.1.0', 'install'],
    ]);
    const [v2, v1] = list as unknown as [{ id: number }, { id: number }];
    const one = (await request(t.app).get(`${ADMIN}/tiers/versions/${v1.id}`).expect(200)).body.data;
    expect(one.files['bundle.json'].version).toBe('1.1.0');
    expect(Object.keys(one.files)).toContain('views/companies.json');

    const diff = (await request(t.app).get(`${ADMIN}/tiers/diff?from=${v1.id}&to=${v2.id}`).expect(200)).body.data;
    expect(diff.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['bundle.json', 'changed'],
      ['entities/company.json', 'changed'],
    ]);
    const company = diff.files[1].changes as { pointer: string; after?: { name: string } }[];
    expect(company).toHaveLength(1);
    expect(company[0]!.pointer).toMatch(/^\/fields\/\d+$/);
    expect(company[0]!.after).toMatchObject({ name: 'rating' });
    const none = (await request(t.app).get(`${ADMIN}/tiers/diff?from=${v2.id}&to=current`).expect(200)).body.data;
    expect(none.files).toEqual([]);
  });

  it('diffs the applied bundle against the draft, and exports the draft when asked', async () => {
    const view = (await request(t.app).get(`${ADMIN}/tiers/draft`).expect(200)).body.data.files['views/companies.json'];
    await request(t.app)
      .put(`${ADMIN}/tiers/draft/files/views/companies.json`)
      .send({ revision: 0, content: { ...view, pageSize: 25 } })
      .expect(200);
    const diff = (await request(t.app).get(`${ADMIN}/tiers/diff?from=current&to=draft`).expect(200)).body.data;
    expect(diff.files).toEqual([
      {
        path: 'views/companies.json',
        status: 'changed',
        changes: [{ pointer: '/pageSize', before: view.pageSize, after: 25 }],
      },
    ]);
    const drafted = await exportZip(t, '?draft=true');
    expect(drafted.headers['x-bundle-draft']).toBe('true');
    expect(drafted.headers['content-disposition']).toMatch(/-draft\.zip"$/);
    expect((await filesOf(drafted.body)).get('views/companies.json')).toMatchObject({ pageSize: 25 });
    expect((await filesOf((await exportZip(t)).body)).get('views/companies.json')?.pageSize).toBe(view.pageSize);
    await request(t.app).delete(`${ADMIN}/tiers/draft`).expect(200);
  });

  it('answers bad version ids and diff sides with a 4xx naming them', async () => {
    await request(t.app)
      .get(`${ADMIN}/tiers/versions/abc`)
      .expect(404)
      .expect((r) => expect(r.body.error.code).toBe('version_not_found'));
    await request(t.app).get(`${ADMIN}/tiers/versions/999999`).expect(404);
    await request(t.app)
      .get(`${ADMIN}/tiers/diff?from=x1`)
      .expect(400)
      .expect((r) => expect(r.body.error.details[0].path).toBe('from'));
    await request(t.app)
      .get(`${ADMIN}/tiers/diff?from=current&to=draft`)
      .expect(404)
      .expect((r) => expect(r.body.error.code).toBe('draft_not_found'));
    await request(t.app).get(`${ADMIN}/nothere/versions`).expect(404);
  });

  it('rolls back through the normal plan, as a new version, with the destructive confirmation', async () => {
    const company = t.engine.registry.current.entity('tiers', 'company')!;
    await t.engine.db(company.table).insert({ legal_name: 'Rated SA', type: 'client', rating: 4 });
    const v1 = (await versions()).find((v) => v.version === '1.1.0')!;
    const plan = (await request(t.app).post(`${ADMIN}/tiers/versions/${v1.id}/rollback/plan`).expect(200)).body.data;
    expect(plan).toMatchObject({ ok: true, issues: [], version: '1.2.1', target: { id: v1.id, version: '1.1.0' } });
    const drop = plan.plan.steps.find((s: { action: string }) => s.action === 'drop_column');
    expect(drop).toMatchObject({ column: 'rating', destructive: true });

    await request(t.app)
      .post(`${ADMIN}/tiers/versions/${v1.id}/rollback`)
      .send({})
      .expect(409)
      .expect((r) => expect(r.body.error.code).toBe('confirmation_required'));
    expect(t.engine.registry.current.entity('tiers', 'company')!.fields.has('rating')).toBe(true);
    await request(t.app).post(`${ADMIN}/tiers/versions/${v1.id}/rollback`).send({ confirm: 42 }).expect(422);
    const done = await request(t.app)
      .post(`${ADMIN}/tiers/versions/${v1.id}/rollback`)
      .send({ confirm: 'tiers' })
      .expect(200);
    expect(done.body.data.version).toBe('1.2.1');
    expect(t.engine.registry.current.entity('tiers', 'company')!.fields.has('rating')).toBe(false);
    expect((await versions())[0]).toMatchObject({ version: '1.2.1', operation: 'rollback' });
    const rolled = await audits(t, 'designer.rollback');
    expect(rolled).toMatchObject([{ entity: 'tiers', changes: { version: ['1.2.0', '1.2.1'] } }]);
    // The rolled-back definition is the old one, renumbered.
    const diff = (await request(t.app).get(`${ADMIN}/tiers/diff?from=${v1.id}&to=current`).expect(200)).body.data;
    expect(diff.files).toEqual([
      { path: 'bundle.json', status: 'changed', changes: [{ pointer: '/version', before: '1.1.0', after: '1.2.1' }] },
    ]);
  });

  it('forgets a checked import after an hour', async () => {
    const checked = await upload(t, await upgraded('1.3.0')).expect(200);
    expect(checked.body.data.importId).toMatch(/^[0-9a-f-]{36}$/);
    t.engine.clock.advance(61 * 60_000);
    try {
      // Signed in after the hour went by (the first administrator's token has expired by then).
      const later = await t.userWithToken({ systemRoles: ['admin'] });
      await request(t.rawApp)
        .post(`${ADMIN}/import/${checked.body.data.importId}/apply`)
        .set('authorization', `Bearer ${later.token}`)
        .send({})
        .expect((r) => expect([r.status, r.body.error?.code]).toEqual([404, 'import_not_found']));
    } finally {
      t.engine.clock.advance(-61 * 60_000);
    }
  });
});
