import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { AUTH, DATA, as, auditEntries, makeUser, startSecure, type Client, type TestUser } from './secure.ts';

let t: TestEngine;
let owner: TestUser;
let session: Client;
beforeAll(async () => {
  t = await startSecure();
  owner = await makeUser(t, {
    tag: 'owner',
    memberships: [{ companyId: t.companyId, roles: ['secure.writer', 'secure.geographer'] }],
  });
  session = as(t, owner.token);
});
afterAll(() => t?.close());

async function newKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const res = await session.post(`${AUTH}/api-keys`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const clients = async () => Number((await t.engine.db('secure_client').count({ n: '*' }))[0]!.n);

describe('API keys', () => {
  it('are shown once, at creation; lists and the audit trail name them by prefix only', async () => {
    const res = await session.post(`${AUTH}/api-keys`, { name: 'nightly import', scope: 'write' });
    expect(res.status).toBe(201);
    const { key, prefix, id } = res.body.data;
    expect(key).toMatch(/^ofk_/);
    expect(key).toContain(prefix);
    const list = await session.get(`${AUTH}/api-keys`);
    const listed = list.body.data.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ name: 'nightly import', prefix, status: 'active' });
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(key);
    const stored = await t.engine.db('sys_api_keys').where({ id }).first();
    expect(JSON.stringify(stored)).not.toContain(key);
    const audit = await auditEntries(t, { action: 'auth.api_key_create', record: id });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('of read scope read, and cannot write (403)', async () => {
    const { key } = await newKey({ name: 'reporting', scope: 'read' });
    const c = as(t, key);
    expect((await c.get(`${DATA}/client`)).status).toBe(200);
    const before = await clients();
    const res = await c.post(`${DATA}/client`, { name: 'Written with a read key' });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expectErrorShape(res.body);
    expect(await clients()).toBe(before);
    // A write key of the same owner writes.
    const writeKey = (await newKey({ name: 'sync', scope: 'write' })).key;
    expect((await as(t, writeKey).post(`${DATA}/client`, { name: 'Written with a write key' })).status).toBe(201);
  });

  it('work in the X-Api-Key header too, and an unknown key is refused', async () => {
    const { key } = await newKey({ name: 'header', scope: 'read' });
    expect((await request(t.rawApp).get(`${DATA}/client`).set('x-api-key', key)).status).toBe(200);
    expect((await request(t.rawApp).get(`${DATA}/client`).set('x-api-key', `${key}x`)).status).toBe(401);
    expect((await as(t, 'ofk_AAAAAAAA_not-a-key').get(`${DATA}/client`)).status).toBe(401);
  });

  it('stop working once revoked', async () => {
    const { id, key } = await newKey({ name: 'to revoke', scope: 'read' });
    expect((await as(t, key).get(`${DATA}/client`)).status).toBe(200);
    expect((await session.delete(`${AUTH}/api-keys/${id}`)).status).toBe(204);
    const res = await as(t, key).get(`${DATA}/client`);
    expect(res.status).toBe(401);
    expectErrorShape(res.body);
    expect((await session.delete(`${AUTH}/api-keys/${id}`)).status).toBe(404);
  });

  it('are replaced by rotation: the old key stops working, the new one works', async () => {
    const old = await newKey({ name: 'to rotate', scope: 'read' });
    const res = await session.post(`${AUTH}/api-keys/${old.id}/rotate`);
    expect(res.status).toBe(201);
    const fresh = res.body.data.key as string;
    expect(fresh).not.toBe(old.key);
    expect((await as(t, old.key).get(`${DATA}/client`)).status).toBe(401);
    expect((await as(t, fresh).get(`${DATA}/client`)).status).toBe(200);
    expect((await session.post(`${AUTH}/api-keys/${old.id}/rotate`)).status).toBe(404);
  });

  it('have an hourly limit: past it, 429 with Retry-After', async () => {
    const { key } = await newKey({ name: 'limited', scope: 'read', hourlyLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await as(t, key).get(`${DATA}/client`)).status).toBe(200);
    const res = await as(t, key).get(`${DATA}/client`);
    expect(res.status).toBe(429);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('carry only roles their owner holds, and narrow to them', async () => {
    const foreign = await session.post(`${AUTH}/api-keys`, {
      name: 'greedy',
      scope: 'write',
      roles: ['secure.manager'],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0]).toMatchObject({ path: 'roles', code: 'role_not_held' });
    const admin = await session.post(`${AUTH}/api-keys`, { name: 'root', scope: 'admin' });
    expect(admin.status).toBe(403);

    const { key } = await newKey({ name: 'geography only', scope: 'write', roles: ['secure.geographer'] });
    const c = as(t, key);
    expect((await c.post(`${DATA}/country`, { code: 'GA', name: 'Gabon' })).status).toBe(201);
    expect((await c.get(`${DATA}/client`)).status).toBe(403);
    expect((await c.post(`${DATA}/client`, { name: 'Out of the key' })).status).toBe(403);
  });

  it("cannot manage keys, and nobody manages another user's keys", async () => {
    const { id, key } = await newKey({ name: 'robot', scope: 'write' });
    expect((await as(t, key).post(`${AUTH}/api-keys`, { name: 'child', scope: 'write' })).status).toBe(403);
    expect((await as(t, key).get(`${AUTH}/api-keys`)).status).toBe(403);
    const stranger = as(t, (await makeUser(t, { tag: 'stranger' })).token);
    expect((await stranger.delete(`${AUTH}/api-keys/${id}`)).status).toBe(404);
    expect((await stranger.post(`${AUTH}/api-keys/${id}/rotate`)).status).toBe(404);
    expect((await as(t, key).get(`${DATA}/client`)).status).toBe(200);
  });
});
