import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import {
  AUTH,
  DATA,
  addCompany,
  as,
  create,
  makeUser,
  startSecure,
  type Client,
  type Json,
  type TestUser,
} from './secure.ts';

let t: TestEngine;
let companyB: string;
let writerUser: TestUser;
let writer: Client;
let manager: Client;
let repUser: TestUser;
let rep: Client;

beforeAll(async () => {
  t = await startSecure();
  companyB = await addCompany(t, 'B');
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  writerUser = await makeUser(t, { tag: 'writer', ...inHq(['secure.writer']) });
  writer = as(t, writerUser.token);
  manager = as(t, (await makeUser(t, { tag: 'manager', secondFactor: true, ...inHq(['secure.manager']) })).token);
  repUser = await makeUser(t, { tag: 'rep', ...inHq(['secure.rep']) });
  rep = as(t, repUser.token);
});
afterAll(() => t?.close());

const count = async (entity: string) => Number((await t.engine.db(`secure_${entity}`).count({ n: '*' }))[0]!.n);
const stored = (entity: string, id: unknown) => t.engine.db(`secure_${entity}`).where({ id }).first();

function expectNotWritable(res: request.Response, paths: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('field_not_writable');
  expect(res.body.error.details.map((d: Json) => d.path)).toEqual(paths);
  for (const p of paths) expect(res.body.error.message).toContain(p.replace(/^\[\d+\]\./, ''));
}

describe('read-only fields', () => {
  it('refuse a create that sets one, naming it, and create nothing', async () => {
    const before = await count('deal');
    expectNotWritable(await writer.post(`${DATA}/deal`, { title: 'Self-approved', approved: true }), ['approved']);
    expectNotWritable(await writer.post(`${DATA}/client`, { name: 'Rich', credit_limit: 1e6 }), ['credit_limit']);
    const batch = await writer.post(`${DATA}/deal`, [{ title: 'Fine' }, { title: 'Sneaky', approved: true }]);
    expectNotWritable(batch, ['[1].approved']);
    expect(await count('deal')).toBe(before);
  });

  it('refuse an update that sets one, and leave the record as it was', async () => {
    const deal = await create(writer, 'deal', { title: 'Pending approval' });
    expect(deal.approved).toBe(false);
    expectNotWritable(await writer.patch(`${DATA}/deal/${deal.id}`, { approved: true, title: 'x', version: 1 }), [
      'approved',
    ]);
    expect(await stored('deal', deal.id)).toMatchObject({ approved: false, title: 'Pending approval', version: 1 });
    // A role whose grant leaves the field writable may set it.
    const ok = await manager.patch(`${DATA}/deal/${deal.id}`, { approved: true, version: 1 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

describe('columns the engine fills', () => {
  const SYSTEM = [
    'id',
    'company_id',
    'created_by',
    'updated_by',
    'created_at',
    'updated_at',
    'deleted_at',
    'deleted_by',
  ];

  it('are refused in a create (422 naming them), and nothing is created', async () => {
    const before = await count('deal');
    const values: Json = {
      id: '00000000-0000-4000-8000-000000000001',
      company_id: companyB,
      created_by: t.adminId,
      updated_by: t.adminId,
      created_at: '2000-01-01T00:00:00Z',
      updated_at: '2000-01-01T00:00:00Z',
      deleted_at: '2000-01-01T00:00:00Z',
      deleted_by: t.adminId,
    };
    for (const key of SYSTEM) {
      const res = await writer.post(`${DATA}/deal`, { title: `Trick ${key}`, [key]: values[key] });
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(422);
      expectErrorShape(res.body);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: key, code: 'unknown_field' })]);
    }
    expect(await count('deal')).toBe(before);
  });

  it('are refused in an update, and the record keeps its company and creator', async () => {
    const deal = await create(writer, 'deal', { title: 'Mine' });
    for (const [key, value] of [
      ['company_id', companyB],
      ['created_by', t.adminId],
      ['id', '00000000-0000-4000-8000-000000000002'],
      ['deleted_at', '2000-01-01T00:00:00Z'],
    ]) {
      const res = await writer.patch(`${DATA}/deal/${deal.id}`, { [key!]: value, version: 1 });
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({ path: key, code: 'unknown_field' });
    }
    expect(await stored('deal', deal.id)).toMatchObject({
      company_id: t.companyId,
      created_by: writerUser.id,
      version: 1,
      deleted_at: null,
    });
  });

  it("stamp a new record with the writer's company and id, and ignore a version sent with it", async () => {
    const res = await writer.post(`${DATA}/deal`, { title: 'Versioned', version: 42 });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ version: 1, company_id: t.companyId, created_by: writerUser.id });
    expect(await stored('deal', res.body.data.id)).toMatchObject({ version: 1, company_id: t.companyId });
  });

  it('answer 409 to an update with a stale version, and change nothing', async () => {
    const deal = await create(writer, 'deal', { title: 'Old' });
    const res = await writer.patch(`${DATA}/deal/${deal.id}`, { title: 'New', version: 7 });
    expect(res.status).toBe(409);
    expect((await stored('deal', deal.id)).title).toBe('Old');
  });
});

describe('writes outside the scope of the grant', () => {
  it('refuse a create whose record the grant condition does not cover (403), and create nothing', async () => {
    const other = await makeUser(t, {
      tag: 'other-rep',
      memberships: [{ companyId: t.companyId, roles: ['secure.rep'] }],
    });
    const before = await count('deal');
    const res = await rep.post(`${DATA}/deal`, { title: 'For someone else', assignee: other.id });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('forbidden');
    expect((await rep.post(`${DATA}/deal`, { title: 'Unassigned' })).status).toBe(403);
    expect(await count('deal')).toBe(before);
  });

  it('let a grant condition on { "$user": "id" } allow the records it covers, and no other', async () => {
    const made = await rep.post(`${DATA}/deal`, { title: 'Mine', assignee: repUser.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const deal = await create(as(t, t.adminToken), 'deal', { title: 'Hand-off', assignee: repUser.id });
    expect((await rep.get(`${DATA}/deal/${deal.id}`)).status).toBe(200);
    expect((await rep.patch(`${DATA}/deal/${deal.id}`, { title: 'Handed', version: 1 })).status).toBe(200);
    const away = await rep.patch(`${DATA}/deal/${deal.id}`, { assignee: writerUser.id, version: 2 });
    expect(away.status, JSON.stringify(away.body)).toBe(403);
    expect((await stored('deal', deal.id)).assignee).toBe(repUser.id);
  });

  it('refuse a create in a company where the user holds no role', async () => {
    const u = await makeUser(t, {
      tag: 'two-companies',
      memberships: [
        { companyId: t.companyId, roles: ['secure.writer'] },
        { companyId: companyB, roles: [] },
      ],
    });
    const c = as(t, u.token);
    expect((await c.post(`${AUTH}/me/company`, { companyId: companyB })).status).toBe(200);
    const before = await count('client');
    const res = await c.post(`${DATA}/client`, { name: 'Planted in B' });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(await count('client')).toBe(before);
    // A company the user is not a member of cannot be chosen at all.
    const outsider = await makeUser(t, { tag: 'outsider', memberships: [{ companyId: t.companyId, roles: [] }] });
    expect((await as(t, outsider.token).post(`${AUTH}/me/company`, { companyId: companyB })).status).toBe(403);
  });
});
