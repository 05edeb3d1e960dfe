import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';

// One view serves everyone: `{"$user": ...}`, `{"$today": n}` and `{"$now": n}` in a filter are
// bound per request to the reader and to the date on the reader's own calendar.

const DESK = path.join(import.meta.dirname, 'bundles/desk');
const TICKETS = '/api/v1/data/desk/ticket';

let t: TestEngine;
let east: { id: string; token: string };
let west: { id: string; token: string };

const as = (token: string) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${token}`),
  post: (url: string, body: object) => request(t.rawApp).post(url).set('authorization', `Bearer ${token}`).send(body),
});
const listed = async (token: string, filter: object) => {
  const res = await as(token).get(`${TICKETS}?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=title`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as { title: string }[]).map((r) => r.title);
};

beforeAll(async () => {
  t = await createTestEngine([DESK]);
  const agent = (timeZone: string) => ({ timeZone, memberships: [{ companyId: t.companyId, roles: ['desk.agent'] }] });
  // Noon UTC on 10 March: already the 11th at UTC+14, still the 10th at UTC-11.
  t.engine.clock.set(new Date('2026-03-10T12:00:00Z'));
  east = await t.userWithToken(agent('Pacific/Kiritimati'));
  west = await t.userWithToken(agent('Pacific/Pago_Pago'));
  for (const [who, title, due] of [
    [east, 'east on the 10th', '2026-03-10'],
    [east, 'east on the 11th', '2026-03-11'],
    [west, 'west on the 9th', '2026-03-09'],
  ] as const) {
    const res = await as(who.token).post(TICKETS, { title, due_on: due });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => t?.close());

describe('filter placeholders', () => {
  it('bind {"$user": "id"} to whoever reads', async () => {
    expect(await listed(east.token, { created_by: { $user: 'id' } })).toEqual(['east on the 10th', 'east on the 11th']);
    expect(await listed(west.token, { created_by: { $user: 'id' } })).toEqual(['west on the 9th']);
  });

  it('read {"$today": n} on the reader’s calendar, in their time zone', async () => {
    expect(await listed(east.token, { due_on: { $today: 0 } })).toEqual(['east on the 11th']);
    expect(await listed(west.token, { due_on: { $today: 0 } })).toEqual(['east on the 10th']);
    expect(await listed(west.token, { due_on: { $lt: { $today: 0 } } })).toEqual(['west on the 9th']);
    expect(await listed(east.token, { due_on: { $gte: { $today: -1 } } })).toEqual([
      'east on the 10th',
      'east on the 11th',
    ]);
  });

  it('follow the engine clock for {"$now": n} hours', async () => {
    expect(await listed(east.token, { created_at: { $lt: { $now: 1 } } })).toHaveLength(3);
    expect(await listed(east.token, { created_at: { $gt: { $now: 1 } } })).toHaveLength(0);
  });

  it('apply inside groups and exports too', async () => {
    const groups = await as(west.token).get(
      `${TICKETS}/groups?by=priority&filter=${encodeURIComponent(JSON.stringify({ created_by: { $user: 'id' } }))}`,
    );
    expect(groups.status, JSON.stringify(groups.body)).toBe(200);
    expect((groups.body.data as { count: number }[]).reduce((n, g) => n + g.count, 0)).toBe(1);
    // The administrator reads in UTC, where it is still the 10th.
    const csv = await request(t.app).get(
      `${TICKETS}/export?filter=${encodeURIComponent(JSON.stringify({ due_on: { $today: 0 } }))}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('east on the 10th');
    expect(csv.text).not.toContain('east on the 11th');
  });

  it('refuse unknown attributes and bad offsets with a 400 naming the place', async () => {
    for (const [filter, place] of [
      [{ created_by: { $user: 'shoe_size' } }, 'filter.created_by'],
      [{ due_on: { $gte: { $today: 1.5 } } }, 'filter.due_on.$gte'],
      [{ due_on: { $today: 'tomorrow' } }, 'filter.due_on'],
      [{ $or: [{ created_at: { $lt: { $now: 10 ** 9 } } }] }, 'filter.$or[0].created_at.$lt'],
    ] as const) {
      const res = await as(east.token).get(`${TICKETS}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('filter_invalid');
      expect(res.body.error.details[0]).toMatchObject({ path: place, code: 'invalid_placeholder' });
    }
  });

  it('may be saved in a filter and bound each time it is read', async () => {
    const saved = await as(east.token).post('/api/v1/me/saved-filters', {
      view: 'desk.tickets',
      name: 'Due today',
      filter: { due_on: { $today: 0 }, created_by: { $user: 'id' } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  });
});
