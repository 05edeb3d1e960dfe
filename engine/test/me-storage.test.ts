import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';

// What each user keeps for themselves: preferences, bookmarks and saved filters. Only the owner
// changes an item; shared filters reach the owner's company, and only those who may read them.

const DESK = path.join(import.meta.dirname, 'bundles/desk');
const ME = '/api/v1/me';
type Json = Record<string, unknown>;

let t: TestEngine;
let otherCompany: string;
beforeAll(async () => {
  t = await createTestEngine([DESK]);
  const res = await request(t.app).post('/api/v1/admin/companies').send({ code: 'B', legalName: 'Company B' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  otherCompany = res.body.data.id;
});
afterAll(() => t?.close());

function as(token: string) {
  const auth = (r: request.Test) => r.set('authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(request(t.rawApp).get(url)),
    put: (url: string, body: unknown) => auth(request(t.rawApp).put(url)).send(body as object),
    post: (url: string, body: unknown) => auth(request(t.rawApp).post(url)).send(body as object),
    patch: (url: string, body: unknown) => auth(request(t.rawApp).patch(url)).send(body as object),
    delete: (url: string) => auth(request(t.rawApp).delete(url)),
  };
}
async function user(roles: string[], companyId = t.companyId) {
  return as((await t.userWithToken({ memberships: [{ companyId, roles }] })).token);
}

describe('preferences', () => {
  it('start from defaults, are replaced by PUT, and keep the language in the profile', async () => {
    const alice = await user(['desk.agent']);
    const first = await alice.get(`${ME}/preferences`);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({
      sidebarCollapsed: false,
      theme: 'system',
      density: 'comfortable',
      language: 'en',
      views: {},
    });
    const prefs = {
      sidebarCollapsed: true,
      theme: 'dark',
      density: 'compact',
      language: 'fr',
      views: { 'desk.tickets': { columns: ['title', 'state'], widths: { title: 300 }, pageSize: 100 } },
    };
    const put = await alice.put(`${ME}/preferences`, prefs);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data).toEqual(prefs);
    expect((await alice.get(`${ME}/preferences`)).body.data).toEqual(prefs);
    expect((await alice.get('/api/v1/auth/me')).body.data.locale).toBe('fr');
    // PUT replaces: what is left out takes its default again; the language stays the profile's.
    expect((await alice.put(`${ME}/preferences`, { theme: 'light' })).body.data).toEqual({
      sidebarCollapsed: false,
      theme: 'light',
      density: 'comfortable',
      language: 'fr',
      views: {},
    });
    // Another user's preferences are their own.
    const bob = await user(['desk.agent']);
    expect((await bob.get(`${ME}/preferences`)).body.data.theme).toBe('system');
  });

  it('refuse unknown keys, values out of their set and bodies over the cap, naming the place', async () => {
    const alice = await user([]);
    const bad = async (body: unknown) => {
      const res = await alice.put(`${ME}/preferences`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      return res.body.error.details[0];
    };
    expect(await bad({ colour: 'red' })).toMatchObject({ path: 'colour', code: 'unknown_property' });
    expect(await bad({ theme: 'neon' })).toMatchObject({ path: 'theme', code: 'enum' });
    expect(await bad({ views: { 'desk.tickets': { pageSize: 9999 } } })).toMatchObject({
      path: 'views.desk.tickets.pageSize',
    });
    const views = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `desk.v${i}`,
        { columns: Array.from({ length: 20 }, (_, j) => `c_${j}_padding`) },
      ]),
    );
    expect(await bad({ views })).toMatchObject({ path: '(body)', code: 'too_large' });
  });

  it('need a signed-in user', async () => {
    expect((await request(t.rawApp).get(`${ME}/preferences`)).status).toBe(401);
  });
});

