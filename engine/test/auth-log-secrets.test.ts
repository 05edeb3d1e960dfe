import { Writable } from 'node:stream';
import { generate } from 'otplib';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import type { TestEngine } from './harness.ts';
import {
  ADMIN,
  AUTH,
  DATA,
  as,
  browserCookies,
  linkIn,
  makeUser,
  signIn,
  startSecure,
  strongPassword,
  uniqueEmail,
} from './secure.ts';
import { startSmtpServer, type SmtpServerKit } from './smtp-kit.ts';

/*
 * The engine's own logger (createLogger: its redaction rules, its serializers) at level trace,
 * its output redirected into memory: what it would write to stdout in production.
 */
const lines: string[] = [];
function capturingEngineLogger() {
  const log = createLogger('trace');
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // pino keeps its destination under this symbol; child loggers made later inherit it.
  (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = sink;
  return log;
}

let t: TestEngine;
let smtp: SmtpServerKit;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startSecure({ SMTP_URL: smtp.url, LOGIN_PER_IP_PER_MINUTE: '1000' }, { log: capturingEngineLogger() });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** Fails naming the secret (by its label) and the first log line holding it, in clear or URL-encoded. */
function expectNotLogged(secrets: Record<string, string | undefined>): void {
  for (const [label, secret] of Object.entries(secrets)) {
    expect(secret, label).toEqual(expect.any(String));
    const forms = [secret!, encodeURIComponent(secret!)];
    const line = lines.find((l) => forms.some((f) => l.includes(f)));
    expect(line, `${label} is in the log`).toBeUndefined();
  }
}

describe('no secret reaches the log', () => {
  it('through sign-in, refresh, second factor, API keys, browser sessions and password reset', async () => {
    const secrets: Record<string, string | undefined> = {};
    const u = await makeUser(t, { tag: 'logged', memberships: [{ companyId: t.companyId, roles: ['secure.writer'] }] });
    Object.assign(secrets, { password: u.password, harnessToken: u.token });

    const s1 = (await signIn(t, u.email, u.password)).body.data;
    const s2 = (await request(t.rawApp).post(`${AUTH}/refresh`).send({ refreshToken: s1.refreshToken })).body.data;
    Object.assign(secrets, {
      access1: s1.accessToken,
      refresh1: s1.refreshToken,
      access2: s2.accessToken,
      refresh2: s2.refreshToken,
    });
    const c = as(t, s2.accessToken);
    expect((await c.get(`${DATA}/client`)).status).toBe(200);

    const { secret, otpauthUri } = (await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password })).body.data;
    const codes: string[] = (await c.post(`${AUTH}/2fa/confirm`, { code: await generate({ secret }) })).body.data
      .backupCodes;
    Object.assign(secrets, { totpSecret: secret, otpauthUri });
    codes.forEach((code, i) => (secrets[`backupCode${i}`] = code));

    const challenge = (await signIn(t, u.email, u.password)).body.data.challenge;
    const s3 = (
      await request(t.rawApp)
        .post(`${AUTH}/login/second-factor`)
        .send({ challenge, backupCode: codes[0], trustDevice: true })
    ).body.data;
    Object.assign(secrets, {
      challenge,
      access3: s3.accessToken,
      refresh3: s3.refreshToken,
      deviceToken: s3.deviceToken,
    });

    const key = (await as(t, s3.accessToken).post(`${AUTH}/api-keys`, { name: 'logged key', scope: 'write' })).body.data
      .key;
    secrets.apiKey = key;
    expect((await as(t, key).post(`${DATA}/client`, { name: 'Made with a key' })).status).toBe(201);

    const browserChallenge = (await signIn(t, u.email, u.password, { client: 'browser' })).body.data.challenge;
    const browser = await request(t.rawApp)
      .post(`${AUTH}/login/second-factor`)
      .send({ challenge: browserChallenge, backupCode: codes[1], client: 'browser' });
    const cookies = browserCookies(browser);
    Object.assign(secrets, { browserChallenge, accessCookie: cookies.access, refreshCookie: cookies.refresh });
    const viaCookie = await request(t.rawApp)
      .post(`${DATA}/client`)
      .set('cookie', cookies.header)
      .set('x-csrf-token', cookies.csrf!)
      .send({ name: 'Made in a browser' });
    expect(viaCookie.status).toBe(201);

    expect((await request(t.rawApp).post(`${AUTH}/password/forgot`).send({ email: u.email })).status).toBe(202);
    const mail = await smtp.waitFor((m) => m.to.includes(u.email) && /reset/i.test(m.subject));
    const { link, token } = linkIn(mail.text, '/reset-password');
    const newPassword = strongPassword();
    expect((await request(t.rawApp).post(`${AUTH}/password/reset`).send({ token, newPassword })).status).toBe(204);
    Object.assign(secrets, { resetLink: link, resetToken: token, newPassword });
    expect((await signIn(t, u.email, newPassword)).status).toBe(202);
    // A failed sign-in with a password close to the real one: the attempt is not logged either.
    const attempt = `${newPassword}-typo`;
    expect((await signIn(t, u.email, attempt)).status).toBe(401);
    secrets.failedAttempt = attempt;

    // The log was written (requests at least): an empty log would prove nothing.
    for (const path of [
      'login',
      'refresh',
      '2fa/enrol',
      '2fa/confirm',
      'login/second-factor',
      'api-keys',
      'password/reset',
    ])
      expect(
        lines.some((l) => l.includes(`"url":"${AUTH}/${path}"`)),
        path,
      ).toBe(true);
    expectNotLogged(secrets);
  });

  it('when an API key comes in the X-Api-Key header', async () => {
    const u = await makeUser(t, {
      tag: 'header-key',
      memberships: [{ companyId: t.companyId, roles: ['secure.reader'] }],
    });
    const key = (await as(t, u.token).post(`${AUTH}/api-keys`, { name: 'header key', scope: 'read' })).body.data.key;
    expect((await request(t.rawApp).get(`${DATA}/client`).set('x-api-key', key)).status).toBe(200);
    expectNotLogged({ apiKey: key });
  });

  it('when a browser echoes its CSRF token in the x-csrf-token header', async () => {
    const u = await makeUser(t, { tag: 'csrf', memberships: [{ companyId: t.companyId, roles: ['secure.writer'] }] });
    const cookies = browserCookies(await signIn(t, u.email, u.password, { client: 'browser' }));
    const res = await request(t.rawApp)
      .post(`${DATA}/client`)
      .set('cookie', cookies.header)
      .set('x-csrf-token', cookies.csrf!)
      .send({ name: 'Browser-made' });
    expect(res.status).toBe(201);
    expectNotLogged({ csrf: cookies.csrf });
  });

  it('when an invitation link is looked up', async () => {
    const inv = await request(t.app)
      .post(`${ADMIN}/invitations`)
      .send({ email: uniqueEmail('invited') });
    const token = new URL(inv.body.data.link).searchParams.get('token')!;
    expect((await request(t.rawApp).get(`${AUTH}/invitations/${encodeURIComponent(token)}`)).status).toBe(200);
    expectNotLogged({ invitationToken: token });
  });
});
