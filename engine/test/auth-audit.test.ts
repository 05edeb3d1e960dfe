import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import {
  AUTH,
  DATA,
  as,
  auditEntries,
  create,
  makeUser,
  signIn,
  signedIn,
  startSecure,
  strongPassword,
  type Json,
} from './secure.ts';

const THRESHOLD = 3;

let t: TestEngine;
beforeAll(async () => {
  t = await startSecure({ LOCKOUT_THRESHOLD: String(THRESHOLD), LOGIN_PER_IP_PER_MINUTE: '1000' });
});
afterAll(() => t?.close());

/** The one entry of `action` about `record`. */
async function single(action: string, record: string): Promise<Json> {
  const entries = await auditEntries(t, { action, record });
  expect(entries, `${action} on ${record}`).toHaveLength(1);
  return entries[0]!;
}

describe('authentication events are in the audit trail', () => {
  it('sign-in success and failure, lockout, sign-out', async () => {
    const u = await makeUser(t, { tag: 'audited' });
    const s = await signedIn(t, u.email, u.password);
    const [login] = await auditEntries(t, { action: 'auth.login', actor: u.id });
    expect(login).toMatchObject({ entity: 'sys.session', outcome: 'success', changes: { method: 'password' } });

    for (let i = 0; i < THRESHOLD; i++) await signIn(t, u.email, `wrong-${i}`);
    const failures = await auditEntries(t, { action: 'auth.login_failed', record: u.id });
    expect(failures).toHaveLength(THRESHOLD);
    expect(failures[0]).toMatchObject({ outcome: 'denied', reason: 'wrong password', ip: expect.any(String) });
    expect(await single('auth.lockout', u.id)).toMatchObject({ outcome: 'denied' });

    const unknown = 'ghost.user@secure.example';
    await signIn(t, unknown, 'whatever');
    const ghost = (await auditEntries(t, { action: 'auth.login_failed' })).find((e) =>
      JSON.stringify(e.changes).includes(unknown),
    );
    expect(ghost).toMatchObject({ actor_id: null, outcome: 'denied', reason: 'unknown account' });

    expect((await as(t, s.accessToken).post(`${AUTH}/logout`)).status).toBe(204);
    expect(await auditEntries(t, { action: 'auth.logout', actor: u.id })).toHaveLength(1);
  });

  it('enabling a second factor, changing the password, creating an API key', async () => {
    const u = await makeUser(t, { tag: 'changes' });
    const c = as(t, u.token);
    const { secret } = (await c.post(`${AUTH}/2fa/enrol`, { currentPassword: u.password })).body.data;
    const codes = (await c.post(`${AUTH}/2fa/confirm`, { code: await generate({ secret }) })).body.data.backupCodes;
    expect(await single('auth.2fa_enable', u.id)).toMatchObject({ actor_id: u.id, outcome: 'success' });

    const newPassword = strongPassword();
    expect((await c.post(`${AUTH}/password/change`, { currentPassword: u.password, newPassword })).status).toBe(204);
    expect(await single('auth.password_change', u.id)).toMatchObject({ actor_id: u.id });

    const key = (await c.post(`${AUTH}/api-keys`, { name: 'audited key', scope: 'read' })).body.data;
    expect(await single('auth.api_key_create', key.id)).toMatchObject({
      actor_id: u.id,
      changes: { name: 'audited key', scope: 'read' },
    });

    const trail = JSON.stringify(await t.engine.db('sys_audit').select('*'));
    for (const secret_ of [u.password, newPassword, secret, key.key, u.token, ...codes])
      expect(trail).not.toContain(secret_);
  });
});

describe('refused writes are in the audit trail', () => {
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });

  it('a refused create: outcome denied, the action, the entity and the reason', async () => {
    const reader = await makeUser(t, { tag: 'reader', ...inHq(['secure.reader']) });
    const before = Number((await t.engine.db('secure_deal').count({ n: '*' }))[0]!.n);
    expect((await as(t, reader.token).post(`${DATA}/deal`, { title: 'Not allowed' })).status).toBe(403);
    const denied = await auditEntries(t, { actor: reader.id, outcome: 'denied' });
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      action: 'create',
      entity: 'secure.deal',
      record_id: null,
      reason: expect.any(String),
    });
    expect(Number((await t.engine.db('secure_deal').count({ n: '*' }))[0]!.n)).toBe(before);
  });

  it('a refused change of a record: one entry, naming the record and the field', async () => {
    const writer = await makeUser(t, { tag: 'writer', ...inHq(['secure.writer']) });
    const deal = await create(as(t, writer.token), 'deal', { title: 'Guarded' });
    const patch = await as(t, writer.token).patch(`${DATA}/deal/${deal.id}`, { approved: true, version: 1 });
    expect(patch.status).toBe(403);
    const updated = await auditEntries(t, { actor: writer.id, outcome: 'denied' });
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ action: 'update', entity: 'secure.deal', record_id: deal.id });
    expect(updated[0]!.reason).toContain('approved');
    expect((await as(t, writer.token).delete(`${DATA}/deal/${deal.id}`)).status).toBe(403);
    expect(await auditEntries(t, { actor: writer.id, outcome: 'denied', action: 'delete' })).toHaveLength(1);
  });
});

describe('reading the audit trail', () => {
  it('is for auditors and administrators', async () => {
    const user = await makeUser(t, {
      tag: 'curious',
      memberships: [{ companyId: t.companyId, roles: ['secure.manager'] }],
    });
    const res = await as(t, user.token).get('/api/v1/audit');
    expect(res.status).toBe(403);
    const auditor = await makeUser(t, { tag: 'auditor', systemRoles: ['auditor'] });
    expect((await as(t, auditor.token).get('/api/v1/audit')).status).toBe(200);
  });
});
