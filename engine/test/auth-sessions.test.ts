import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import {
  ADMIN,
  AUTH,
  DATA,
  as,
  auditEntries,
  makeUser,
  signIn,
  signedIn,
  startSecure,
  strongPassword,
} from './secure.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: '1000', SESSION_IDLE_SECONDS: '3600' });
});
afterAll(() => t?.close());

const status = async (token: string) => (await as(t, token).get(`${AUTH}/me`)).status;
const refresh = (refreshToken: string) => request(t.rawApp).post(`${AUTH}/refresh`).send({ refreshToken });

describe('signing out', () => {
  it('ends the session on the server: its access and refresh tokens stop working', async () => {
    const u = await makeUser(t, { tag: 'logout' });
    const s = await signedIn(t, u.email, u.password);
    expect(await status(s.accessToken)).toBe(200);
    expect((await as(t, s.accessToken).post(`${AUTH}/logout`)).status).toBe(204);
    expect(await status(s.accessToken)).toBe(401);
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect(await auditEntries(t, { action: 'auth.logout', actor: u.id })).toHaveLength(1);
  });
});

describe('the sessions of a user', () => {
  it('lists the open sessions without their secrets, marking the current one', async () => {
    const u = await makeUser(t, { tag: 'lister' });
    const a = await signedIn(t, u.email, u.password);
    const b = await signedIn(t, u.email, u.password);
    const res = await as(t, a.accessToken).get(`${AUTH}/sessions`);
    expect(res.status).toBe(200);
    // The harness's own session, and the two sign-ins.
    expect(res.body.data).toHaveLength(3);
    expect(res.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const text = JSON.stringify(res.body);
    for (const secret of [a.accessToken, a.refreshToken, b.accessToken, b.refreshToken, u.token])
      expect(text).not.toContain(secret);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      ['createdAt', 'current', 'expiresAt', 'id', 'ip', 'lastSeenAt', 'method', 'secondFactor', 'userAgent'].sort(),
    );
  });

  it('revokes one session of the user, and none of anyone else', async () => {
    const u = await makeUser(t, { tag: 'revoker' });
    const other = await makeUser(t, { tag: 'bystander' });
    const mine = await signedIn(t, u.email, u.password);
    const theirs = (await as(t, other.token).get(`${AUTH}/sessions`)).body.data[0].id;
    const sessions = (await as(t, u.token).get(`${AUTH}/sessions`)).body.data;
    const target = sessions.find((s: { current: boolean }) => !s.current).id;

    expect((await as(t, u.token).delete(`${AUTH}/sessions/${target}`)).status).toBe(204);
    expect(await status(mine.accessToken)).toBe(401);
    expect(await status(u.token)).toBe(200);
    expect((await as(t, u.token).delete(`${AUTH}/sessions/${target}`)).status).toBe(404);

    expect((await as(t, u.token).delete(`${AUTH}/sessions/${theirs}`)).status).toBe(404);
    expect(await status(other.token)).toBe(200);
  });

  it('revokes all sessions but the current one, or all of them', async () => {
    const u = await makeUser(t, { tag: 'revoke-all' });
    const a = await signedIn(t, u.email, u.password);
    const b = await signedIn(t, u.email, u.password);
    const kept = await as(t, a.accessToken).post(`${AUTH}/sessions/revoke-all`, { keepCurrent: true });
    expect(kept.body.data).toEqual({ revoked: 2 });
    expect([await status(a.accessToken), await status(b.accessToken), await status(u.token)]).toEqual([200, 401, 401]);
    expect((await as(t, a.accessToken).post(`${AUTH}/sessions/revoke-all`, {})).body.data).toEqual({ revoked: 1 });
    expect(await status(a.accessToken)).toBe(401);
  });

  it('ends the other sessions when the password changes', async () => {
    const u = await makeUser(t, { tag: 'changer' });
    const other = await signedIn(t, u.email, u.password);
    const c = as(t, u.token);
    const wrong = await c.post(`${AUTH}/password/change`, { currentPassword: 'not-it', newPassword: strongPassword() });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('reauthentication_failed');
    expect(await status(other.accessToken)).toBe(200);

    const newPassword = strongPassword();
    expect((await c.post(`${AUTH}/password/change`, { currentPassword: u.password, newPassword })).status).toBe(204);
    expect(await status(other.accessToken)).toBe(401);
    expect(await status(u.token)).toBe(200);
    expect((await signIn(t, u.email, u.password)).status).toBe(401);
    expect((await signIn(t, u.email, newPassword)).status).toBe(200);
  });
});

