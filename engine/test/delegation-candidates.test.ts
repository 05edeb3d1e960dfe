import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';

// The profile's delegation picker: colleagues found by name or e-mail, never someone of another
// company, an inactive account or oneself; delegation lists carry both names.

let t: TestEngine;
type U = { id: string; token: string };
let me: U, colleague: U, stranger: U, gone: U;

const get = (u: U, url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${u.token}`);

beforeAll(async () => {
  t = await createTestEngine([]);
  const [other] = await t.engine.db('sys_companies').insert({ code: 'EL', legal_name: 'Elsewhere' }).returning('id');
  const member = (companyId: string) => ({ memberships: [{ companyId, roles: [] }] });
  me = await t.userWithToken({ firstName: 'Marta', lastName: 'Delgado', ...member(t.companyId) });
  colleague = await t.userWithToken({
    firstName: 'Colin',
    lastName: 'Deputy',
    email: 'colin.deputy@test.example',
    ...member(t.companyId),
  });
  stranger = await t.userWithToken({ firstName: 'Colette', lastName: 'Deputy', ...member(other.id) });
  gone = await t.userWithToken({ firstName: 'Cole', lastName: 'Deputy', ...member(t.companyId) });
  await t.engine.db('sys_users').where({ id: gone.id }).update({ status: 'suspended' });
}, 120_000);

afterAll(() => t?.close());

describe('delegation candidates', () => {
  it('finds active colleagues by name or e-mail, not strangers, suspended users or oneself', async () => {
    const byName = await get(me, '/api/v1/delegations/candidates?q=deput').expect(200);
    expect(byName.body.data).toEqual([{ id: colleague.id, name: 'Colin Deputy', email: 'colin.deputy@test.example' }]);
    const byMail = await get(me, '/api/v1/delegations/candidates?q=COLIN.DEP').expect(200);
    expect(byMail.body.data.map((u: { id: string }) => u.id)).toEqual([colleague.id]);
    const self = await get(me, '/api/v1/delegations/candidates?q=Marta').expect(200);
    expect(self.body.data).toEqual([]);
    expect(stranger.id).not.toBe(colleague.id);
  });

  it('treats % and _ as letters, and refuses a missing or too short query naming q', async () => {
    expect((await get(me, '/api/v1/delegations/candidates?q=%25%25').expect(200)).body.data).toEqual([]);
    expect((await get(me, '/api/v1/delegations/candidates?q=__').expect(200)).body.data).toEqual([]);
    for (const q of ['', '?q=a', '?q=a&q=b']) {
      const res = await get(me, `/api/v1/delegations/candidates${q}`).expect(400);
      expect(res.body.error).toMatchObject({ code: 'query_invalid', details: [{ path: 'q' }] });
    }
  });

  it('names both people in the list of delegations', async () => {
    const day = new Date().toISOString().slice(0, 10);
    await request(t.rawApp)
      .post('/api/v1/delegations')
      .set('authorization', `Bearer ${me.token}`)
      .send({ delegateId: colleague.id, startsOn: day, endsOn: day })
      .expect(201);
    for (const who of [me, colleague]) {
      const list = (await get(who, '/api/v1/delegations').expect(200)).body.data;
      expect(list).toEqual([
        expect.objectContaining({ userId: me.id, userName: 'Marta Delgado', delegateName: 'Colin Deputy' }),
      ]);
    }
  });
});
