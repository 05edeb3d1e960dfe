import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, REPO, TIERS, type TestEngine } from './harness.ts';

// Activation, deactivation and uninstall of bundles from the designer (docs/designer-api.md):
// an inactive bundle's menus, views, forms and data API are gone while its data stays; a
// bundle others depend on cannot be switched off or removed under them.

const DEPA = path.join(REPO, 'engine/test/bundles/plan-dep-a');
const DEPB = path.join(REPO, 'engine/test/bundles/plan-dep-b');
const ADMIN = '/api/v1/admin/bundles';
let t: TestEngine;
let server: Server;
let socket: Socket;

beforeAll(async () => {
  t = await createTestEngine([TIERS, DEPA, DEPB]);
  server = await t.engine.listen(0, '127.0.0.1');
  socket = io(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token: t.adminToken },
  });
  await new Promise((resolve, reject) =>
    socket.once('connect', () => resolve(undefined)).once('connect_error', reject),
  );
});
afterAll(async () => {
  socket?.disconnect();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await t?.close();
});

const status = async (name: string) => (await t.engine.db('sys_bundles').where({ name }).first())?.status as string;
const tiersIn = () => {
  const r = t.engine.registry.current;
  return {
    entity: !!r.entity('tiers', 'company'),
    views: [...r.ui.views.keys()].filter((k) => k.startsWith('tiers.')).length,
    menus: r.ui.menus.filter((m) => m.bundle === 'tiers').length,
    forms: [...r.ui.forms.values()].filter((f) => f.entity.startsWith('tiers.')).length,
  };
};
const heard = () =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no meta:changed heard')), 5000);
    socket.once('meta:changed', (data: unknown) => {
      clearTimeout(timer);
      resolve(data);
    });
  });

