import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { ADMIN, DATA, addCompany, as, create, makeUser, startSecure, type Json } from './secure.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure();
});
afterAll(() => t?.close());

const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
const ids = (res: request.Response) => (res.body.data as Json[]).map((r) => r.id);

describe('scope own', () => {
  it("reaches the records the user created, and nobody else's", async () => {
    const alice = as(t, (await makeUser(t, { tag: 'alice', ...inHq(['secure.author']) })).token);
    const bob = as(t, (await makeUser(t, { tag: 'bob', ...inHq(['secure.author']) })).token);
    const hers = await create(alice, 'deal', { title: 'Alice draft' });
    const his = await create(bob, 'deal', { title: 'Bob draft' });

    expect(ids(await alice.get(`${DATA}/deal`))).toEqual([hers.id]);
    expect((await alice.get(`${DATA}/deal/${his.id}`)).status).toBe(404);
    expect((await alice.patch(`${DATA}/deal/${his.id}`, { title: 'Taken', version: 1 })).status).toBe(404);
    expect((await alice.delete(`${DATA}/deal/${his.id}`)).status).toBe(404);
    expect((await alice.patch(`${DATA}/deal/${hers.id}`, { title: 'Alice final', version: 1 })).status).toBe(200);
    expect((await alice.delete(`${DATA}/deal/${hers.id}`)).status).toBe(204);
    expect((await bob.get(`${DATA}/deal/${his.id}`)).body.data.title).toBe('Bob draft');
  });
});

describe('scope department', () => {
  it("reaches the records created by members of the user's department", async () => {
    const dept = await request(t.app)
      .post(`${ADMIN}/departments`)
      .send({ companyId: t.companyId, code: 'OPS', name: 'Operations' });
    expect(dept.status).toBe(201);
    const departmentId = dept.body.data.id as string;
    const colleague = as(t, (await makeUser(t, { tag: 'colleague', departmentId, ...inHq(['secure.writer']) })).token);
    const stranger = as(t, (await makeUser(t, { tag: 'stranger', ...inHq(['secure.writer']) })).token);
    const inspector = as(
      t,
      (await makeUser(t, { tag: 'inspector', departmentId, ...inHq(['secure.inspector']) })).token,
    );
    const ours = await create(colleague, 'client', { name: 'Department client' });
    const theirs = await create(stranger, 'client', { name: 'Outside client' });

    expect(ids(await inspector.get(`${DATA}/client`))).toEqual([ours.id]);
    expect((await inspector.get(`${DATA}/client/${ours.id}`)).status).toBe(200);
    expect((await inspector.get(`${DATA}/client/${theirs.id}`)).status).toBe(404);
  });

  it('reaches nothing for a user without a department', async () => {
    const loner = as(t, (await makeUser(t, { tag: 'loner', ...inHq(['secure.inspector']) })).token);
    const res = await loner.get(`${DATA}/client`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('a grant condition on the user', () => {
  it('limits lists to the records it matches', async () => {
    const repUser = await makeUser(t, { tag: 'rep', ...inHq(['secure.rep']) });
    const admin = as(t, t.adminToken);
    const mine = await create(admin, 'deal', { title: 'Assigned to rep', assignee: repUser.id });
    await create(admin, 'deal', { title: 'Assigned to nobody' });
    const res = await as(t, repUser.token).get(`${DATA}/deal`, { count: true });
    expect(ids(res)).toEqual([mine.id]);
    expect(res.body.meta.total).toBe(1);
    expect(res.body.data[0]).not.toHaveProperty('margin');
    expect(res.body.data[0]).toMatchObject({ title: 'Assigned to rep', assignee: repUser.id });
    // The same condition decides a single read, in memory rather than in SQL.
    const one = await as(t, repUser.token).get(`${DATA}/deal/${mine.id as string}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ title: 'Assigned to rep' });
    expect(one.body.data).not.toHaveProperty('margin');
  });
});

describe('role inheritance', () => {
  it('gives a role the grants of the roles it inherits, in its own companies only', async () => {
    const companyB = await addCompany(t, 'B');
    const writer = as(t, (await makeUser(t, { tag: 'writer', ...inHq(['secure.writer']) })).token);
    const manager = as(
      t,
      (await makeUser(t, { tag: 'manager', secondFactor: true, ...inHq(['secure.manager']) })).token,
    );
    const managerB = as(
      t,
      (
        await makeUser(t, {
          tag: 'manager-b',
          secondFactor: true,
          memberships: [{ companyId: companyB, roles: ['secure.manager'] }],
        })
      ).token,
    );
    // writer ⊃ reader: reads what it writes.
    const deal = await create(writer, 'deal', { title: 'Inherited' });
    expect((await writer.get(`${DATA}/deal/${deal.id}`)).status).toBe(200);
    expect((await writer.delete(`${DATA}/deal/${deal.id}`)).status).toBe(403);
    // manager ⊃ writer: creates (the writer's grant), deletes (its own).
    const managed = await create(manager, 'deal', { title: 'Managed' });
    expect((await manager.delete(`${DATA}/deal/${managed.id}`)).status).toBe(204);
    expect((await manager.post(`${DATA}/deal/${managed.id}/restore`)).status).toBe(200);
    // The same roles held in another company give nothing here.
    expect((await managerB.get(`${DATA}/deal/${deal.id}`)).status).toBe(404);
    expect((await managerB.delete(`${DATA}/deal/${deal.id}`)).status).toBe(404);
  });

  it('gives nothing to a user without roles', async () => {
    const nobody = as(t, (await makeUser(t, { tag: 'nobody', ...inHq([]) })).token);
    for (const entity of ['client', 'deal', 'country']) {
      const res = await nobody.get(`${DATA}/${entity}`);
      expect(res.status, entity).toBe(403);
    }
    expect((await nobody.post(`${DATA}/client`, { name: 'Nope' })).status).toBe(403);
  });
});
