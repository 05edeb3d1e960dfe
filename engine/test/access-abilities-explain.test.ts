import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { ADMIN, AUTH, addCompany, as, create, makeUser, startSecure, type Json, type TestUser } from './secure.ts';

let t: TestEngine;
let reader: TestUser;
let writer: TestUser;
let dealA: Json;
let dealB: Json;

beforeAll(async () => {
  t = await startSecure();
  const companyB = await addCompany(t, 'B');
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  reader = await makeUser(t, { tag: 'reader', ...inHq(['secure.reader']) });
  writer = await makeUser(t, { tag: 'writer', ...inHq(['secure.writer']) });
  dealA = await create(as(t, writer.token), 'deal', { title: 'In A' });
  const writerB = await makeUser(t, {
    tag: 'writer-b',
    memberships: [{ companyId: companyB, roles: ['secure.writer'] }],
  });
  dealB = await create(as(t, writerB.token), 'deal', { title: 'In B' });
});
afterAll(() => t?.close());

const abilities = async (token: string) => {
  const res = await as(t, token).get(`${AUTH}/me/abilities`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
};

const explain = (query: Record<string, string>) => request(t.app).get(`${ADMIN}/explain`).query(query);

describe('GET /auth/me/abilities', () => {
  it('lists the entities and actions of the role, with the fields it may not read or write', async () => {
    const mine = await abilities(reader.token);
    expect(mine.unrestricted).toBe(false);
    expect(mine.companyId).toBe(t.companyId);
    expect(Object.keys(mine.entities).sort()).toEqual(['secure.client', 'secure.country', 'secure.deal']);
    expect(mine.entities['secure.client']).toMatchObject({ actions: ['read', 'export'] });
    expect(mine.entities['secure.client'].restrictedFields.sort()).toEqual(['credit_limit', 'internal_notes']);
    expect(mine.entities['secure.deal']).toMatchObject({ actions: ['read'], restrictedFields: ['margin'] });
    expect(mine.entities['secure.country']).toMatchObject({ actions: ['read'], restrictedFields: [] });
    expect(mine.rules.length).toBeGreaterThan(0);
  });

  it('adds the actions of the role and of the roles it inherits', async () => {
    const mine = await abilities(writer.token);
    expect(mine.entities['secure.deal'].actions).toEqual(['read', 'create', 'update']);
    expect(mine.entities['secure.deal'].readonlyFields).toContain('approved');
    expect(mine.entities['secure.deal'].readonlyFields).not.toContain('title');
    expect(mine.entities['secure.client'].readonlyFields).toContain('credit_limit');
    const manager = await makeUser(t, {
      tag: 'manager',
      secondFactor: true,
      memberships: [{ companyId: t.companyId, roles: ['secure.manager'] }],
    });
    expect((await abilities(manager.token)).entities['secure.deal'].actions).toEqual([
      'read',
      'create',
      'update',
      'delete',
      'restore',
    ]);
  });

  it('says unrestricted for an administrator, and lists nothing for a user without roles', async () => {
    expect((await abilities(t.adminToken)).unrestricted).toBe(true);
    const nobody = await makeUser(t, { tag: 'nobody', memberships: [{ companyId: t.companyId, roles: [] }] });
    expect((await abilities(nobody.token)).entities).toEqual({});
  });
});

describe('GET /admin/explain', () => {
  it('names the grant that allows: its role, company, scope and source', async () => {
    const res = await explain({ user: reader.id, entity: 'secure.deal', action: 'read', record: dealA.id as string });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      allowed: true,
      decidedBy: {
        role: 'secure.reader',
        company: t.companyId,
        scope: 'company',
        source: 'secure/permissions/sales#/grants/1',
      },
      rolesWithInheritance: ['secure.reader'],
    });
    expect(res.body.data.fields).not.toContain('margin');
    expect(res.body.data.reason).toContain('secure.reader');

    const update = await explain({
      user: writer.id,
      entity: 'secure.deal',
      action: 'update',
      record: dealA.id as string,
    });
    expect(update.body.data).toMatchObject({
      allowed: true,
      decidedBy: { role: 'secure.writer', source: 'secure/permissions/sales#/grants/3' },
    });
    expect(update.body.data.rolesWithInheritance.sort()).toEqual(['secure.reader', 'secure.writer']);
    expect(update.body.data.fields).not.toContain('approved');
  });

  it('says denied when no grant covers the record or the action', async () => {
    const other = await explain({ user: reader.id, entity: 'secure.deal', action: 'read', record: dealB.id as string });
    expect(other.body.data).toMatchObject({ allowed: false, decidedBy: null });
    expect(other.body.data.reason).toMatch(/No grant/);
    const del = await explain({ user: writer.id, entity: 'secure.deal', action: 'delete' });
    expect(del.body.data).toMatchObject({ allowed: false, decidedBy: null });
    const admin = await explain({ user: t.adminId, entity: 'secure.deal', action: 'delete' });
    expect(admin.body.data).toMatchObject({ allowed: true, decidedBy: { unrestricted: true } });
  });

  it('says denied for a user who is not active', async () => {
    const u = await makeUser(t, {
      tag: 'suspended',
      memberships: [{ companyId: t.companyId, roles: ['secure.reader'] }],
    });
    const { version } = (await request(t.app).get(`${ADMIN}/users/${u.id}`)).body.data;
    expect((await request(t.app).patch(`${ADMIN}/users/${u.id}`).send({ status: 'suspended', version })).status).toBe(
      200,
    );
    const res = await explain({ user: u.id, entity: 'secure.deal', action: 'read', record: dealA.id as string });
    expect(res.body.data.allowed).toBe(false);
    expect(res.body.data.reason).toMatch(/suspended/);
  });

  it('is for administrators only, and checks its parameters', async () => {
    const refused = await as(t, reader.token)
      .get(`${ADMIN}/explain`)
      .query({ user: reader.id, entity: 'secure.deal', action: 'read' });
    expect(refused.status).toBe(403);
    const missing = await explain({ entity: 'secure.deal' });
    expect(missing.status).toBe(422);
    expectErrorShape(missing.body);
    expect(missing.body.error.details.map((d: Json) => d.path).sort()).toEqual(['action', 'user']);
    expect((await explain({ user: reader.id, entity: 'secure.nothing', action: 'read' })).status).toBe(404);
  });
});