describe('activate and deactivate', () => {
  it('hides an inactive bundle’s menus, views, forms and data API and keeps its data', async () => {
    const company = await request(t.app)
      .post('/api/v1/data/tiers/company')
      .send({ legal_name: 'Kept SA', type: 'client' })
      .expect(201);
    expect(tiersIn()).toMatchObject({ entity: true });
    expect(tiersIn().views).toBeGreaterThan(0);
    expect(tiersIn().menus).toBeGreaterThan(0);
    expect(tiersIn().forms).toBeGreaterThan(0);

    const told = heard();
    const res = await request(t.app).post(`${ADMIN}/tiers/deactivate`).expect(200);
    expect(res.body.data).toMatchObject({ bundle: 'tiers', status: 'inactive', changed: true });
    expect(await told).toMatchObject({ bundle: 'tiers', version: '1.1.0' });
    expect(await status('tiers')).toBe('inactive');
    expect(tiersIn()).toEqual({ entity: false, views: 0, menus: 0, forms: 0 });
    await request(t.app).get('/api/v1/data/tiers/company').expect(404);
    const ui = (await request(t.app).get('/api/v1/meta/ui').expect(200)).body.data;
    expect(ui.views.filter((v: { bundle: string }) => v.bundle === 'tiers')).toEqual([]);
    expect(ui.forms.filter((f: { entity: string }) => f.entity.startsWith('tiers.'))).toEqual([]);
    expect(await t.engine.db('tiers_company').where({ legal_name: 'Kept SA' }).first()).toBeDefined();

    // Twice is harmless; the list of versions records the switch.
    expect((await request(t.app).post(`${ADMIN}/tiers/deactivate`).expect(200)).body.data.changed).toBe(false);
    const versions = (await request(t.app).get(`${ADMIN}/tiers/versions`).expect(200)).body.data;
    expect(versions[0]).toMatchObject({ operation: 'deactivate', version: '1.1.0' });

    await request(t.app).post(`${ADMIN}/tiers/activate`).expect(200);
    expect(await status('tiers')).toBe('active');
    const back = await request(t.app).get(`/api/v1/data/tiers/company/${company.body.data.id}`).expect(200);
    expect(back.body.data.legal_name).toBe('Kept SA');
    const audit = await t.engine.db('sys_audit').whereLike('action', 'designer.%').orderBy('id').pluck('action');
    expect(audit).toEqual(['designer.deactivate', 'designer.activate']);
  });

  it('refuses to deactivate a bundle an active bundle depends on, and to activate one whose dependency is off', async () => {
    await request(t.app)
      .post(`${ADMIN}/depa/deactivate`)
      .expect(409)
      .expect((r) =>
        expect(r.body.error).toMatchObject({
          code: 'has_active_dependants',
          details: [{ path: 'depb', code: 'active_dependant' }],
        }),
      );
    expect(await status('depa')).toBe('active');
    await request(t.app).post(`${ADMIN}/depb/deactivate`).expect(200);
    await request(t.app).post(`${ADMIN}/depa/deactivate`).expect(200);
    await request(t.app)
      .post(`${ADMIN}/depb/activate`)
      .expect(409)
      .expect((r) => expect(r.body.error).toMatchObject({ code: 'dependency_inactive', details: [{ path: 'depa' }] }));
    await request(t.app).post(`${ADMIN}/depa/activate`).expect(200);
    await request(t.app).post(`${ADMIN}/depb/activate`).expect(200);
    expect(t.engine.registry.current.entity('depb', 'widget')).toBeDefined();
  });

  it('keeps a deactivated bundle inactive when a new version is applied', async () => {
    await request(t.app).post(`${ADMIN}/tiers/deactivate`).expect(200);
    const exported = await request(t.app)
      .get(`${ADMIN}/tiers/export.zip`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { readZip } = await import('../src/bundles/load-bundle.ts');
    const { writeZip } = await import('../src/bundle-admin/bundle-zip.ts');
    const files = new Map([...(await readZip(exported.body as Buffer))].map(([p, b]) => [p, b.toString()]));
    files.set('bundle.json', JSON.stringify({ ...JSON.parse(files.get('bundle.json')!), version: '1.1.1' }));
    const checked = await request(t.app)
      .post(`${ADMIN}/import`)
      .set('content-type', 'application/zip')
      .send(await writeZip(files))
      .expect(200);
    await request(t.app).post(`${ADMIN}/import/${checked.body.data.importId}/apply`).send({}).expect(200);
    expect((await t.engine.db('sys_bundles').where({ name: 'tiers' }).first()).version).toBe('1.1.1');
    expect(await status('tiers')).toBe('inactive');
    expect(tiersIn().entity).toBe(false);
    await request(t.app).post(`${ADMIN}/tiers/activate`).expect(200);
    expect(tiersIn().entity).toBe(true);
  });

  it('answers unknown bundles and names that cannot be one with a 404', async () => {
    await request(t.app)
      .post(`${ADMIN}/nothere/activate`)
      .expect(404)
      .expect((r) => expect(r.body.error.code).toBe('bundle_not_found'));
    await request(t.app)
      .post(`${ADMIN}/${encodeURIComponent('Bad Name!')}/deactivate`)
      .expect(404);
  });
});

describe('uninstall', () => {
  it('needs the name typed back and refuses while a bundle depends on it', async () => {
    await request(t.app)
      .delete(`${ADMIN}/depb`)
      .send({})
      .expect(422)
      .expect((r) => expect(r.body.error.details[0]).toMatchObject({ path: 'confirm', code: 'required' }));
    await request(t.app)
      .delete(`${ADMIN}/depb`)
      .send({ confirm: 'depa' })
      .expect(409)
      .expect((r) => expect(r.body.error.code).toBe('confirmation_required'));
    await request(t.app)
      .delete(`${ADMIN}/depa`)
      .send({ confirm: 'depa' })
      .expect(409)
      .expect((r) => expect(r.body.error.code).toBe('has_active_dependants'));
    await request(t.app).delete(`${ADMIN}/depb`).send({ confirm: 'depb', purge: 'yes' }).expect(422);
    expect(await status('depb')).toBe('active');
  });

  it('archives the tables (or drops them with purge), forgets the bundle and reloads the registry', async () => {
    await t.engine.db('depa_thing').insert({ name: 'kept' });
    const told = heard();
    const res = await request(t.app).delete(`${ADMIN}/depb`).send({ confirm: 'depb' }).expect(200);
    expect(res.body.data).toMatchObject({ bundle: 'depb', purged: false });
    expect(res.body.data.archived).toEqual([expect.stringMatching(/^sys_archive\.depb_widget_\d+$/)]);
    expect(await told).toMatchObject({ bundle: 'depb' });
    expect(await status('depb')).toBeUndefined();
    expect(t.engine.registry.current.entity('depb', 'widget')).toBeUndefined();

    await request(t.app).delete(`${ADMIN}/depa`).send({ confirm: 'depa', purge: true }).expect(200);
    expect(await t.engine.db.schema.hasTable('depa_thing')).toBe(false);
    const history = (await request(t.app).get(`${ADMIN}/depa/versions`).expect(200)).body.data;
    expect(history[0]).toMatchObject({ operation: 'purge' });
    const audit = await t.engine.db('sys_audit').where({ action: 'designer.delete' }).orderBy('id').pluck('entity');
    expect(audit).toEqual(['depb', 'depa']);
    await request(t.app).delete(`${ADMIN}/depa`).send({ confirm: 'depa' }).expect(404);
  });
});