describe('sessions end by themselves', () => {
  const age = (userId: string, changes: Record<string, Date>) =>
    t.engine.db('sys_sessions').where({ user_id: userId }).update(changes);

  it('an expired access token is refused, and the refresh token still renews it', async () => {
    const u = await makeUser(t, { tag: 'expired-access' });
    const s = await signedIn(t, u.email, u.password);
    await age(u.id, { access_expires_at: new Date(Date.now() - 1000) });
    const res = await as(t, s.accessToken).get(`${AUTH}/me`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
    const renewed = await refresh(s.refreshToken);
    expect(renewed.status).toBe(200);
    expect(await status(renewed.body.data.accessToken)).toBe(200);
  });

  it('after the idle time, and after the absolute lifetime, even with a valid refresh token', async () => {
    const idle = await makeUser(t, { tag: 'idle' });
    const s1 = await signedIn(t, idle.email, idle.password);
    await age(idle.id, { last_seen_at: new Date(Date.now() - 2 * 3600_000) });
    expect(await status(s1.accessToken)).toBe(401);
    expect((await refresh(s1.refreshToken)).status).toBe(401);

    const old = await makeUser(t, { tag: 'old' });
    const s2 = await signedIn(t, old.email, old.password);
    await age(old.id, { expires_at: new Date(Date.now() - 1000) });
    expect(await status(s2.accessToken)).toBe(401);
    expect((await refresh(s2.refreshToken)).status).toBe(401);
  });
});

describe('the administrator ends sessions', () => {
  it('suspending a user ends all their sessions at once, and their API keys stop working', async () => {
    const u = await makeUser(t, {
      tag: 'suspended',
      memberships: [{ companyId: t.companyId, roles: ['secure.reader'] }],
    });
    const a = await signedIn(t, u.email, u.password);
    const key = (await as(t, a.accessToken).post(`${AUTH}/api-keys`, { name: 'robot', scope: 'read' })).body.data.key;
    expect((await as(t, key).get(`${DATA}/deal`)).status).toBe(200);

    const { version } = (await request(t.app).get(`${ADMIN}/users/${u.id}`)).body.data;
    const res = await request(t.app).patch(`${ADMIN}/users/${u.id}`).send({ status: 'suspended', version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    expect(await status(a.accessToken)).toBe(401);
    expect(await status(u.token)).toBe(401);
    expect((await refresh(a.refreshToken)).status).toBe(401);
    expect((await as(t, key).get(`${DATA}/deal`)).status).toBe(401);
    const again = await signIn(t, u.email, u.password);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('account_disabled');
    const revoked = await t.engine.db('sys_sessions').where({ user_id: u.id }).pluck('revoked_reason');
    expect(revoked).toEqual(['user_disabled', 'user_disabled']);
  });

  it('forces a user out of every session', async () => {
    const u = await makeUser(t, { tag: 'forced' });
    const a = await signedIn(t, u.email, u.password);
    const bystander = await makeUser(t, { tag: 'forcer' });
    expect((await as(t, bystander.token).post(`${ADMIN}/users/${u.id}/logout`)).status).toBe(403);
    expect(await status(a.accessToken)).toBe(200);

    const res = await request(t.app).post(`${ADMIN}/users/${u.id}/logout`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ revoked: 2 });
    expect(await status(a.accessToken)).toBe(401);
    expect(await status(u.token)).toBe(401);
    expect((await refresh(a.refreshToken)).status).toBe(401);
    expect(await auditEntries(t, { action: 'auth.forced_logout', record: u.id })).toHaveLength(1);
  });
});
