import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, TIERS, type TestEngine } from './harness.ts';
import { LAB } from './lab.ts';

// Password expiry, e-mail change, data and audit exports, and the trace of sensitive reads.

let t: TestEngine;
const PASSWORD = 'the harbour pilot boards at dawn';

beforeAll(async () => {
  t = await createTestEngine([TIERS, LAB], { PASSWORD_EXPIRY_DAYS: '90' });
});
afterAll(() => t?.close());

const login = (email: string, password = PASSWORD) =>
  request(t.rawApp).post('/api/v1/auth/login').send({ email, password });

describe('password expiry', () => {
  it('an expired password leaves the session able to change it, and nothing else', async () => {
    const email = `expired.${Date.now()}@test.example`;
    const user = await t.userWithToken({
      email,
      password: PASSWORD,
      memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }],
    });
    await t.engine
      .db('sys_users')
      .where({ id: user.id })
      .update({ password_changed_at: new Date(Date.now() - 91 * 86_400_000) });
    const first = await login(email);
    expect(first.status).toBe(200);
    expect(first.body.data.pending).toBe('password_change');
    const bearer = `Bearer ${first.body.data.accessToken}`;
    const data = await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', bearer);
    expect(data.status).toBe(403);
    expect(data.body.error.code).toBe('password_change');
    const same = await request(t.rawApp)
      .post('/api/v1/auth/password/change')
      .set('authorization', bearer)
      .send({ currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(422);
    expect(same.body.error.details[0]).toMatchObject({ path: 'newPassword', code: 'password_reused' });
    const changed = await request(t.rawApp)
      .post('/api/v1/auth/password/change')
      .set('authorization', bearer)
      .send({ currentPassword: PASSWORD, newPassword: 'a fresh breeze over the lagoon' });
    expect(changed.status).toBe(204);
    expect((await request(t.rawApp).get('/api/v1/data/tiers/company').set('authorization', bearer)).status).toBe(200);
  });
});

describe('e-mail change', () => {
  it('needs the current password, refuses an address in use, and is audited', async () => {
    const email = `mover.${Date.now()}@test.example`;
    const user = await t.userWithToken({ email, password: PASSWORD });
    const as = (body: object) =>
      request(t.rawApp).post('/api/v1/auth/email/change').set('authorization', `Bearer ${user.token}`).send(body);
    const wrong = await as({ currentPassword: 'not the password at all', newEmail: 'new@test.example' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('reauthentication_failed');
    const adminEmail = (await request(t.app).get('/api/v1/auth/me')).body.data.email;
    const taken = await as({ currentPassword: PASSWORD, newEmail: adminEmail.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0]).toMatchObject({ path: 'newEmail', code: 'email_taken' });
    const moved = await as({ currentPassword: PASSWORD, newEmail: `moved.${Date.now()}@test.example` });
    expect(moved.status).toBe(204);
    const trail = await request(t.app).get('/api/v1/audit').query({ action: 'auth.email_change', record: user.id });
    expect(trail.body.data[0].changes.email[0]).toBe(email);
  });
});

describe('exports', () => {
  it('exports what the caller may see as CSV, defusing spreadsheet formulas, and audits it', async () => {
    await request(t.app)
      .post('/api/v1/data/tiers/company')
      .send({ legal_name: '=HYPERLINK("http://evil.example")', type: 'client', notes: 'internal' });
    const viewerNoExport = await t.userWithToken({
      memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }],
    });
    const refused = await request(t.rawApp)
      .get('/api/v1/data/tiers/company/export')
      .set('authorization', `Bearer ${viewerNoExport.token}`);
    expect(refused.status).toBe(403);
    const csv = await request(t.app)
      .get('/api/v1/data/tiers/company/export')
      .query({ filter: JSON.stringify({ type: 'client' }), fields: 'legal_name,type,notes' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="tiers\.company-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,legal_name,type,notes');
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil.example"")"`))).toBe(true);
    const json = await request(t.app).get('/api/v1/data/tiers/company/export').query({ format: 'json' });
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text).length).toBeGreaterThan(0);
    const bad = await request(t.app).get('/api/v1/data/tiers/company/export').query({ format: 'xml' });
    expect(bad.status).toBe(400);
    const paged = await request(t.app).get('/api/v1/data/tiers/company/export').query({ limit: 5 });
    expect(paged.status).toBe(400);
    const trail = await request(t.app).get('/api/v1/audit').query({ action: 'export', entity: 'tiers.company' });
    expect(trail.body.data[0].changes).toMatchObject({ format: 'json' });
  });

  it('exports the audit trail to auditors only, with the hashes', async () => {
    const auditor = await t.userWithToken({ systemRoles: ['auditor'] });
    const plain = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['tiers.manager'] }] });
    await t.engine.db('sys_users').where({ id: plain.id }).update({ totp_enabled_at: new Date() });
    const denied = await request(t.rawApp).get('/api/v1/audit/export').set('authorization', `Bearer ${plain.token}`);
    expect(denied.status).toBe(403);
    const csv = await request(t.rawApp)
      .get('/api/v1/audit/export')
      .query({ action: 'user.create' })
      .set('authorization', `Bearer ${auditor.token}`);
    expect(csv.status).toBe(200);
    const [head, ...rows] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(head).toContain('prev_hash,hash');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const json = await request(t.rawApp)
      .get('/api/v1/audit/export')
      .query({ format: 'json', action: 'user.create' })
      .set('authorization', `Bearer ${auditor.token}`);
    const entries = JSON.parse(json.text) as { hash: string; action: string }[];
    expect(entries.every((e) => e.action === 'user.create' && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const traced = await request(t.app).get('/api/v1/audit').query({ action: 'audit.export', actor: auditor.id });
    expect(traced.body.data.length).toBe(2);
  });
});

describe('sensitive reads', () => {
  it('reading a record shows its sensitive fields and leaves a trace naming them, never their values', async () => {
    const created = await request(t.app)
      .post('/api/v1/data/lab/sample')
      .send({ title: 'Vault', secret: 's3cr3t-value' });
    expect(created.status).toBe(201);
    const list = await request(t.app)
      .get('/api/v1/data/lab/sample')
      .query({ filter: JSON.stringify({ title: 'Vault' }) });
    expect(list.body.data[0].secret).toBe('********');
    const one = await request(t.app).get(`/api/v1/data/lab/sample/${created.body.data.id}`);
    expect(one.body.data.secret).toBe('s3cr3t-value');
    const trail = await request(t.app)
      .get('/api/v1/audit')
      .query({ action: 'read_sensitive', record: created.body.data.id });
    expect(trail.body.data).toHaveLength(1);
    expect(trail.body.data[0].changes).toEqual({ fields: ['secret'] });
    expect(JSON.stringify(trail.body.data)).not.toContain('s3cr3t-value');
  });
});
