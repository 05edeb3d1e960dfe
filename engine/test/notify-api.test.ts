import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../src/auth/sessions.ts';
import { notify, type NotifyInput } from '../src/notify/notify.ts';
import { createTestEngine, type TestEngine } from './harness.ts';

// notify() inside the caller's transaction, each recipient's preferences (mutes, minimum
// priority, do-not-disturb in their time zone, urgent), and the routes a user reads and marks
// their own notifications with.

let t: TestEngine;
let ana: { id: string; token: string };
let ben: { id: string; token: string };

const now = () => t.engine.clock.now();
const send = (n: Partial<NotifyInput> & { userIds: string[] }) =>
  t.engine.db.transaction((trx) =>
    notify(trx, now(), { title: 'Hello', message: 'Something happened', category: 'test.event', priority: 1, ...n }),
  );
/** A fresh bearer token at the clock's current time: the tests move the clock by hours. */
async function tokenOf(userId: string): Promise<string> {
  const s = await openSession(
    t.engine.db,
    t.engine.auth,
    { userId, companyId: null, mfa: false, pending: null, method: 'test' },
    { ip: '127.0.0.1', userAgent: 'test' },
  );
  return s.accessToken;
}
const as = (token: string) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${token}`),
  post: (url: string, body?: object) =>
    request(t.rawApp)
      .post(url)
      .set('authorization', `Bearer ${token}`)
      .send(body ?? {}),
  put: (url: string, body: object) => request(t.rawApp).put(url).set('authorization', `Bearer ${token}`).send(body),
});
const rows = (userId: string) => t.engine.db('sys_notifications').where({ user_id: userId }).orderBy('created_at');
const pushJobs = () => t.engine.db('sys_outbox').where({ topic: 'notify.push' });

beforeAll(async () => {
  t = await createTestEngine();
  ana = await t.userWithToken({ firstName: 'Ana', timeZone: 'Asia/Tokyo' });
  ben = await t.userWithToken({ firstName: 'Ben' });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  t.engine.clock.set(new Date());
  await t.engine.db('sys_notifications').delete();
  await t.engine.db('sys_notification_preferences').delete();
  await t.engine.db('sys_outbox').delete();
});

describe('notify()', () => {
  it('notifies nobody when the change that notifies rolls back', async () => {
    await t.engine.db
      .transaction(async (trx) => {
        await notify(trx, now(), { userIds: [ana.id], title: 'T', message: 'M', category: 'test.event', priority: 1 });
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    expect(await rows(ana.id)).toEqual([]);
    expect(await pushJobs()).toEqual([]);
  });

  it('writes one row per recipient and one push job, after commit', async () => {
    const ids = await send({
      userIds: [ana.id, ben.id, ana.id],
      link: '/tiers/contacts/42',
      actions: [{ id: 'approve', label: 'Approve', method: 'POST', url: '/api/v1/data/x/42/approve', body: { a: 1 } }],
      source: { entity: 'tiers.contact', recordId: '42', automation: 'welcome' },
    });
    expect(ids).toHaveLength(2);
    const [row] = await rows(ana.id);
    expect(row).toMatchObject({
      title: 'Hello',
      category: 'test.event',
      priority: 1,
      link: '/tiers/contacts/42',
      channels: ['in_app'],
      source_entity: 'tiers.contact',
      read_at: null,
      delivered_at: null,
    });
    expect(row.actions[0]).toMatchObject({ id: 'approve', method: 'POST' });
    expect(await pushJobs()).toHaveLength(1);
    await t.engine.jobs.drain();
    expect((await rows(ana.id))[0].delivered_at).not.toBeNull();
  });

  it('notifies a recipient once per event key, however often it is sent', async () => {
    await send({ userIds: [ana.id], key: 'transition:42:approved' });
    const again = await send({ userIds: [ana.id, ben.id], key: 'transition:42:approved' });
    expect(again).toHaveLength(1);
    expect(await rows(ana.id)).toHaveLength(1);
    expect(await rows(ben.id)).toHaveLength(1);
  });

  it('refuses what is not a notification, naming the fields', async () => {
    const err = await send({
      userIds: ['nope'],
      category: 'Bad Category',
      priority: 7 as never,
      link: 'https://evil.example/',
      actions: [{ id: 'x', label: 'X', method: 'POST', url: '//evil.example/' }],
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed' });
    const paths = (err as { details: { path: string }[] }).details.map((d) => d.path);
    expect(paths).toEqual(['userIds', 'category', 'priority', 'link', 'actions.0.url']);
  });

  it('skips users who are not active', async () => {
    await t.engine.db('sys_users').where({ id: ben.id }).update({ status: 'disabled' });
    try {
      await send({ userIds: [ana.id, ben.id] });
      expect(await rows(ben.id)).toEqual([]);
    } finally {
      await t.engine.db('sys_users').where({ id: ben.id }).update({ status: 'active' });
    }
  });
});

describe('preferences', () => {
  it('are the defaults until set, and are checked when set', async () => {
    const got = await as(ana.token).get('/api/v1/notifications/preferences').expect(200);
    expect(got.body).toEqual({
      channels: { '*': ['in_app'] },
      mutedCategories: [],
      minPriority: 0,
      dnd: null,
      timeZone: null,
      digest: { frequency: 'off', hour: 8, weekday: 1 },
    });
    const bad = await as(ana.token)
      .put('/api/v1/notifications/preferences', { minPriority: 5, dnd: { start: '25:00', end: '06:00' } })
      .expect(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['dnd.start', 'minPriority']);
    const zone = await as(ana.token).put('/api/v1/notifications/preferences', { timeZone: 'Mars/Olympus' }).expect(422);
    expect(zone.body.error.details[0]).toMatchObject({ path: 'timeZone', code: 'unknown_time_zone' });
    const empty = await as(ana.token)
      .put('/api/v1/notifications/preferences', { dnd: { start: '22:00', end: '22:00' } })
      .expect(422);
    expect(empty.body.error.details[0]).toMatchObject({ path: 'dnd.end', code: 'empty_window' });
    const extra = await as(ana.token).put('/api/v1/notifications/preferences', { sms: true }).expect(422);
    expect(extra.body.error.details[0]).toMatchObject({ path: 'sms', code: 'unknown_property' });
    const set = await as(ana.token)
      .put('/api/v1/notifications/preferences', { mutedCategories: ['tiers'], minPriority: 2 })
      .expect(200);
    expect(set.body).toMatchObject({ mutedCategories: ['tiers'], minPriority: 2, channels: { '*': ['in_app'] } });
    const again = await as(ana.token).get('/api/v1/notifications/preferences').expect(200);
    expect(again.body).toEqual(set.body);
  });

  it('drop muted categories (and their sub-categories) and what is below the minimum priority', async () => {
    await as(ana.token)
      .put('/api/v1/notifications/preferences', { mutedCategories: ['tiers'], minPriority: 2 })
      .expect(200);
    await send({ userIds: [ana.id], category: 'tiers.contact_created', priority: 2 });
    await send({ userIds: [ana.id], category: 'tiers', priority: 2 });
    await send({ userIds: [ana.id], category: 'projects.task', priority: 1 });
    expect(await rows(ana.id)).toEqual([]);
    await send({ userIds: [ana.id], category: 'projects.task', priority: 2, title: 'kept' });
    // Urgent passes mutes and the minimum.
    await send({ userIds: [ana.id], category: 'tiers.alarm', priority: 3, title: 'urgent' });
    expect((await rows(ana.id)).map((r) => r.title)).toEqual(['kept', 'urgent']);
  });

  it('route by channels per category; no channel at all drops it', async () => {
    await as(ana.token)
      .put('/api/v1/notifications/preferences', { channels: { '*': ['in_app'], 'test.quiet': [] } })
      .expect(200);
    await send({ userIds: [ana.id], category: 'test.quiet' });
    await send({ userIds: [ana.id], category: 'test.quiet', priority: 3, title: 'urgent' });
    expect((await rows(ana.id)).map((r) => [r.title, r.channels])).toEqual([['urgent', ['in_app']]]);
  });

  it('defers delivery during do-not-disturb, across midnight in the user’s time zone', async () => {
    // 22:30 in Tokyo (UTC+9): the window 22:00–07:00 ends at 07:00 Tokyo, 22:00 UTC.
    t.engine.clock.set(new Date('2026-03-10T13:30:00Z'));
    const token = await tokenOf(ana.id);
    await as(token)
      .put('/api/v1/notifications/preferences', { dnd: { start: '22:00', end: '07:00' } })
      .expect(200);
    await send({ userIds: [ana.id], title: 'quiet' });
    await send({ userIds: [ana.id], title: 'urgent', priority: 3 });
    const [quiet, urgent] = await rows(ana.id);
    expect(new Date(quiet.deliver_after).toISOString()).toBe('2026-03-10T22:00:00.000Z');
    expect(new Date(urgent.deliver_after).getTime() - Date.parse('2026-03-10T13:30:00Z')).toBeLessThan(1000);
    await t.engine.jobs.drain();
    expect((await rows(ana.id)).map((r) => r.delivered_at !== null)).toEqual([false, true]);
    // Until the window ends, only the urgent one is listed and counted.
    let list = await as(token).get('/api/v1/notifications').expect(200);
    expect(list.body.data.map((n: { title: string }) => n.title)).toEqual(['urgent']);
    expect(list.body.meta.unread).toBe(1);

    t.engine.clock.set(new Date('2026-03-10T21:59:00Z'));
    await t.engine.jobs.drain();
    expect((await rows(ana.id))[0].delivered_at).toBeNull();
    t.engine.clock.set(new Date('2026-03-10T22:00:00Z'));
    await t.engine.jobs.drain();
    expect((await rows(ana.id))[0].delivered_at).not.toBeNull();
    list = await as(await tokenOf(ana.id))
      .get('/api/v1/notifications')
      .expect(200);
    expect(list.body.data.map((n: { title: string }) => n.title).sort()).toEqual(['quiet', 'urgent']);
  });

  it('take the preferences’ own time zone over the profile’s', async () => {
    // 23:00 in Tokyo but 10:00 in Lagos: Lagos decides, no window.
    t.engine.clock.set(new Date('2026-03-10T09:00:00Z'));
    await as(await tokenOf(ana.id))
      .put('/api/v1/notifications/preferences', {
        dnd: { start: '22:00', end: '07:00' },
        timeZone: 'Africa/Lagos',
      })
      .expect(200);
    await send({ userIds: [ana.id] });
    const deliverAfter = new Date((await rows(ana.id))[0].deliver_after).getTime();
    expect(deliverAfter - Date.parse('2026-03-10T09:00:00Z')).toBeLessThan(1000);
  });

  it('read a profile time zone Intl does not know as UTC rather than refuse the notification', async () => {
    await t.engine.db('sys_users').where({ id: ben.id }).update({ time_zone: 'Nowhere/Atlantis' });
    try {
      t.engine.clock.set(new Date('2026-03-10T23:00:00Z'));
      await as(await tokenOf(ben.id))
        .put('/api/v1/notifications/preferences', { dnd: { start: '22:00', end: '06:00' } })
        .expect(200);
      await send({ userIds: [ben.id] });
      expect(new Date((await rows(ben.id))[0].deliver_after).toISOString()).toBe('2026-03-11T06:00:00.000Z');
    } finally {
      await t.engine.db('sys_users').where({ id: ben.id }).update({ time_zone: 'UTC' });
    }
  });

  it('cannot be changed with a read-only API key', async () => {
    const key = await as(ana.token).post('/api/v1/auth/api-keys', { name: 'reader', scope: 'read' }).expect(201);
    const denied = await request(t.rawApp)
      .put('/api/v1/notifications/preferences')
      .set('x-api-key', key.body.data.key)
      .send({ minPriority: 1 })
      .expect(403);
    expect(denied.body.error.code).toBe('api_key_read_only');
    await request(t.rawApp).get('/api/v1/notifications').set('x-api-key', key.body.data.key).expect(200);
  });
});

describe('the notification routes', () => {
  it('list with filters and cursor paging, newest first', async () => {
    const sentBy: Date[] = [];
    for (let i = 0; i < 7; i++) {
      t.engine.clock.advance(1000);
      await send({
        userIds: [ana.id],
        title: `n${i}`,
        priority: (i % 4) as 0 | 1 | 2 | 3,
        category: i < 4 ? 'tiers.contact' : 'projects.task',
      });
      sentBy.push(now());
    }
    const token = await tokenOf(ana.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await as(token)
        .get(`/api/v1/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.data.map((n: { title: string }) => n.title));
      cursor = page.body.meta.nextCursor;
      expect(page.body.meta.unread).toBe(7);
    } while (cursor);
    expect(seen).toEqual(['n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);

    const titles = async (qs: string) =>
      (await as(token).get(`/api/v1/notifications?${qs}`).expect(200)).body.data.map((n: { title: string }) => n.title);
    expect(await titles('category=tiers')).toEqual(['n3', 'n2', 'n1', 'n0']);
    expect(await titles('category=tiers.contact&priority=2')).toEqual(['n3', 'n2']);
    expect(await titles('priority=3')).toEqual(['n3']);
    // Between n4 (sent by sentBy[4]) and n5 (sent at least a second later on the engine's clock),
    // whatever real time the requests above took.
    const since = new Date(sentBy[4]!.getTime() + 500).toISOString();
    expect(await titles(`since=${encodeURIComponent(since)}`)).toEqual(['n6', 'n5']);

    const bad = await as(token).get('/api/v1/notifications?unread=maybe&priority=9&cursor=zzz&limit=0').expect(400);
    expect(bad.body.error.code).toBe('query_invalid');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'unread',
      'priority',
      'limit',
      'cursor',
    ]);
  });

  it('mark read and unread, one or many, and all at once', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      t.engine.clock.advance(1000);
      ids.push(...(await send({ userIds: [ana.id], title: `n${i}`, category: i ? 'a.b' : 'c' })));
    }
    const token = await tokenOf(ana.id);
    const read = await as(token)
      .post('/api/v1/notifications/read', { ids: [ids[0], ids[1]] })
      .expect(200);
    expect(read.body).toEqual({ updated: 2, unread: 1 });
    expect(
      (await as(token).get('/api/v1/notifications?unread=true').expect(200)).body.data.map(
        (n: { title: string }) => n.title,
      ),
    ).toEqual(['n2']);
    const one = await as(token).get(`/api/v1/notifications/${ids[0]}`).expect(200);
    expect(one.body).toMatchObject({ id: ids[0], read: true, title: 'n0' });
    expect(
      (
        await as(token)
          .post('/api/v1/notifications/unread', { ids: [ids[0]] })
          .expect(200)
      ).body,
    ).toEqual({
      updated: 1,
      unread: 2,
    });
    expect((await as(token).post('/api/v1/notifications/read-all', { category: 'a' }).expect(200)).body).toEqual({
      updated: 1,
      unread: 1,
    });
    expect((await as(token).post('/api/v1/notifications/read-all').expect(200)).body).toEqual({
      updated: 1,
      unread: 0,
    });
    expect((await as(token).get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ count: 0 });
    const bad = await as(token)
      .post('/api/v1/notifications/read', { ids: ['x'] })
      .expect(422);
    expect(bad.body.error.details[0].path).toBe('ids.0');
  });

  it('show nobody another user’s notifications, nor let them mark them', async () => {
    const [mine] = await send({ userIds: [ana.id] });
    const benToken = await tokenOf(ben.id);
    await as(benToken).get(`/api/v1/notifications/${mine}`).expect(404);
    expect((await as(benToken).get('/api/v1/notifications').expect(200)).body.data).toEqual([]);
    const mark = await as(benToken)
      .post('/api/v1/notifications/read', { ids: [mine] })
      .expect(404);
    expect(mark.body.error.details[0]).toMatchObject({ path: 'ids.0', code: 'not_found' });
    await as(benToken).post('/api/v1/notifications/read-all').expect(200);
    expect((await rows(ana.id))[0].read_at).toBeNull();
    await request(t.rawApp).get('/api/v1/notifications').expect(401);
    await request(t.rawApp)
      .post('/api/v1/notifications/read')
      .send({ ids: [mine] })
      .expect(401);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = await request(t.app).get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/v1/notifications'))).toEqual([
      '/api/v1/notifications',
      '/api/v1/notifications/unread-count',
      '/api/v1/notifications/preferences',
      '/api/v1/notifications/read',
      '/api/v1/notifications/unread',
      '/api/v1/notifications/read-all',
      '/api/v1/notifications/{id}',
    ]);
  });
});

describe('retention', () => {
  it('deletes old notifications once a day and plans the next day', async () => {
    await send({ userIds: [ana.id], title: 'old' });
    t.engine.clock.advance(60 * 86_400_000);
    await send({ userIds: [ana.id], title: 'recent' });
    await t.engine.notifications.start();
    await t.engine.notifications.start();
    const planned = await t.engine.db('sys_outbox').where({ topic: 'notify.retention' });
    expect(planned).toHaveLength(1);
    t.engine.clock.advance(31 * 86_400_000);
    await t.engine.jobs.drain();
    expect((await rows(ana.id)).map((r) => r.title)).toEqual(['recent']);
    const next = await t.engine.db('sys_outbox').where({ topic: 'notify.retention', status: 'pending' });
    expect(next).toHaveLength(1);
    expect(new Date(next[0].run_at).getUTCHours()).toBe(3);
    expect(new Date(next[0].run_at).getTime()).toBeGreaterThan(now().getTime());
  });
});
