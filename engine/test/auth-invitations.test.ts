import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import {
  ADMIN,
  AUTH,
  DATA,
  as,
  linkIn,
  makeUser,
  signedIn,
  startSecure,
  strongPassword,
  uniqueEmail,
  type Json,
} from './secure.ts';
import { startSmtpServer, type SmtpServerKit } from './smtp-kit.ts';

const PUBLIC_URL = 'https://ops.example.test';

let t: TestEngine;
let smtp: SmtpServerKit;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startSecure({ SMTP_URL: smtp.url, PUBLIC_URL });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const DAY = 86_400_000;

async function invite(body: Json): Promise<Json> {
  const res = await request(t.app).post(`${ADMIN}/invitations`).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const lookUp = (token: string) => request(t.rawApp).get(`${AUTH}/invitations/${encodeURIComponent(token)}`);
const accept = (body: Json) => request(t.rawApp).post(`${AUTH}/invitations/accept`).send(body);
const tokenOf = (inv: Json) => new URL(inv.link as string).searchParams.get('token')!;

function expectInvalid(res: request.Response): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('invitation_invalid');
}

describe('invitations', () => {
  it('e-mail a link; accepting it creates the user with the membership and roles', async () => {
    const email = uniqueEmail('invitee');
    const inv = await invite({ email, companyId: t.companyId, roles: ['secure.writer'] });
    expect(inv).toMatchObject({ email, companyId: t.companyId, roles: ['secure.writer'], status: 'sent', maxUses: 1 });

    const mail = await smtp.waitFor(email);
    const { link, token } = linkIn(mail.text, '/invitation');
    expect(link.startsWith(`${PUBLIC_URL}/invitation?token=`)).toBe(true);
    expect(link).toBe(inv.link);

    const seen = await lookUp(token);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toEqual({ email, company: 'Head Office', expiresAt: inv.expiresAt });

    const password = strongPassword();
    const res = await accept({ token, firstName: 'Ines', lastName: 'Invited', password });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const user = (await request(t.app).get(`${ADMIN}/users/${res.body.data.id}`)).body.data;
    expect(user).toMatchObject({ email, firstName: 'Ines', status: 'active', defaultCompanyId: t.companyId });
    expect(user.memberships).toEqual([{ companyId: t.companyId, roles: ['secure.writer'] }]);

    // The roles work: the new user signs in and writes.
    const s = await signedIn(t, email, password);
    expect((await as(t, s.accessToken).post(`${DATA}/client`, { name: 'First client' })).status).toBe(201);
  });

  it('work once: a second accept is refused, and so is a look-up', async () => {
    const email = uniqueEmail('once');
    const token = tokenOf(await invite({ email, companyId: t.companyId, roles: ['secure.reader'] }));
    expect((await accept({ token, firstName: 'One', lastName: 'Time', password: strongPassword() })).status).toBe(201);
    expectInvalid(await accept({ token, firstName: 'Two', lastName: 'Times', password: strongPassword() }));
    expectInvalid(await lookUp(token));
    expect(await t.engine.db('sys_users').whereRaw('lower(email) = ?', [email]).pluck('first_name')).toEqual(['One']);
  });

  it('stop working once revoked', async () => {
    const inv = await invite({ email: uniqueEmail('revoked'), companyId: t.companyId, roles: ['secure.reader'] });
    expect((await request(t.app).delete(`${ADMIN}/invitations/${inv.id}`)).status).toBe(204);
    expectInvalid(await lookUp(tokenOf(inv)));
    expectInvalid(
      await accept({ token: tokenOf(inv), firstName: 'Too', lastName: 'Late', password: strongPassword() }),
    );
    const listed = (await request(t.app).get(`${ADMIN}/invitations`)).body.data.find((i: Json) => i.id === inv.id);
    expect(listed.status).toBe('revoked');
  });

  it('expire after 24 hours, 7 days (the default) or 30 days', async () => {
    for (const [expiresIn, days] of [
      ['24h', 1],
      ['7d', 7],
      ['30d', 30],
      [undefined, 7],
    ] as const) {
      const inv = await invite({ email: uniqueEmail('expiry'), ...(expiresIn && { expiresIn }) });
      const lifetime = Date.parse(inv.expiresAt as string) - Date.parse(inv.createdAt as string);
      expect(lifetime, String(expiresIn)).toBe(days * DAY);
    }
    const bad = await request(t.app)
      .post(`${ADMIN}/invitations`)
      .send({ email: uniqueEmail('x'), expiresIn: '1y' });
    expect(bad.status).toBe(422);
  });

  it('are refused once expired', async () => {
    const inv = await invite({ email: uniqueEmail('expired'), companyId: t.companyId, roles: ['secure.reader'] });
    await t.engine
      .db('sys_invitations')
      .where({ id: inv.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expectInvalid(await lookUp(tokenOf(inv)));
    expectInvalid(
      await accept({ token: tokenOf(inv), firstName: 'Too', lastName: 'Late', password: strongPassword() }),
    );
  });

  it('resent, get a new link and the old one stops working', async () => {
    const email = uniqueEmail('resent');
    const inv = await invite({ email });
    const res = await request(t.app).post(`${ADMIN}/invitations/${inv.id}/resend`);
    expect(res.status).toBe(200);
    expect(res.body.data.link).not.toBe(inv.link);
    expectInvalid(await lookUp(tokenOf(inv)));
    expect((await lookUp(tokenOf(res.body.data))).status).toBe(200);
  });

  it('keep the invited address, apply the password policy, and stay usable after a refused accept', async () => {
    const email = uniqueEmail('policy');
    const token = tokenOf(await invite({ email, companyId: t.companyId, roles: ['secure.reader'] }));
    const weak = await accept({ token, firstName: 'Pat', lastName: 'Policy', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details[0]).toMatchObject({ path: 'password', code: 'password_too_short' });
    const res = await accept({
      token,
      email: uniqueEmail('chosen'),
      firstName: 'Pat',
      lastName: 'Policy',
      password: strongPassword(),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.email).toBe(email);
  });

  it('are created by administrators only, with roles that exist', async () => {
    const u = await makeUser(t, { tag: 'not-admin' });
    const refused = await as(t, u.token).post(`${ADMIN}/invitations`, {
      email: uniqueEmail('x'),
      companyId: t.companyId,
    });
    expect(refused.status).toBe(403);
    const unknown = await request(t.app)
      .post(`${ADMIN}/invitations`)
      .send({ email: uniqueEmail('x'), companyId: t.companyId, roles: ['secure.overlord'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0]).toMatchObject({ path: 'roles', code: 'unknown_role' });
  });
});
