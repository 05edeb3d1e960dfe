import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/verify-audit.ts';
import type { TestEngine } from './harness.ts';
import { BASE, labClient, make, startLab, type Json, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
});
afterAll(() => t?.close());

const auditCount = async () => Number((await t.engine.db('sys_audit').count({ n: '*' }))[0]!.n);
const history = async (entity: string, id: string) =>
  (await request(t.app).get(`${BASE}/${entity}/${id}/history`)).body.data as Json[];

describe('every write leaves an entry, in its own transaction', () => {
  it('records create, update, delete and restore with the changed fields, in order', async () => {
    const s = await make(c, 'sample', { title: 'Core 1', quantity: 3, secret: 'p4ss' });
    const upd = await c.patch('sample', s.id as string, { quantity: 4, version: 1 });
    expect(upd.status).toBe(200);
    expect((await c.del('sample', s.id as string)).status).toBe(204);
    expect((await c.restore('sample', s.id as string)).status).toBe(200);
    const entries = await history('sample', s.id as string);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(entries[0]!.changes).toMatchObject({
      title: [null, 'Core 1'],
      quantity: [null, 3],
      status: [null, 'draft'],
    });
    expect(entries[1]!.changes).toEqual({ quantity: [3, 4] });
    expect((entries[2]!.changes as Json).deleted_at).toEqual([null, expect.any(String)]);
    expect((entries[3]!.changes as Json).deleted_at).toEqual([expect.any(String), null]);
    for (const e of entries) expect(e).toMatchObject({ entity: 'lab.sample', record_id: s.id, outcome: 'success' });
  });

  it('never stores a sensitive value, only its mask', async () => {
    const s = await make(c, 'sample', { title: 'Sensitive', secret: 'p4ss-w0rd' });
    await c.patch('sample', s.id as string, { secret: 'n3w-s3cret', version: 1 });
    const raw = JSON.stringify(await t.engine.db('sys_audit').where({ record_id: s.id }).select('changes'));
    expect(raw).not.toContain('p4ss-w0rd');
    expect(raw).not.toContain('n3w-s3cret');
    expect(raw).toContain('********');
  });

  it('writes no entry when the write fails', async () => {
    const before = await auditCount();
    expect((await c.create('sample', { quantity: 'x' })).status).toBe(422);
    expect((await c.create('sample', [{ title: 'ok' }, { title: 'x'.repeat(500) }])).status).toBe(422);
    const s = await make(c, 'sample', { title: 'Versioned' });
    const after = await auditCount();
    expect(after).toBe(before + 1);
    expect((await c.patch('sample', s.id as string, { title: 'stale', version: 9 })).status).toBe(409);
    expect(await auditCount()).toBe(after);
  });

  it('explains the rows a delete changed through onDelete set-null and cascade', async () => {
    const site = await make(c, 'site', { name: 'Kribi base' });
    const child = await make(c, 'sample', { title: 'Uses backup', backup_site: site.id });
    const parent = await make(c, 'sample', { title: 'Parent' });
    const kid = await make(c, 'sample', { title: 'Kid', parent: parent.id });
    expect((await c.del('site', site.id as string)).status).toBe(204);
    const cleared = (await history('sample', child.id as string)).at(-1)!;
    expect(cleared).toMatchObject({
      action: 'update',
      changes: expect.objectContaining({ backup_site: [site.id, null] }),
    });
    expect(cleared.reason).toMatch(/cleared/);
    expect((await c.del('sample', parent.id as string)).status).toBe(204);
    const cascaded = (await history('sample', kid.id as string)).at(-1)!;
    expect(cascaded).toMatchObject({ action: 'delete' });
    expect(cascaded.reason).toMatch(/cascade/);
  });

  it('records the client address and agent of the request', async () => {
    const res = await request(t.app).post(`${BASE}/tag`).set('user-agent', 'audit-test/1.0').send({ name: 'traced' });
    const [entry] = await history('tag', res.body.data.id);
    expect(entry).toMatchObject({ user_agent: 'audit-test/1.0', ip: expect.any(String) });
  });

  it('records bundle installs', async () => {
    const installs = await t.engine.db('sys_audit').where({ action: 'bundle.install', entity: 'lab' });
    expect(installs).toHaveLength(1);
    expect(installs[0].changes).toEqual({ version: [null, '1.0.0'] });
  });
});

