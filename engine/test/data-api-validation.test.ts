import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, make, rowCount, startLab, type Json, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
});
afterAll(() => t?.close());

type Detail = { path: string; code: string; message: string };

/** Posts one sample and expects a 422 whose only detail is on `path` with `code`, naming `label`. */
async function expectInvalid(body: Json, path: string, code: string, label?: string): Promise<Detail> {
  const res = await c.create('sample', { title: 'v', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('validation_failed');
  const details = res.body.error.details as Detail[];
  expect(details, JSON.stringify(details)).toEqual([expect.objectContaining({ path, code })]);
  if (label) expect(details[0]!.message).toContain(`"${label}"`);
  return details[0]!;
}

describe('one detail per problem, naming the field', () => {
  it.each([
    ['wrong type: string', { title: 5 }, 'title', 'type', 'Title'],
    ['wrong type: integer', { quantity: '5' }, 'quantity', 'type', 'Quantity'],
    ['wrong type: fraction for integer', { quantity: 1.5 }, 'quantity', 'type', 'Quantity'],
    ['wrong type: decimal', { weight: '1.5' }, 'weight', 'type', 'Weight'],
    ['wrong type: boolean', { active: 'true' }, 'active', 'type', 'Active'],
    ['wrong type: references', { tags: 'x' }, 'tags', 'type', 'Tags'],
    ['wrong type: geopoint', { location: [1, 2] }, 'location', 'type', 'Location'],
    ['too long', { title: 'x'.repeat(81) }, 'title', 'max_length', 'Title'],
    ['pattern', { code: 'ab-123' }, 'code', 'pattern', 'Code'],
    ['enum', { status: 'lost' }, 'status', 'enum', 'Status'],
    ['over max', { quantity: 1001 }, 'quantity', 'range', 'Quantity'],
    ['under min', { quantity: -1 }, 'quantity', 'range', 'Quantity'],
    ['decimal over its precision', { weight: 100000 }, 'weight', 'range', 'Weight'],
    ['date format', { collected_on: '2026-02-30' }, 'collected_on', 'format', 'Collected on'],
    ['date year 0', { collected_on: '0000-01-01' }, 'collected_on', 'pattern', 'Collected on'],
    ['datetime without time', { measured_at: '2026-01-05' }, 'measured_at', 'format', 'Measured at'],
    ['time out of range', { start_time: '24:00' }, 'start_time', 'pattern', 'Start time'],
    ['email', { contact_email: 'nope' }, 'contact_email', 'format', 'Contact e-mail'],
    ['phone', { phone: 'call me' }, 'phone', 'pattern', 'Phone'],
    ['url scheme', { link: 'ftp://files.example' }, 'link', 'pattern', 'Link'],
    ['uuid', { site: 'abc' }, 'site', 'format', 'Site'],
    ['geopoint range', { location: { latitude: 91, longitude: 0 } }, 'location.latitude', 'range', 'Location'],
    ['NUL character', { title: 'a\u0000b' }, 'title', 'invalid_character', 'Title'],
    ['empty external id', { external_id: '' }, 'external_id', 'min_length', undefined],
    ['long external id', { external_id: 'e'.repeat(256) }, 'external_id', 'max_length', undefined],
  ])('%s', async (_name, body, path, code, label) => {
    await expectInvalid(body as Json, path, code, label);
  });

  it('reports a required field missing, and an empty string as missing', async () => {
    for (const body of [{}, { title: '' }, { title: null }]) {
      const res = await c.create('sample', body);
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'title' })]);
      expect(res.body.error.details[0].message).toContain('"Title"');
    }
  });

  it('reports each bad field of one payload, and writes nothing', async () => {
    const before = await rowCount(t, 'sample');
    const res = await c.create('sample', { quantity: 5000, status: 'x', active: 1, bogus: true });
    expect(res.status).toBe(422);
    const paths = (res.body.error.details as Detail[]).map((d) => d.path).sort();
    expect(paths).toEqual(['active', 'bogus', 'quantity', 'status', 'title']);
    expect(await rowCount(t, 'sample')).toBe(before);
  });

  it('gives one entry per field when a value breaks two limits', async () => {
    await expectInvalid({ code: 'ABCDEFG' }, 'code', 'max_length', 'Code');
  });

  it('names the nested path of an unknown key inside a structured value', async () => {
    await expectInvalid({ location: { latitude: 1, longitude: 2, z: 3 } }, 'location.z', 'unknown_field');
  });
});

