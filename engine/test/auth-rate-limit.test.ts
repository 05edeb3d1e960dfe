import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { ADMIN, AUTH, makeUser, signIn, startSecure } from './secure.ts';

const PER_MINUTE = 3;

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: String(PER_MINUTE) });
});
afterAll(() => t?.close());

function expectRateLimited(res: request.Response): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('rate_limited');
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

describe('limits per client address', () => {
  it('answers 429 with Retry-After past the sign-ins allowed per IP, even to the right password', async () => {
    const u = await makeUser(t, { tag: 'limited' });
    for (let i = 0; i < PER_MINUTE; i++) expect((await signIn(t, u.email, `wrong-${i}`)).status).toBe(401);
    const right = await signIn(t, u.email, u.password);
    expectRateLimited(right);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(right.body.data).toBeUndefined();
    // A forged proxy header does not give a new address: the engine does not trust proxies by default.
    expectRateLimited(await signIn(t, u.email, u.password).set('x-forwarded-for', '203.0.113.77'));
    // Refused before the password is checked: the account did not collect more failures.
    expect((await request(t.app).get(`${ADMIN}/users/${u.id}`)).body.data.lockedUntil).toBeNull();
  });

  it('limits reset requests for one account to 3 an hour', async () => {
    const u = await makeUser(t, { tag: 'forgetful' });
    const ask = () => request(t.rawApp).post(`${AUTH}/password/forgot`).send({ email: u.email });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(202);
    expectRateLimited(await ask());
  });
});
