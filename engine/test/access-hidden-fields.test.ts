import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { DATA, as, create, makeUser, startSecure, type Client, type Json } from './secure.ts';

/*
 * For readers (and writers, who inherit their read grant) client.credit_limit,
 * client.internal_notes and deal.margin are hidden; managers see everything.
 */
let t: TestEngine;
let reader: Client;
let writer: Client;
let manager: Client;
let client: Json;
let deal: Json;
const HIDDEN = ['credit_limit', 'internal_notes'];

beforeAll(async () => {
  t = await startSecure();
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  reader = as(t, (await makeUser(t, { tag: 'reader', ...inHq(['secure.reader']) })).token);
  writer = as(t, (await makeUser(t, { tag: 'writer', ...inHq(['secure.writer']) })).token);
  manager = as(t, (await makeUser(t, { tag: 'manager', secondFactor: true, ...inHq(['secure.manager']) })).token);
  const admin = as(t, t.adminToken);
  client = await create(admin, 'client', {
    name: 'Orchard Trading',
    credit_limit: 75000,
    internal_notes: 'kumquat strategy, do not disclose',
    vat_number: 'FR-SECRET-42',
  });
  deal = await create(admin, 'deal', { title: 'Orchard supply', client: client.id, amount: 1000, margin: 321 });
});
afterAll(() => t?.close());

function expectNoHidden(record: Json): void {
  for (const f of HIDDEN) expect(record, JSON.stringify(record)).not.toHaveProperty(f);
}

function expectNotReadable(res: request.Response, path?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res.body);
  expect(res.body.error.details.map((d: Json) => d.code)).toContain('field_not_readable');
  if (path) expect(res.body.error.details.map((d: Json) => d.path)).toContain(path);
}

