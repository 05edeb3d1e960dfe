import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../src/data/xlsx.ts';
import type { TestEngine } from './harness.ts';
import { createTestEngine } from './harness.ts';
import { expectErrorShape, LAB } from './lab.ts';
import { as, makeUser, SECURE, type Client } from './secure.ts';

// XLSX exports: typed cells, labels in the reader's language, what the caller may see only.

let t: TestEngine;
let reader: Client;
const LAB_DATA = '/api/v1/data/lab/sample';

/** supertest buffers a binary answer with this parser. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function sheetOf(res: request.Response) {
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toContain(XLSX_TYPE);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return { header, rows };
}

beforeAll(async () => {
  t = await createTestEngine([LAB, SECURE]);
  const admin = request(t.app);
  const created = await admin.post(LAB_DATA).send([
    {
      title: 'Xlsx alpha',
      quantity: 7,
      weight: 12.5,
      active: true,
      collected_on: '2026-03-14',
      measured_at: '2026-03-14T09:30:00.000Z',
      status: 'active',
      secret: 'top',
    },
    { title: 'Xlsx beta', quantity: 2, active: false, status: 'draft' },
    { title: '=1+1', quantity: 1, status: 'draft' },
  ]);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  reader = as(t, (await makeUser(t, { memberships: [{ companyId: t.companyId, roles: ['secure.reader'] }] })).token);
  const client = await request(t.app)
    .post('/api/v1/data/secure/client')
    .send({ name: 'Orchard Trading', credit_limit: 75000, internal_notes: 'kumquat strategy' });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
});
afterAll(() => t?.close());

const exportLab = (query: Record<string, string>, lang = 'en') =>
  request(t.app).get(`${LAB_DATA}/export`).set('accept-language', lang).query(query).buffer(true).parse(binary);

describe('XLSX export', () => {
  it('writes typed cells under the fields’ labels, in the chosen order', async () => {
    const res = await exportLab({
      format: 'xlsx',
      fields: 'title,quantity,weight,active,collected_on,measured_at,status,has_backup,secret',
      filter: JSON.stringify({ title: { $startsWith: 'Xlsx' } }),
      sort: 'title',
    });
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="lab\.sample-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const { header, rows } = await sheetOf(res);
    expect(header).toEqual([
      'Id',
      'Title',
      'Quantity',
      'Weight',
      'Active',
      'Collected on',
      'Measured at',
      'Status',
      'Has a backup site',
      'Secret',
    ]);
    expect(rows.map((r) => r.Title)).toEqual(['Xlsx alpha', 'Xlsx beta']);
    const alpha = rows[0]!;
    expect(alpha.Quantity).toBe(7);
    expect(alpha.Weight).toBe(12.5);
    expect(alpha.Active).toBe(true);
    expect(alpha['Collected on']).toBeInstanceOf(Date);
    expect((alpha['Collected on'] as Date).toISOString()).toBe('2026-03-14T00:00:00.000Z');
    expect((alpha['Measured at'] as Date).toISOString()).toBe('2026-03-14T09:30:00.000Z');
    expect(alpha.Status).toBe('active');
    expect(alpha['Has a backup site']).toBe(false);
    // A sensitive value stays masked, as in a list.
    expect(alpha.Secret).toBe('********');
    expect(rows[1]!.Active).toBe(false);
    expect(typeof alpha.Id).toBe('string');
  });

  it('puts headers in the reader’s language and keeps formulas as text', async () => {
    const { header, rows } = await sheetOf(
      await exportLab({ format: 'xlsx', fields: 'title,quantity', filter: JSON.stringify({ quantity: 1 }) }, 'fr'),
    );
    expect(header).toEqual(['Identifiant', 'Titre', 'Quantité']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.Titre).toBe('=1+1');
  });

  it('honours filter, search and sort like a list', async () => {
    const list = await request(t.app)
      .get(LAB_DATA)
      .query({ q: 'Xlsx', sort: '-quantity', limit: 500, fields: 'title' });
    const { rows } = await sheetOf(await exportLab({ format: 'xlsx', q: 'Xlsx', sort: '-quantity', fields: 'title' }));
    expect(rows.map((r) => r.Title)).toEqual(list.body.data.map((r: { title: string }) => r.title));
    expect(rows.map((r) => r.Title)).toEqual(['Xlsx alpha', 'Xlsx beta']);
  });

  it('is chosen by the Accept header when no format is given', async () => {
    const res = await request(t.app)
      .get(`${LAB_DATA}/export`)
      .set('accept', XLSX_TYPE)
      .query({ fields: 'title' })
      .buffer(true)
      .parse(binary);
    const { header } = await sheetOf(res);
    expect(header).toEqual(['Id', 'Title']);
  });

  it('leaves out the columns the caller may not read', async () => {
    const res = await reader.get('/api/v1/data/secure/client/export', { format: 'xlsx' }).buffer(true).parse(binary);
    const { header, rows } = await sheetOf(res);
    expect(header).toContain('Name');
    expect(header).not.toContain('Credit limit');
    expect(header).not.toContain('Internal notes');
    expect(rows.map((r) => r.Name)).toContain('Orchard Trading');
    expect(JSON.stringify(rows)).not.toContain('kumquat');
    expect(JSON.stringify(rows)).not.toContain('75000');
  });

  it('fills the chosen columns for a caller whose grant has a condition', async () => {
    // The company scope is checked on the whole record, before the columns are picked.
    const res = await reader
      .get('/api/v1/data/secure/client/export', { format: 'xlsx', fields: 'name,code' })
      .buffer(true)
      .parse(binary);
    const { header, rows } = await sheetOf(res);
    expect(header).toEqual(['Id', 'Name', 'Code']);
    expect(rows.map((r) => r.Name)).toContain('Orchard Trading');
    const list = await reader.get('/api/v1/data/secure/client', { fields: 'name' });
    expect(list.body.data.map((r: { name?: string }) => r.name)).toContain('Orchard Trading');
  });

  it('refuses a bad format, list paging and a hidden field, with a 400 naming it', async () => {
    const bad = await request(t.app).get(`${LAB_DATA}/export`).query({ format: 'xls' });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'format', code: 'invalid' });
    const paged = await request(t.app).get(`${LAB_DATA}/export`).query({ format: 'xlsx', limit: 5 });
    expect(paged.status).toBe(400);
    const hidden = await reader.get('/api/v1/data/secure/client/export', { format: 'xlsx', fields: 'credit_limit' });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details.map((d: { code: string }) => d.code)).toContain('field_not_readable');
  });

  it('is audited with its format and row count', async () => {
    const trail = await request(t.app).get('/api/v1/audit').query({ action: 'export', entity: 'lab.sample' });
    expect(trail.status).toBe(200);
    expect(trail.body.data.some((e: { changes: { format: string } }) => e.changes.format === 'xlsx')).toBe(true);
  });
});
