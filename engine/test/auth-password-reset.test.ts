import { generate } from 'otplib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { AUTH, as, linkIn, makeUser, signIn, startSecure, strongPassword, type TestUser } from './secure.ts';
import { startSmtpServer, type SmtpServerKit } from './smtp-kit.ts';

const PUBLIC_URL = 'https://ops.example.test';

let t: TestEngine;
let smtp: SmtpServerKit;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startSecure({ SMTP_URL: smtp.url, PUBLIC_URL, LOGIN_PER_IP_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const forgot = (email: string) => request(t.rawApp).post(`${AUTH}/password/forgot`).send({ email });
const reset = (token: string, newPassword: string) =>
  request(t.rawApp).post(`${AUTH}/password/reset`).send({ token, newPassword });

/** Asks for a reset of `u` and answers the token of the link the mail brought. */
async function resetToken(u: TestUser): Promise<string> {
  smtp.clear();
  expect((await forgot(u.email)).status).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(u.email) && /reset/i.test(m.subject));
  const { link, token } = linkIn(mail.text, '/reset-password');
  expect(link.startsWith(`${PUBLIC_URL}/reset-password?token=`)).toBe(true);
  return token;
}

function expectLinkInvalid(res: request.Response): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('link_invalid');
}

describe('password reset by e-mail', () => {
  it('answers the same for an unknown address, and mails nobody', async () => {
    const u = await makeUser(t, { tag: 'known' });
    smtp.clear();
    const unknown = await forgot('nobody.here@secure.example');
    const known = await forgot(u.email);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await smtp.waitFor(u.email);
    // The engine sends before it answers: a mail to the unknown address would be here already.
    expect(smtp.messages.map((m) => m.to).flat()).toEqual([u.email]);
  });

  it('sets a new password through the mailed link, once, without opening a session', async () => {
    const u = await makeUser(t, { tag: 'resetter' });
    const token = await resetToken(u);
    const newPassword = strongPassword();
    const res = await reset(token, newPassword);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['set-cookie']).toBeUndefined();

    expect((await signIn(t, u.email, u.password)).status).toBe(401);
    expect((await signIn(t, u.email, newPassword)).status).toBe(200);
    expectLinkInvalid(await reset(token, strongPassword()));
    expect((await signIn(t, u.email, newPassword)).status).toBe(200);
    await smtp.waitFor((m) => m.to.includes(u.email) && /changed/i.test(m.subject));
  });

  it('ends every session of the user', async () => {
    const u = await makeUser(t, { tag: 'signed-out' });
    const session = (await signIn(t, u.email, u.password)).body.data;
    expect((await reset(await resetToken(u), strongPassword())).status).toBe(204);
    expect((await as(t, u.token).get(`${AUTH}/me`)).status).toBe(401);
    expect((await as(t, session.accessToken).get(`${AUTH}/me`)).status).toBe(401);
    expect((await request(t.rawApp).post(`${AUTH}/refresh`).send({ refreshToken: session.refreshToken })).status).toBe(
      401,
    );
  });

  it('refuses an expired link, and the password stays', async () => {
    const u = await makeUser(t, { tag: 'slow' });
    const token = await resetToken(u);
    await t.engine
      .db('sys_user_tokens')
      .where({ user_id: u.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expectLinkInvalid(await reset(token, strongPassword()));
    expect((await signIn(t, u.email, u.password)).status).toBe(200);
  });

  it('applies the password policy (422 on newPassword), and the link still works after', async () => {
    const u = await makeUser(t, { tag: 'weak' });
    const token = await resetToken(u);
    const short = await reset(token, 'Sh0rt!');
    expect(short.status).toBe(422);
    expectErrorShape(short.body);
    expect(short.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'newPassword', code: 'password_too_short' }),
    );
    const common = await reset(token, 'password1234');
    expect(common.status).toBe(422);
    expect(common.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'newPassword', code: 'password_common' }),
    );
    const reused = await reset(token, u.password);
    expect(reused.status).toBe(422);
    expect(reused.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'newPassword', code: 'password_reused' }),
    );
    expect((await reset(token, strongPassword())).status).toBe(204);
  });

  it('never bypasses the second factor: signing in with the new password still asks for it', async () => {
    const u = await makeUser(t, { tag: 'two-factor' });
    const c = as(t, u.token);
    const { secret } = (await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password })).body.data;
    expect((await c.post(`${AUTH}/2fa/confirm`, { code: await generate({ secret }) })).status).toBe(200);
    const newPassword = strongPassword();
    const res = await reset(await resetToken(u), newPassword);
    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']).toBeUndefined();
    const again = await signIn(t, u.email, newPassword);
    expect(again.status).toBe(202);
    expect(again.body.data.secondFactorRequired).toBe(true);
    expect(again.body.data.accessToken).toBeUndefined();
  });
});