describe('keys that are not fields', () => {
  it('refuses unknown fields, __proto__ and constructor sent as raw JSON', async () => {
    const before = await rowCount(t, 'sample');
    const res = await request(t.app)
      .post(`${BASE}/sample`)
      .set('content-type', 'application/json')
      .send('{"title":"proto","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"nope":1}');
    expect(res.status).toBe(422);
    expectErrorShape(res.body);
    const details = res.body.error.details as Detail[];
    expect(details.map((d) => d.path).sort()).toEqual(['__proto__', 'constructor', 'nope']);
    expect(details.every((d) => d.code === 'unknown_field')).toBe(true);
    expect(await rowCount(t, 'sample')).toBe(before);
    expect(({} as Json).admin).toBeUndefined();
  });

  it('refuses __proto__ in a PATCH and in a batch', async () => {
    const r = await make(c, 'sample', { title: 'proto patch' });
    const patch = await request(t.app)
      .patch(`${BASE}/sample/${r.id}`)
      .set('content-type', 'application/json')
      .send('{"version":1,"__proto__":{"title":"hijack"}}');
    expect(patch.status).toBe(422);
    expect(patch.body.error.details[0].path).toBe('__proto__');
    const batch = await request(t.app)
      .post(`${BASE}/sample`)
      .set('content-type', 'application/json')
      .send('[{"title":"a"},{"title":"b","__proto__":{"x":1}}]');
    expect(batch.status).toBe(422);
    expect(batch.body.error.details[0].path).toBe('[1].__proto__');
  });

  it('marks engine-filled fields read-only: computed, sequence and system columns', async () => {
    const res = await c.create('sample', { title: 'ro', display: 'x', number: 'SMP-1', id: randomUUID(), version: 3 });
    expect(res.status).toBe(422);
    const details = res.body.error.details as Detail[];
    expect(details.find((d) => d.path === 'display')).toMatchObject({ code: 'read_only' });
    expect(details.find((d) => d.path === 'number')).toMatchObject({ code: 'read_only' });
    expect(details.find((d) => d.path === 'id')).toMatchObject({ code: 'unknown_field' });
    expect(details.find((d) => d.path === 'version')).toBeUndefined();
  });

  it("stamps a company-scoped record with the writer's company, and refuses company_id in a payload", async () => {
    const company = randomUUID();
    const s = await make(c, 'site', { name: 'Scoped' });
    expect(s.company_id).toBe(t.companyId);
    const bad = await c.create('site', { name: 'Scoped 2', company_id: company });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'company_id', code: 'unknown_field' });
    const moved = await c.patch('site', s.id as string, { version: s.version, company_id: company });
    expect(moved.status).toBe(422);
    const sample = await c.create('sample', { title: 'x', company_id: company });
    expect(sample.status).toBe(422);
    expect(sample.body.error.details[0]).toMatchObject({ path: 'company_id', code: 'unknown_field' });
  });
});

describe('computed, sensitive and rules', () => {
  it('computes computed fields on create and update', async () => {
    const r = await make(c, 'sample', { title: 'Calc', status: 'active' });
    expect(r).toMatchObject({ display: 'Calc [active]', has_backup: false });
    const u = await c.patch('sample', r.id as string, { status: 'draft', version: 1 });
    expect(u.body.data.display).toBe('Calc [draft]');
  });

  it('masks sensitive values in lists but returns them to the writer and on read', async () => {
    const r = await make(c, 'sample', { title: 'Sensitive one', secret: 's3cr3t' });
    expect(r.secret).toBe('s3cr3t');
    const list = await c.filter('sample', { id: r.id });
    expect(list.body.data[0].secret).toBe('********');
    const empty = await make(c, 'sample', { title: 'Sensitive none' });
    expect((await c.filter('sample', { id: empty.id })).body.data[0].secret).toBeNull();
  });

  it('checks cross-field rules on create and on the merged record of an update', async () => {
    const created = await c.create('sample', { title: 'Rule', status: 'done' }).set('accept-language', 'en');
    expect(created.status).toBe(422);
    expect(created.body.error.details).toEqual([
      { path: 'collected_on', code: 'rule.done_needs_date', message: 'A done sample needs its collection date.' },
    ]);
    const r = await make(c, 'sample', { title: 'Rule', collected_on: '2026-03-01' });
    expect((await c.patch('sample', r.id as string, { status: 'done', version: 1 })).status).toBe(200);
    const clearing = await c
      .patch('sample', r.id as string, { collected_on: null, version: 2 })
      .set('accept-language', 'en');
    expect(clearing.status).toBe(422);
    expect(clearing.body.error.details[0].code).toBe('rule.done_needs_date');
  });

  it('translates rule messages to the Accept-Language, English when not available', async () => {
    const send = (lang: string) => c.create('sample', { title: 'Lang', status: 'done' }).set('accept-language', lang);
    expect((await send('fr')).body.error.details[0].message).toBe(
      'Un échantillon terminé doit avoir sa date de collecte.',
    );
    expect((await send('fr-CA,fr;q=0.9')).body.error.details[0].message).toMatch(/^Un échantillon/);
    expect((await send('es')).body.error.details[0].message).toBe('A done sample needs its collection date.');
    expect((await send('de')).body.error.details[0].message).toBe('A done sample needs its collection date.');
  });

  it('answers in English when the request has no Accept-Language', async () => {
    const res = await c.create('sample', { title: 'Lang', status: 'done' });
    expect(res.body.error.details[0].message).toBe('A done sample needs its collection date.');
  });
});

describe('values the validator accepts but PostgreSQL refuses', () => {
  it.each([
    ['decimal rounding over its precision', { weight: 99999.999 }, 'weight'],
    ['datetime offset over 15:59', { measured_at: '2026-01-05T10:00:00+20:00' }, 'measured_at'],
    ['urn:uuid: reference', { site: 'urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' }, 'site'],
  ])('%s is a 422 naming the field', async (_name, body, path) => {
    const res = await c.create('sample', { title: 'pg', ...body });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe(path);
  });

  it('never answers 500 to them, and writes nothing', async () => {
    const before = await rowCount(t, 'sample');
    for (const body of [
      { weight: 99999.999 },
      { measured_at: '2026-01-05T10:00:00+20:00' },
      { site: 'urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' },
    ]) {
      const res = await c.create('sample', { title: 'pg', ...body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectErrorShape(res.body);
    }
    expect(await rowCount(t, 'sample')).toBe(before);
  });
});
