import { generate } from 'otplib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { AUTH, DATA, as, makeUser, signIn, startSecure, type TestUser } from './secure.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: '1000' });
});
afterAll(() => t?.close());

/** The code of the next 30-second period: accepted (clock drift), and newer than any code used so far. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

interface Enrolled extends TestUser {
  secret: string;
  backupCodes: string[];
  /** The code that confirmed enrolment: already used. */
  confirmCode: string;
}

async function enrol(u: TestUser, token = u.token): Promise<Enrolled> {
  const c = as(t, token);
  const started = await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const secret = started.body.data.secret as string;
  const confirmCode = await generate({ secret });
  const confirmed = await c.post(`${AUTH}/2fa/confirm`, { code: confirmCode });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { ...u, secret, confirmCode, backupCodes: confirmed.body.data.backupCodes };
}

/** Signs in with the password and answers the second-step challenge. */
async function challenge(u: TestUser): Promise<string> {
  const res = await signIn(t, u.email, u.password);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.data.challenge as string;
}

const secondStep = (body: Record<string, unknown>) => request(t.rawApp).post(`${AUTH}/login/second-factor`).send(body);

describe('enrolment', () => {
  it('answers an otpauth URI and a QR code, then 10 backup codes once a first code confirms it', async () => {
    const u = await makeUser(t, { tag: 'enrol' });
    const c = as(t, u.token);
    expect((await c.post(`${AUTH}/2fa/enrol`, { currentPassword: 'not-my-password' })).status).toBe(403);

    const started = await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password });
    expect(started.status).toBe(200);
    const { secret, otpauthUri, qrCode } = started.body.data;
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('OpsFlux');
    expect(decodeURIComponent(uri.pathname)).toContain(u.email);
    expect(qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    // Not on until a code proves the app holds the secret.
    expect((await c.get(`${AUTH}/me`)).body.data.secondFactor).toBe(false);
    const stale = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 3600 });
    const refused = await c.post(`${AUTH}/2fa/confirm`, { code: stale });
    expect(refused.status).toBe(422);
    expectErrorShape(refused.body);

    const confirmed = await c.post(`${AUTH}/2fa/confirm`, { code: await generate({ secret }) });
    expect(confirmed.status).toBe(200);
    const codes = confirmed.body.data.backupCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await c.get(`${AUTH}/me`)).body.data.secondFactor).toBe(true);
    expect((await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password })).status).toBe(409);
  });
});

