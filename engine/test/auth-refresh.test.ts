import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { ADMIN, AUTH, as, auditEntries, browserCookies, makeUser, signIn, signedIn, startSecure } from './secure.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: '1000' });
});
afterAll(() => t?.close());

const refresh = (refreshToken: string) => request(t.rawApp).post(`${AUTH}/refresh`).send({ refreshToken });
const me = (accessToken: string) => as(t, accessToken).get(`${AUTH}/me`);

describe('refresh tokens rotate', () => {
  it('takes a refresh token once and replaces both tokens', async () => {
    const u = await makeUser(t, { tag: 'rotate' });
    const first = await signedIn(t, u.email, u.password);
    const next = await refresh(first.refreshToken);
    expect(next.status).toBe(200);
    const { accessToken, refreshToken } = next.body.data;
    expect(accessToken).not.toBe(first.accessToken);
    expect(refreshToken).not.toBe(first.refreshToken);
    expect((await me(accessToken)).status).toBe(200);
    // The access token it replaced ended with it.
    expect((await me(first.accessToken)).status).toBe(401);
  });

  it('revokes the whole session when a used refresh token comes back, and audits it', async () => {
    const u = await makeUser(t, { tag: 'thief' });
    const first = await signedIn(t, u.email, u.password);
    const second = (await refresh(first.refreshToken)).body.data;
    const latest = (await refresh(second.refreshToken)).body.data;
    const sessions = (await as(t, latest.accessToken).get(`${AUTH}/sessions`)).body.data;
    const sessionId = sessions.find((s: { current: boolean }) => s.current).id;

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expectErrorShape(replay.body);
    expect(replay.body.error.code).toBe('refresh_invalid');
    expect((await me(latest.accessToken)).status).toBe(401);
    const after = await refresh(latest.refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('refresh_invalid');

    const entries = await auditEntries(t, { action: 'auth.refresh_reuse', record: sessionId });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: u.id, outcome: 'denied', entity: 'sys.session' });
  });

  it('does not take an access token for a refresh token, nor the reverse', async () => {
    const u = await makeUser(t, { tag: 'mixup' });
    const s = await signedIn(t, u.email, u.password);
    expect((await refresh(s.accessToken)).status).toBe(401);
    expect((await me(s.refreshToken)).status).toBe(401);
    expect((await refresh('ofr_not-a-token-at-all')).status).toBe(401);
    expect((await me(s.accessToken)).status).toBe(200);
  });
});

describe('browser sessions', () => {
  it('keep their tokens in httpOnly, Secure, SameSite=Strict cookies, never in the body', async () => {
    const u = await makeUser(t, { tag: 'browser' });
    const res = await signIn(t, u.email, u.password, { client: 'browser' });
    expect(res.status).toBe(200);
    const cookies = browserCookies(res);
    expect(res.body.data.csrfToken).toBe(cookies.csrf);
    expect(res.body.data.accessToken).toBeUndefined();
    expect(res.body.data.refreshToken).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(cookies.access);
    const line = (name: string) => cookies.raw.find((c) => c.startsWith(`${name}=`))!;
    for (const name of ['opsflux_access', 'opsflux_refresh']) {
      expect(line(name)).toMatch(/; HttpOnly/i);
      expect(line(name)).toMatch(/; Secure/i);
      expect(line(name)).toMatch(/; SameSite=Strict/i);
    }
    expect(line('opsflux_refresh')).toMatch(/; Path=\/api\/v1\/auth/);
    // The one cookie script must read, to echo it in the x-csrf-token header.
    expect(line('opsflux_csrf')).not.toMatch(/HttpOnly/i);
  });

  it('refresh with the cookies they hold, and get new ones', async () => {
    const u = await makeUser(t, { tag: 'browser-refresh' });
    const cookies = browserCookies(await signIn(t, u.email, u.password, { client: 'browser' }));
    const res = await request(t.rawApp)
      .post(`${AUTH}/refresh`)
      .set('cookie', cookies.header)
      .set('x-csrf-token', cookies.csrf!)
      .send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const fresh = browserCookies(res);
    expect(fresh.access).not.toBe(cookies.access);
    expect(fresh.refresh).not.toBe(cookies.refresh);
    expect(res.body.data.csrfToken).toBe(fresh.csrf);
  });

  it('refresh once the access token has expired', async () => {
    const u = await makeUser(t, { tag: 'browser-expired' });
    const cookies = browserCookies(await signIn(t, u.email, u.password, { client: 'browser' }));
    await t.engine
      .db('sys_sessions')
      .where({ user_id: u.id })
      .update({ access_expires_at: new Date(0) });
    const res = await request(t.rawApp)
      .post(`${AUTH}/refresh`)
      .set('cookie', cookies.header)
      .set('x-csrf-token', cookies.csrf!)
      .send({});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('sign in again while still holding the cookie of an ended session', async () => {
    const u = await makeUser(t, { tag: 'browser-stale' });
    const cookies = browserCookies(await signIn(t, u.email, u.password, { client: 'browser' }));
    expect((await request(t.app).post(`${ADMIN}/users/${u.id}/logout`)).status).toBe(200);
    const res = await signIn(t, u.email, u.password, { client: 'browser' }).set('cookie', cookies.header);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
