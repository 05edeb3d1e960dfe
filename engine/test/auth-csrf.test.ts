import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { AUTH, DATA, as, browserCookies, create, makeUser, signIn, startSecure, type TestUser } from './secure.ts';

let t: TestEngine;
let u: TestUser;
beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: '1000' });
  u = await makeUser(t, {
    tag: 'browser',
    memberships: [{ companyId: t.companyId, roles: ['secure.writer', 'secure.author'] }],
  });
});
afterAll(() => t?.close());

async function browser() {
  const res = await signIn(t, u.email, u.password, { client: 'browser' });
  expect(res.status).toBe(200);
  return browserCookies(res);
}

type Cookies = Awaited<ReturnType<typeof browser>>;
/** A request as the browser sends it: its cookies, and the CSRF header when given. */
function send(cookies: Cookies, method: 'get' | 'post' | 'patch' | 'delete', url: string, csrf?: string) {
  const r = request(t.rawApp)[method](url).set('cookie', cookies.header);
  return csrf === undefined ? r : r.set('x-csrf-token', csrf);
}

const clients = async () => Number((await t.engine.db('secure_client').count({ n: '*' }))[0]!.n);

function expectCsrfFailure(res: request.Response): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('csrf_failed');
}

describe('cookie-authenticated changes need the CSRF header', () => {
  it('refuses a POST without the header or with a wrong one, and writes nothing', async () => {
    const cookies = await browser();
    const before = await clients();
    expectCsrfFailure(await send(cookies, 'post', `${DATA}/client`).send({ name: 'Forged 1' }));
    expectCsrfFailure(await send(cookies, 'post', `${DATA}/client`, 'not-the-token').send({ name: 'Forged 2' }));
    expectCsrfFailure(await send(cookies, 'post', `${DATA}/client`, '').send({ name: 'Forged 3' }));
    expect(await clients()).toBe(before);

    const ok = await send(cookies, 'post', `${DATA}/client`, cookies.csrf).send({ name: 'Genuine' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await clients()).toBe(before + 1);
  });

  it('refuses a PATCH and a DELETE without it, and leaves the record as it was', async () => {
    const cookies = await browser();
    const deal = await create(as(t, u.token), 'deal', { title: 'Untouched' });
    const path = `${DATA}/deal/${deal.id}`;
    expectCsrfFailure(await send(cookies, 'patch', path).send({ title: 'Forged', version: 1 }));
    expectCsrfFailure(await send(cookies, 'delete', path, cookies.access));
    const stored = await t.engine.db('secure_deal').where({ id: deal.id }).first();
    expect(stored).toMatchObject({ title: 'Untouched', version: 1, deleted_at: null });

    expect((await send(cookies, 'patch', path, cookies.csrf).send({ title: 'Changed', version: 1 })).status).toBe(200);
    expect((await send(cookies, 'delete', path, cookies.csrf)).status).toBe(204);
  });

  it('does not take the CSRF token of another session', async () => {
    const mine = await browser();
    const theirs = await browser();
    expectCsrfFailure(await send(mine, 'post', `${DATA}/client`, theirs.csrf).send({ name: 'Crossed' }));
  });

  it('refuses a sign-out without it: a forged form cannot end the session', async () => {
    const cookies = await browser();
    expectCsrfFailure(await send(cookies, 'post', `${AUTH}/logout`));
    expect((await send(cookies, 'get', `${AUTH}/me`)).status).toBe(200);
  });

  it('renews the token on refresh: the old one stops working', async () => {
    const cookies = await browser();
    const refreshed = await send(cookies, 'post', `${AUTH}/refresh`, cookies.csrf).send({});
    expect(refreshed.status).toBe(200);
    const fresh = browserCookies(refreshed);
    expect(fresh.csrf).not.toBe(cookies.csrf);
    expectCsrfFailure(await send(fresh, 'post', `${DATA}/client`, cookies.csrf).send({ name: 'Old token' }));
    expect((await send(fresh, 'post', `${DATA}/client`, fresh.csrf).send({ name: 'New token' })).status).toBe(201);
  });
});

describe('what needs no CSRF header', () => {
  it('reads with cookies, and any request with a bearer token', async () => {
    const cookies = await browser();
    expect((await send(cookies, 'get', `${DATA}/client`)).status).toBe(200);
    const res = await as(t, u.token).post(`${DATA}/client`, { name: 'Bearer-made' });
    expect(res.status).toBe(201);
  });
});
