import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.ts';
import { Engine } from '../src/engine.ts';
import { applyBundles, createTestEngine, TIERS, type TestEngine } from './harness.ts';

/**
 * Two engine processes on one database: a change made through one (a membership, a permission
 * definition) is enforced by the other on its very next request, with no restart or wait.
 */
let t: TestEngine;
let other: Engine;
let otherApp: ReturnType<Engine['app']>;

beforeAll(async () => {
  t = await createTestEngine([TIERS]);
  // BUNDLE_WATCH_MS=0: the second engine does not poll; only the request path can notice.
  other = await Engine.create(
    createConfig({ DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent', DATA_DIR: 'memory://', BUNDLE_WATCH_MS: '0' }),
  );
  otherApp = other.app();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const companies = '/api/v1/data/tiers/company';

describe('abilities follow changes made elsewhere', () => {
  it('a membership change made on one engine applies on the other at once', async () => {
    const user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: [] }] });
    const bearer = `Bearer ${user.token}`;
    expect((await request(otherApp).get(companies).set('authorization', bearer)).status).toBe(403);
    const granted = await request(t.app)
      .put(`/api/v1/admin/users/${user.id}/memberships`)
      .send({ memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }] });
    expect(granted.status).toBe(200);
    expect((await request(otherApp).get(companies).set('authorization', bearer)).status).toBe(200);
    await request(t.app)
      .put(`/api/v1/admin/users/${user.id}/memberships`)
      .send({ memberships: [{ companyId: t.companyId, roles: [] }] });
    expect((await request(otherApp).get(companies).set('authorization', bearer)).status).toBe(403);
  });

  it('a permission definition applied through one engine applies on the other at once', async () => {
    const user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }] });
    const bearer = `Bearer ${user.token}`;
    const created = await request(t.app)
      .post(companies)
      .send({ legal_name: 'Scored Ltd', type: 'client', reliability_score: 4 });
    expect(created.status).toBe(201);
    const before = await request(otherApp).get(`${companies}/${created.body.data.id}`).set('authorization', bearer);
    expect(before.body.data).not.toHaveProperty('reliability_score');
    // Version 1.0.1 of tiers lets viewers read the score.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tiers-'));
    cpSync(TIERS, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...manifest, version: '1.0.1' }));
    const permFile = path.join(dir, 'permissions/tiers.json');
    const perms = JSON.parse(readFileSync(permFile, 'utf8'));
    perms.grants[0].hiddenFields = ['notes'];
    writeFileSync(permFile, JSON.stringify(perms));
    await applyBundles(t.engine, [dir]);
    const after = await request(otherApp).get(`${companies}/${created.body.data.id}`).set('authorization', bearer);
    expect(after.status).toBe(200);
    expect(after.body.data.reliability_score).toBe(4);
    expect(after.body.data).not.toHaveProperty('notes');
  });

  it('disabling a user on one engine refuses their token on the other at once', async () => {
    const user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }] });
    const bearer = `Bearer ${user.token}`;
    expect((await request(otherApp).get(companies).set('authorization', bearer)).status).toBe(200);
    const current = (await request(t.app).get(`/api/v1/admin/users/${user.id}`)).body.data;
    const patched = await request(t.app)
      .patch(`/api/v1/admin/users/${user.id}`)
      .send({ status: 'suspended', version: current.version });
    expect(patched.status).toBe(200);
    const refused = await request(otherApp).get(companies).set('authorization', bearer);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
  });
});