describe('bookmarks', () => {
  it('are created, listed in order, reordered, renamed and deleted by their owner only', async () => {
    const alice = await user([]);
    const made: Json[] = [];
    for (const [label, url, folder] of [
      ['Open tickets', '/views/desk.tickets', null],
      ['Urgent', '/views/desk.tickets?filter=%7B%22priority%22%3A%22high%22%7D', 'Daily'],
      ['Teams', '/views/desk.teams', 'Daily'],
    ] as const) {
      const res = await alice.post(`${ME}/bookmarks`, { label, url, ...(folder && { folder }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      made.push(res.body.data);
    }
    expect(made.map((b) => b.position)).toEqual([0, 1, 2]);
    const [a, b, c] = made.map((m) => m.id as string);
    const reordered = await alice.put(`${ME}/bookmarks/order`, { ids: [c, a] });
    expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
    expect(reordered.body.data.map((x: Json) => [x.id, x.position])).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
    ]);
    const renamed = await alice.patch(`${ME}/bookmarks/${a}`, { label: 'Still open', folder: 'Daily' });
    expect(renamed.body.data).toMatchObject({ label: 'Still open', folder: 'Daily' });

    const bob = await user([]);
    expect((await bob.get(`${ME}/bookmarks`)).body.data).toEqual([]);
    expect((await bob.patch(`${ME}/bookmarks/${a}`, { label: 'Mine now' })).status).toBe(404);
    expect((await bob.delete(`${ME}/bookmarks/${a}`)).status).toBe(404);
    expect((await bob.put(`${ME}/bookmarks/order`, { ids: [a] })).status).toBe(404);

    expect((await alice.delete(`${ME}/bookmarks/${a}`)).status).toBe(204);
    expect((await alice.get(`${ME}/bookmarks`)).body.data.map((x: Json) => x.id)).toEqual([c, b]);
  });

  it('take only relative links of the app, and name what is wrong', async () => {
    const alice = await user([]);
    for (const url of ['https://evil.example/x', '//evil.example/x', 'views/x', '/a b']) {
      const res = await alice.post(`${ME}/bookmarks`, { label: 'X', url });
      expect(res.status, url).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({ path: 'url', code: 'pattern' });
    }
    const missing = await alice.post(`${ME}/bookmarks`, { url: '/x' });
    expect(missing.body.error.details[0]).toMatchObject({ path: 'label', code: 'required' });
  });
});

describe('saved filters', () => {
  const high = { view: 'desk.tickets', name: 'High priority', filter: { priority: 'high' } };

  it('are shared with users of the same company who may read the view, and changed by their owner only', async () => {
    const alice = await user(['desk.agent']);
    const bob = await user(['desk.agent']);
    const reader = await user(['desk.team_reader']);
    const stranger = await user(['desk.agent'], otherCompany);

    const shared = await alice.post(`${ME}/saved-filters`, {
      ...high,
      shared: true,
      sort: [{ field: 'due_on', direction: 'asc' }],
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body.data).toMatchObject({
      view: 'desk.tickets',
      name: 'High priority',
      filter: { priority: 'high' },
      sort: [{ field: 'due_on', direction: 'asc' }],
      shared: true,
      mine: true,
      owner: { name: expect.any(String) },
    });
    const id = shared.body.data.id as string;
    const own = await alice.post(`${ME}/saved-filters`, {
      ...high,
      name: 'Mine only',
      filter: { title: { $contains: 'x' } },
    });
    expect(own.status).toBe(201);

    const seenByBob = (await bob.get(`${ME}/saved-filters?view=desk.tickets`)).body.data;
    expect(seenByBob.map((f: Json) => [f.name, f.mine])).toEqual([['High priority', false]]);
    expect((await bob.patch(`${ME}/saved-filters/${id}`, { name: 'Taken' })).status).toBe(403);
    expect((await bob.delete(`${ME}/saved-filters/${id}`)).body.error.code).toBe('not_owner');
    // Not readable (no read on the view's entity), or another company: as if it did not exist.
    expect((await reader.get(`${ME}/saved-filters`)).body.data).toEqual([]);
    expect((await stranger.get(`${ME}/saved-filters`)).body.data).toEqual([]);
    expect((await stranger.patch(`${ME}/saved-filters/${id}`, { name: 'Taken' })).status).toBe(404);

    // The owner unshares it: Bob no longer sees it.
    const unshared = await alice.patch(`${ME}/saved-filters/${id}`, { shared: false, filter: { priority: 'low' } });
    expect(unshared.status, JSON.stringify(unshared.body)).toBe(200);
    expect(unshared.body.data).toMatchObject({ shared: false, filter: { priority: 'low' } });
    expect((await bob.get(`${ME}/saved-filters`)).body.data).toEqual([]);
    expect((await alice.get(`${ME}/saved-filters?view=desk.tickets`)).body.data.map((f: Json) => f.name)).toEqual([
      'High priority',
      'Mine only',
    ]);
    expect((await alice.delete(`${ME}/saved-filters/${id}`)).status).toBe(204);
  });

  it('run as saved: the data API accepts every saved filter', async () => {
    const alice = await user(['desk.agent']);
    const saved = (
      await alice.post(`${ME}/saved-filters`, { ...high, filter: { 'team.name': { $startsWith: 'Ops' } } })
    ).body.data;
    const res = await alice.get(`/api/v1/data/desk/ticket?filter=${encodeURIComponent(JSON.stringify(saved.filter))}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('refuse a bad filter with a 422 naming the field, and other mistakes with their code', async () => {
    const alice = await user(['desk.agent']);
    const post = (body: Json) => alice.post(`${ME}/saved-filters`, body);
    const unknown = await post({ ...high, filter: { colour: 'red' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([
      { path: 'filter.colour', code: 'unknown_field', message: 'desk.ticket has no field "colour"' },
    ]);
    expect((await post({ ...high, filter: { due_on: 'tomorrow' } })).body.error.details[0]).toMatchObject({
      path: 'filter.due_on',
      code: 'invalid_value',
    });
    expect((await post({ ...high, sort: [{ field: 'story', direction: 'asc' }] })).body.error.details[0]).toMatchObject(
      {
        path: 'sort.0.field',
        code: 'not_sortable',
      },
    );
    expect((await post({ ...high, view: 'desk.nope' })).body.error.details[0]).toMatchObject({ path: 'view' });
    expect((await post({ ...high, view: 'desk.nope' })).status).toBe(422);
    expect((await post(high)).status).toBe(201);
    const twice = await post(high);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('name_taken');
    const reader = await user(['desk.team_reader']);
    expect((await reader.post(`${ME}/saved-filters`, high)).status).toBe(403);
    expect((await alice.get(`${ME}/saved-filters?colour=red`)).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the user storage routes', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/v1/me/preferences'])).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/api/v1/me/bookmarks'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/me/bookmarks/order'])).toEqual(['put']);
    expect(Object.keys(doc.paths['/api/v1/me/bookmarks/{id}'])).toEqual(['parameters', 'patch', 'delete']);
    expect(Object.keys(doc.paths['/api/v1/me/saved-filters'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/me/saved-filters/{id}'])).toEqual(['parameters', 'patch', 'delete']);
  });
});
