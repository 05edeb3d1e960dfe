import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { ADMIN, as, auditEntries, makeUser, signIn, startSecure, type TestUser } from './secure.ts';
import { startSmtpServer, type SmtpServerKit } from './smtp-kit.ts';

let t: TestEngine;
let smtp: SmtpServerKit;
beforeAll(async () => {
  smtp = await startSmtpServer();
  // Many sign-ins from one address here: the per-IP limit has its own suite (auth-rate-limit).
  t = await startSecure({ SMTP_URL: smtp.url, LOGIN_PER_IP_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const THRESHOLD = 5;

/** Fails `n` sign-ins of `u`, each answered 401 invalid_credentials. */
async function fail(u: TestUser, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await signIn(t, u.email, `${u.password}-wrong-${i}`);
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  }
}

const adminView = async (id: string) => (await request(t.app).get(`${ADMIN}/users/${id}`)).body.data;

describe('lockout after repeated failures', () => {
  it('locks after 5 wrong passwords, and says "locked" only to the right password', async () => {
    const u = await makeUser(t, { tag: 'lockme' });
    const first = await signIn(t, u.email, 'not-the-password-1');
    await fail(u, THRESHOLD - 1);

    const wrong = await signIn(t, u.email, 'not-the-password-2');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual(first.body.error);

    const right = await signIn(t, u.email, u.password);
    expect(right.status).toBe(423);
    expectErrorShape(right.body);
    expect(right.body.error.code).toBe('account_locked');
    expect(right.body.data).toBeUndefined();
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('answers an unknown address exactly as a wrong password', async () => {
    const u = await makeUser(t, { tag: 'known' });
    const wrong = await signIn(t, u.email, 'not-the-password');
    const unknown = await signIn(t, 'nobody.at.all@secure.example', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
  });

  it('does not lock below the threshold, and a success starts the count again', async () => {
    const u = await makeUser(t, { tag: 'almost' });
    await fail(u, THRESHOLD - 1);
    expect((await signIn(t, u.email, u.password)).status).toBe(200);
    await fail(u, THRESHOLD - 1);
    expect((await signIn(t, u.email, u.password)).status).toBe(200);
    expect((await adminView(u.id)).lockedUntil).toBeNull();
  });

  it('shows the lock to the administrator, whose unlock lifts it', async () => {
    const u = await makeUser(t, { tag: 'unlockme' });
    await fail(u, THRESHOLD);
    expect((await adminView(u.id)).lockedUntil).toEqual(expect.any(String));
    expect((await signIn(t, u.email, u.password)).status).toBe(423);

    const other = await makeUser(t, { tag: 'not-admin' });
    const refused = await as(t, other.token).post(`${ADMIN}/users/${u.id}/unlock`);
    expect(refused.status).toBe(403);
    expect((await adminView(u.id)).lockedUntil).toEqual(expect.any(String));

    expect((await request(t.app).post(`${ADMIN}/users/${u.id}/unlock`)).status).toBe(204);
    expect((await adminView(u.id)).lockedUntil).toBeNull();
    expect((await signIn(t, u.email, u.password)).status).toBe(200);
    const unlocks = await auditEntries(t, { action: 'auth.unlock', record: u.id });
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]).toMatchObject({ actor_id: t.adminId });
  });

  it('mails the owner of the locked account through the SMTP server', async () => {
    const u = await makeUser(t, { tag: 'mailed' });
    await fail(u, THRESHOLD);
    const mail = await smtp.waitFor(u.email);
    expect(mail.subject).toMatch(/lock/i);
    expect(mail.text).not.toContain(u.password);
    // One mail per lock, not per failure.
    expect(smtp.messages.filter((m) => m.to.includes(u.email))).toHaveLength(1);
  });

  it('audits every failure and the lockout, never the password tried', async () => {
    const u = await makeUser(t, { tag: 'audited' });
    await fail(u, THRESHOLD);
    const failures = await auditEntries(t, { action: 'auth.login_failed', record: u.id });
    expect(failures).toHaveLength(THRESHOLD);
    for (const f of failures) expect(f).toMatchObject({ outcome: 'denied', entity: 'sys.user' });
    const locks = await auditEntries(t, { action: 'auth.lockout', record: u.id });
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ outcome: 'denied', changes: { locked_until: [null, expect.any(String)] } });
    expect(JSON.stringify(failures)).not.toContain(u.password);
  });
});