describe('hidden fields never appear in answers', () => {
  it('in lists and single reads', async () => {
    const list = await reader.get(`${DATA}/client`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expectNoHidden(list.body.data[0]);
    expect(list.body.data[0]).toMatchObject({ name: 'Orchard Trading' });
    const one = await reader.get(`${DATA}/client/${client.id}`);
    expectNoHidden(one.body.data);
    const d = await reader.get(`${DATA}/deal/${deal.id}`);
    expect(d.body.data).not.toHaveProperty('margin');
    expect(d.body.data).toMatchObject({ amount: expect.anything() });
    // The control: a manager sees them.
    expect((await manager.get(`${DATA}/client/${client.id}`)).body.data).toMatchObject({
      internal_notes: expect.any(String),
    });
  });

  it('in expanded references', async () => {
    const one = await reader.get(`${DATA}/deal/${deal.id}`, { expand: 'client' });
    expect(one.body.data.client).toMatchObject({ id: client.id, name: 'Orchard Trading' });
    expectNoHidden(one.body.data.client);
    const list = await reader.get(`${DATA}/deal`, { expand: 'client' });
    expectNoHidden((list.body.data as Json[])[0]!.client as Json);
  });

  it('in the answers to creates and updates', async () => {
    const created = await writer.post(`${DATA}/client`, { name: 'Written blind', internal_notes: 'written, not read' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectNoHidden(created.body.data);
    const batch = await writer.post(`${DATA}/client`, [{ name: 'Batch 1' }, { name: 'Batch 2', internal_notes: 'x' }]);
    for (const r of batch.body.data) expectNoHidden(r);
    const updated = await writer.patch(`${DATA}/client/${created.body.data.id}`, {
      internal_notes: 'again',
      version: 1,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expectNoHidden(updated.body.data);
    const stale = await writer.patch(`${DATA}/client/${client.id}`, { name: 'Stale', version: 99 });
    expect(stale.status).toBe(409);
    expectNoHidden(stale.body.error.current);
    const dealMade = await writer.post(`${DATA}/deal`, { title: 'Margin blind', margin: 5 });
    expect(dealMade.body.data).not.toHaveProperty('margin');
  });

  it('in the record history', async () => {
    const res = await reader.get(`${DATA}/client/${client.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('kumquat');
    expect(text).not.toContain('75000');
    for (const entry of res.body.data as Json[]) expectNoHidden((entry.changes ?? {}) as Json);
  });
});

describe('hidden fields cannot be probed', () => {
  it('filtering on one answers 400 field_not_readable, wherever it hides in the filter', async () => {
    for (const filter of [
      { credit_limit: { $gt: 1000 } },
      { internal_notes: { $contains: 'kumquat' } },
      { $or: [{ name: 'x' }, { credit_limit: 75000 }] },
      { $not: { internal_notes: { $null: true } } },
    ]) {
      expectNotReadable(await reader.get(`${DATA}/client`, { filter: JSON.stringify(filter) }));
    }
    // Through a reference too.
    expectNotReadable(
      await reader.get(`${DATA}/deal`, { filter: JSON.stringify({ 'client.credit_limit': { $gt: 0 } }) }),
    );
    expectNotReadable(await reader.get(`${DATA}/deal`, { filter: JSON.stringify({ margin: { $lt: 400 } }) }));
  });

  it('sorting on one answers 400', async () => {
    expectNotReadable(await reader.get(`${DATA}/client`, { sort: 'credit_limit' }), 'sort');
    expectNotReadable(await reader.get(`${DATA}/client`, { sort: '-credit_limit' }), 'sort');
    expectNotReadable(await reader.get(`${DATA}/deal`, { sort: 'margin' }), 'sort');
  });

  it('sorting on a field the role reads on every record it may read works', async () => {
    const res = await manager.get(`${DATA}/client`, { sort: 'credit_limit' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('asking for one in `fields` answers 400', async () => {
    expectNotReadable(await reader.get(`${DATA}/client`, { fields: 'name,credit_limit' }), 'fields');
    expectNotReadable(await reader.get(`${DATA}/client`, { fields: 'internal_notes' }), 'fields');
    const ok = await reader.get(`${DATA}/client`, { fields: 'name' });
    expect(ok.status).toBe(200);
    expectNoHidden(ok.body.data[0]);
  });

  it('a search does not match on its value', async () => {
    const admin = await request(t.app).get(`${DATA}/client`).query({ q: 'kumquat' });
    expect(admin.body.data.map((r: Json) => r.id)).toEqual([client.id]);
    for (const q of ['kumquat', 'kumquat strategy', 'disclose']) {
      const res = await reader.get(`${DATA}/client`, { q, count: true });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.meta.total).toBe(0);
    }
    // The visible searchable field is still searched.
    expect((await reader.get(`${DATA}/client`, { q: 'Orchard' })).body.data).toHaveLength(1);
  });
});

describe('exports', () => {
  it('hold no hidden value, in CSV or JSON', async () => {
    const csv = await reader.get(`${DATA}/client/export`);
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toContain('Orchard Trading');
    for (const secret of ['kumquat', '75000', 'FR-SECRET-42']) expect(csv.text).not.toContain(secret);
    const json = await reader.get(`${DATA}/client/export`, { format: 'json' });
    expect(json.status).toBe(200);
    const rows = JSON.parse(json.text) as Json[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expectNoHidden(row);
    expectNotReadable(await reader.get(`${DATA}/client/export`, { fields: 'name,credit_limit' }), 'fields');
    expectNotReadable(await reader.get(`${DATA}/client/export`, { filter: JSON.stringify({ credit_limit: 75000 }) }));
  });

  it('need the export action', async () => {
    const res = await reader.get(`${DATA}/deal/export`);
    expect(res.status).toBe(403);
    expectErrorShape(res.body);
  });
});

describe('sensitive fields', () => {
  it('are masked in lists, shown in a single read, and that read is audited', async () => {
    const list = await reader.get(`${DATA}/client`, { filter: JSON.stringify({ id: client.id }) });
    expect(list.body.data[0].vat_number).toBe('********');
    const one = await reader.get(`${DATA}/client/${client.id}`);
    expect(one.body.data.vat_number).toBe('FR-SECRET-42');
    const trail = await t.engine.db('sys_audit').where({ action: 'read_sensitive', record_id: client.id });
    expect(trail.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(trail)).not.toContain('FR-SECRET-42');
  });
});
