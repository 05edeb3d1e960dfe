import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';

// A saved filter also keeps the list's visible columns and its quick search.

const DESK = path.join(import.meta.dirname, 'bundles/desk');
const BASE = '/api/v1/me/saved-filters';

let t: TestEngine;
let agent: (r: request.Test) => request.Test;
beforeAll(async () => {
  t = await createTestEngine([DESK]);
  const u = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['desk.agent'] }] });
  agent = (r) => r.set('authorization', `Bearer ${u.token}`);
});
afterAll(() => t?.close());

const post = (body: object) => agent(request(t.rawApp).post(BASE)).send(body);
const patch = (id: string, body: object) => agent(request(t.rawApp).patch(`${BASE}/${id}`)).send(body);

describe('saved filters with columns and search', () => {
  it('keep the columns in order and the search, change and clear them', async () => {
    const created = await post({
      view: 'desk.tickets',
      name: 'Urgent, short',
      filter: { priority: 'high' },
      columns: ['number', 'state', 'title', 'updated_at'],
      q: 'printer',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ columns: ['number', 'state', 'title', 'updated_at'], q: 'printer' });
    const id = created.body.data.id as string;
    const changed = await patch(id, { columns: ['title'], q: null });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data).toMatchObject({ columns: ['title'], q: null, filter: { priority: 'high' } });
    const cleared = await patch(id, { columns: null });
    expect(cleared.body.data.columns).toBeNull();
    const listed = await agent(request(t.rawApp).get(BASE)).query({ view: 'desk.tickets' });
    expect(listed.body.data.find((f: { id: string }) => f.id === id)).toMatchObject({ columns: null, q: null });
  });

  it('are optional: a filter saved without them answers null', async () => {
    const res = await post({ view: 'desk.tickets', name: 'Plain', filter: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ columns: null, q: null });
  });

  it.each([
    [{ columns: ['number', 'nope'] }, 'columns.1', 'unknown_field'],
    [{ columns: ['title', 'title'] }, 'columns', undefined],
    [{ columns: 'title' }, 'columns', undefined],
    [{ columns: [''] }, 'columns.0', undefined],
    [{ q: 'x'.repeat(201) }, 'q', undefined],
    [{ q: 42 }, 'q', undefined],
  ])('refuse %j with a 422 naming %s', async (extra, pathName, code) => {
    const res = await post({ view: 'desk.tickets', name: `Bad ${pathName} ${code}`, filter: {}, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expectErrorShape(res.body);
    const detail = (res.body.error.details as { path: string; code: string }[]).find((d) =>
      d.path.startsWith(pathName),
    );
    expect(detail, JSON.stringify(res.body)).toBeDefined();
    if (code) expect(detail!.code).toBe(code);
  });
});