describe('the chain is tamper-evident', () => {
  it('keeps one unforked chain under concurrent writers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.create('tag', { name: `concurrent ${i}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const prev = await t.engine.db('sys_audit').select('prev_hash');
    expect(new Set(prev.map((p) => p.prev_hash)).size).toBe(prev.length);
    expect(await verifyAudit(t.engine.db)).toMatchObject({ ok: true, checked: prev.length });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the table', async () => {
    await expect(t.engine.db('sys_audit').update({ action: 'x' })).rejects.toThrow(/append-only/);
    await expect(t.engine.db('sys_audit').delete()).rejects.toThrow(/append-only/);
    await expect(t.engine.db.raw('TRUNCATE sys_audit')).rejects.toThrow(/append-only/);
  });

  it('names the first altered entry, and a removed one, found by `opsflux audit verify` too', async () => {
    const db = t.engine.db;
    const ids = (await db('sys_audit').pluck('id').orderBy('id')).map(Number);
    const victim = ids[Math.floor(ids.length / 2)]!;
    // An attacker with superuser rights can lift the trigger; the hashes still tell.
    await db.raw('ALTER TABLE sys_audit DISABLE TRIGGER sys_audit_no_change');
    await db('sys_audit').where({ id: victim }).update({ actor_name: 'someone else' });
    expect(await verifyAudit(db)).toMatchObject({
      ok: false,
      firstBad: { id: victim, reason: expect.stringMatching(/altered/) },
    });

    const run = promisify(execFile);
    const bin = path.resolve(import.meta.dirname, '../bin/opsflux.js');
    const cli = await run(process.execPath, [bin, 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' },
    }).catch((e: { code: number; stdout: string }) => e);
    expect((cli as { code: number }).code).toBe(1);
    expect((cli as { stdout: string }).stdout).toContain(`altered at entry ${victim}`);

    // Starting an engine (the CLI above) re-armed the trigger: lift it again.
    await db.raw('ALTER TABLE sys_audit DISABLE TRIGGER sys_audit_no_change');
    await db('sys_audit').where({ id: victim }).delete();
    const after = await verifyAudit(db);
    expect(after).toMatchObject({
      ok: false,
      firstBad: { id: ids[ids.indexOf(victim) + 1], reason: expect.stringMatching(/removed/) },
    });
    await db.raw('ALTER TABLE sys_audit ENABLE TRIGGER sys_audit_no_change');
  });
});

describe('search for auditors', () => {
  it('filters by entity, action and time, newest first, in pages', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const page1 = await request(t.app)
      .get('/api/v1/audit')
      .query({ entity: 'lab.tag', action: 'create', from, limit: 5 });
    expect(page1.status).toBe(200);
    expect(page1.body.data).toHaveLength(5);
    expect(page1.body.data.every((e: Json) => e.entity === 'lab.tag' && e.action === 'create')).toBe(true);
    const idsPage1 = page1.body.data.map((e: Json) => e.id as number);
    expect(idsPage1).toEqual([...idsPage1].sort((a, b) => b - a));
    const page2 = await request(t.app)
      .get('/api/v1/audit')
      .query({ entity: 'lab.tag', action: 'create', limit: 5, before: page1.body.meta.nextBefore });
    expect(Math.max(...page2.body.data.map((e: Json) => e.id as number))).toBeLessThan(Math.min(...idsPage1));
    const none = await request(t.app).get('/api/v1/audit').query({ entity: 'lab.tag', to: '2000-01-01' });
    expect(none.body.data).toEqual([]);
  });

  it('answers 400 to bad parameters and 404 to the history of an unknown record', async () => {
    for (const q of [{ limit: '0' }, { limit: 'x' }, { from: 'yesterday' }, { before: 'abc' }, { bogus: '1' }]) {
      const res = await request(t.app).get('/api/v1/audit').query(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error.code).toBe('query_invalid');
    }
    expect((await request(t.app).get(`${BASE}/sample/no-such-record/history`)).status).toBe(404);
  });
});
