import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, TIERS, type TestEngine } from './harness.ts';

let t: TestEngine;
const PASSWORD = 'wide ocean swells beyond the bar';
let email: string;

beforeAll(async () => {
  t = await createTestEngine([TIERS], { ACCESS_TOKEN_SECONDS: '30' });
  email = `edge.${Date.now()}@test.example`;
  await t.userWithToken({
    email,
    password: PASSWORD,
    memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }],
  });
});
afterAll(() => t?.close());

describe('session edges', () => {
  it('a browser whose access cookie expired can still refresh and sign in', async () => {
    const login = await request(t.rawApp)
      .post('/api/v1/auth/login')
      .send({ email, password: PASSWORD, client: 'browser' });
    expect(login.status).toBe(200);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    // Expire the access token in place: the cookie is still sent by the browser.
    await t.engine
      .db('sys_sessions')
      .whereIn('user_id', t.engine.db('sys_users').select('id').where({ email }))
      .update({ access_expires_at: new Date(Date.now() - 1000) });
    const expired = await request(t.rawApp).get('/api/v1/data/tiers/company').set('cookie', jar);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    const refreshed = await request(t.rawApp).post('/api/v1/auth/refresh').set('cookie', jar).send({});
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.csrfToken).toBeTypeOf('string');
    const again = await request(t.rawApp)
      .post('/api/v1/auth/login')
      .set('cookie', jar)
      .send({ email, password: PASSWORD, client: 'browser' });
    expect(again.status).toBe(200);
  });

  it("an administrator's read-only key reads every record and writes none", async () => {
    const created = await request(t.app).post('/api/v1/auth/api-keys').send({ name: 'reporting', scope: 'read' });
    expect(created.status).toBe(201);
    const key = created.body.data.key as string;
    expect(key).toMatch(/^ofk_/);
    const list = await request(t.rawApp).get('/api/v1/data/tiers/company').set('x-api-key', key);
    expect(list.status).toBe(200);
    const write = await request(t.rawApp)
      .post('/api/v1/data/tiers/company')
      .set('x-api-key', key)
      .send({ legal_name: 'Read Only Ltd', type: 'client' });
    expect(write.status).toBe(403);
    const admin = await request(t.rawApp).get('/api/v1/admin/users').set('x-api-key', key);
    expect(admin.status).toBe(403);
  });

  it('a pending second-factor enrolment allows nothing but enrolling', async () => {
    const user = await t.userWithToken({
      password: PASSWORD,
      email: `mfa.${Date.now()}@test.example`,
      memberships: [{ companyId: t.companyId, roles: ['tiers.manager'] }],
    });
    const me = (await request(t.rawApp).get('/api/v1/auth/me').set('authorization', `Bearer ${user.token}`)).body.data;
    const login = await request(t.rawApp).post('/api/v1/auth/login').send({ email: me.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.data.pending).toBe('mfa_enrolment');
    const bearer = `Bearer ${login.body.data.accessToken}`;
    const data = await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', bearer);
    expect(data.status).toBe(403);
    expect(data.body.error.code).toBe('mfa_enrolment');
    const enrol = await request(t.rawApp)
      .post('/api/v1/auth/2fa/enrol')
      .set('authorization', bearer)
      .send({ currentPassword: PASSWORD });
    expect(enrol.status).toBe(200);
    expect(enrol.body.data.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.body.data.qrCode).toMatch(/^data:image\/png;base64,/);
  });
});

describe('MFA_REQUIRED', () => {
  it('admins: an administrator without a second factor must enrol first; others need not', async () => {
    const e = await createTestEngine([TIERS], { MFA_REQUIRED: 'admins' });
    try {
      const admin = `admin.${Date.now()}@test.example`;
      const viewer = `viewer.${Date.now()}@test.example`;
      await e.userWithToken({ email: admin, password: PASSWORD, systemRoles: ['admin'] });
      await e.userWithToken({
        email: viewer,
        password: PASSWORD,
        memberships: [{ companyId: e.companyId, roles: ['tiers.viewer'] }],
      });
      const a = await request(e.rawApp).post('/api/v1/auth/login').send({ email: admin, password: PASSWORD });
      expect(a.body.data.pending).toBe('mfa_enrolment');
      const v = await request(e.rawApp).post('/api/v1/auth/login').send({ email: viewer, password: PASSWORD });
      expect(v.body.data.pending).toBeNull();
    } finally {
      await e.close();
    }
  });
});

describe('two sessions of one user', () => {
  it('each request acts for its own session: signing out of one leaves the other open', async () => {
    const mail = `twin.${Date.now()}@test.example`;
    await t.userWithToken({
      email: mail,
      password: PASSWORD,
      memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }],
    });
    const first = (await request(t.rawApp).post('/api/v1/auth/login').send({ email: mail, password: PASSWORD })).body
      .data;
    const second = (await request(t.rawApp).post('/api/v1/auth/login').send({ email: mail, password: PASSWORD })).body
      .data;
    const a = `Bearer ${first.accessToken}`;
    const b = `Bearer ${second.accessToken}`;
    expect((await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', a)).status).toBe(200);
    const sessions = (await request(t.rawApp).get('/api/v1/auth/sessions').set('authorization', b)).body.data;
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect((await request(t.rawApp).post('/api/v1/auth/logout').set('authorization', b)).status).toBe(204);
    expect((await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', b)).status).toBe(401);
    expect((await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', a)).status).toBe(200);
  });
});