describe('signing in with a second factor', () => {
  it('asks for the second step, and takes each TOTP code once', async () => {
    const u = await enrol(await makeUser(t, { tag: 'totp' }));
    const first = await signIn(t, u.email, u.password);
    expect(first.status).toBe(202);
    expect(first.body.data).toEqual({
      secondFactorRequired: true,
      challenge: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(first.headers['set-cookie']).toBeUndefined();
    // The challenge is not a session.
    expect((await as(t, first.body.data.challenge).get(`${AUTH}/me`)).status).toBe(401);

    // The code that confirmed enrolment was used: replaying it fails.
    const replayed = await secondStep({ challenge: first.body.data.challenge, code: u.confirmCode });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('second_factor_invalid');

    const code = await nextCode(u.secret);
    const ok = await secondStep({ challenge: first.body.data.challenge, code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await as(t, ok.body.data.accessToken).get(`${AUTH}/me`)).status).toBe(200);

    const again = await secondStep({ challenge: await challenge(u), code });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('second_factor_invalid');
  });

  it('takes each backup code once', async () => {
    const u = await enrol(await makeUser(t, { tag: 'backup' }));
    const [code0, code1] = u.backupCodes;
    expect((await secondStep({ challenge: await challenge(u), backupCode: code0 })).status).toBe(200);
    const reused = await secondStep({ challenge: await challenge(u), backupCode: code0 });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('second_factor_invalid');
    // Typed from paper: case and the dash do not matter.
    const typed = code1!.toUpperCase().replace('-', ' ');
    expect((await secondStep({ challenge: await challenge(u), backupCode: typed })).status).toBe(200);
  });

  it('gives a challenge 5 attempts, after which not even a good code opens it', async () => {
    const u = await enrol(await makeUser(t, { tag: 'guesser' }));
    const ch = await challenge(u);
    for (let i = 0; i < 5; i++) {
      const res = await secondStep({ challenge: ch, backupCode: `wrong-${i}-code` });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('second_factor_invalid');
    }
    const closed = await secondStep({ challenge: ch, backupCode: u.backupCodes[0] });
    expect(closed.status).toBe(401);
    expect(closed.body.error.code).toBe('challenge_invalid');
    // The code was not spent on the closed challenge.
    expect((await secondStep({ challenge: await challenge(u), backupCode: u.backupCodes[0] })).status).toBe(200);
  });

  it('closes a challenge once it opened a session', async () => {
    const u = await enrol(await makeUser(t, { tag: 'once' }));
    const ch = await challenge(u);
    expect((await secondStep({ challenge: ch, backupCode: u.backupCodes[0] })).status).toBe(200);
    const reused = await secondStep({ challenge: ch, backupCode: u.backupCodes[1] });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('challenge_invalid');
  });

  it('skips the second step only on a device trusted by the same user', async () => {
    const u = await enrol(await makeUser(t, { tag: 'trusting' }));
    const other = await enrol(await makeUser(t, { tag: 'other' }));
    const ok = await secondStep({ challenge: await challenge(u), backupCode: u.backupCodes[0], trustDevice: true });
    const deviceToken = ok.body.data.deviceToken as string;
    expect(deviceToken).toEqual(expect.any(String));
    expect((await signIn(t, u.email, u.password, { deviceToken })).status).toBe(200);
    expect((await signIn(t, other.email, other.password, { deviceToken })).status).toBe(202);
  });
});

describe('a role that requires a second factor', () => {
  it('opens a session pending enrolment, in which the data API answers 403 until enrolment', async () => {
    const u = await makeUser(t, {
      tag: 'manager',
      memberships: [{ companyId: t.companyId, roles: ['secure.manager'] }],
    });
    const res = await signIn(t, u.email, u.password);
    expect(res.status).toBe(200);
    expect(res.body.data.pending).toBe('mfa_enrolment');
    const c = as(t, res.body.data.accessToken);

    const blocked = await c.get(`${DATA}/deal`);
    expect(blocked.status).toBe(403);
    expectErrorShape(blocked.body);
    expect(blocked.body.error.code).toBe('mfa_enrolment');
    expect((await c.post(`${DATA}/deal`, { title: 'Before enrolment' })).status).toBe(403);
    // No way around it: an API key would act without the second factor.
    expect((await c.post(`${AUTH}/api-keys`, { name: 'bypass', scope: 'write' })).status).toBe(403);
    expect((await c.get(`${AUTH}/me/abilities`)).status).toBe(403);
    expect((await c.get(`${AUTH}/me`)).body.data.pending).toBe('mfa_enrolment');

    const enrolled = await enrol({ ...u, token: res.body.data.accessToken });
    expect((await c.get(`${DATA}/deal`)).status).toBe(200);
    expect((await c.get(`${AUTH}/me`)).body.data.pending).toBeNull();
    const disable = await c.post(`${AUTH}/2fa/disable`, {
      currentPassword: u.password,
      backupCode: enrolled.backupCodes[0],
    });
    expect(disable.status).toBe(409);
    expect(disable.body.error.code).toBe('second_factor_required');
    expect((await signIn(t, u.email, u.password)).status).toBe(202);
  });

  it('holds sessions and API keys made before the role was granted to it too', async () => {
    const u = await makeUser(t, {
      tag: 'promoted',
      memberships: [{ companyId: t.companyId, roles: ['secure.writer'] }],
    });
    const session = await signIn(t, u.email, u.password);
    expect(session.body.data.pending).toBeNull();
    const c = as(t, session.body.data.accessToken);
    const key = (await c.post(`${AUTH}/api-keys`, { name: 'before promotion', scope: 'write' })).body.data.key;
    const deal = (await request(t.app).post(`${DATA}/deal`).send({ title: 'Promotion target' })).body.data;

    const grant = await request(t.app)
      .put(`/api/v1/admin/users/${u.id}/memberships`)
      .send({ memberships: [{ companyId: t.companyId, roles: ['secure.manager'] }] });
    expect(grant.status).toBe(200);

    const read = await c.get(`${DATA}/deal`);
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('mfa_enrolment');
    expect((await as(t, key).delete(`${DATA}/deal/${deal.id}`)).status).toBe(403);
  });
});
