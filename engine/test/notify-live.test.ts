import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notify } from '../src/notify/notify.ts';
import { createTestEngine, REPO, TEST_REDIS, type TestEngine } from './harness.ts';

// Live notifications over socket.io on a real listening engine: authenticated handshakes,
// Origin checked, one room per user, `notification` and `unread` events, sockets of ended
// sessions disconnected, and pushes from a worker process reaching the API process's sockets
// through Redis.

const APPS = 'http://apps.example.test';
let t: TestEngine;
let server: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestEngine([], { PUBLIC_URL: APPS });
  server = await t.engine.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await t?.close();
});
beforeEach(() => t.engine.clock.set(new Date()));
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

interface Received {
  socket: Socket;
  notifications: { id: string; title: string }[];
  unread: number[];
}

function connect(opts: { token?: string; headers?: Record<string, string> } = {}): Received {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(opts.token && { auth: { token: opts.token } }),
    ...(opts.headers && { extraHeaders: opts.headers }),
  });
  sockets.push(socket);
  const r: Received = { socket, notifications: [], unread: [] };
  socket.on('notification', (n: { id: string; title: string }) => r.notifications.push(n));
  socket.on('unread', (u: { count: number }) => r.unread.push(u.count));
  return r;
}

/** Resolves when connected (and the first unread count came), rejects with the refusal. */
function connected(r: Received): Promise<void> {
  return new Promise((resolve, reject) => {
    r.socket.once('connect_error', reject);
    r.socket.once('connect', () => {
      const check = () => (r.unread.length ? resolve() : setTimeout(check, 10));
      check();
    });
  });
}

const refusal = (r: Received) =>
  connected(r).then(
    () => {
      throw new Error('the connection was accepted');
    },
    (err: Error & { data?: { code: string } }) => err,
  );

const send = (userIds: string[], title: string, priority: 0 | 1 | 2 | 3 = 1) =>
  t.engine.db.transaction((trx) =>
    notify(trx, t.engine.clock.now(), { userIds, title, message: 'm', category: 'test.live', priority }),
  );

describe('the socket handshake', () => {
  it('accepts a bearer token, the session cookie, or an API key, and sends the unread count', async () => {
    const ana = await t.userWithToken({});
    await send([ana.id], 'before');
    const bearer = connect({ token: ana.token });
    await connected(bearer);
    expect(bearer.unread).toEqual([1]);
    const cookie = connect({ headers: { cookie: `opsflux_access=${ana.token}` } });
    await connected(cookie);
    const key = await request(t.rawApp)
      .post('/api/v1/auth/api-keys')
      .set('authorization', `Bearer ${ana.token}`)
      .send({ name: 'live', scope: 'read' })
      .expect(201);
    await connected(connect({ token: key.body.data.key }));
  });

  it('refuses a handshake without credentials, or with bad ones', async () => {
    const none = await refusal(connect());
    expect(none.data?.code).toBe('unauthenticated');
    const bad = await refusal(connect({ token: 'ofa_not-a-token' }));
    expect(bad.data?.code).toBe('unauthenticated');
  });

  it('refuses a browser of another origin, accepts the apps’ origin and the server’s own', async () => {
    const ana = await t.userWithToken({});
    const foreign = await refusal(connect({ token: ana.token, headers: { origin: 'http://evil.example' } }));
    expect(foreign.message).toMatch(/websocket error/);
    // A cookie does not make a foreign page welcome either.
    await refusal(connect({ headers: { origin: 'http://evil.example', cookie: `opsflux_access=${ana.token}` } }));
    await connected(connect({ token: ana.token, headers: { origin: APPS } }));
    await connected(connect({ token: ana.token, headers: { origin: url } }));
    // Long polling is refused the same way.
    const polling = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(polling.status).toBe(403);
  });
});

describe('pushes', () => {
  it('reach each user’s own sockets after commit and the job, with the unread count', async () => {
    const ana = await t.userWithToken({});
    const ben = await t.userWithToken({});
    const anaTabs = [connect({ token: ana.token }), connect({ token: ana.token })];
    const benTab = connect({ token: ben.token });
    await Promise.all([...anaTabs, benTab].map(connected));
    const [id] = await send([ana.id], 'for Ana');
    // Nothing is pushed before the job runs.
    await new Promise((r) => setTimeout(r, 100));
    expect(anaTabs[0]!.notifications).toEqual([]);
    await t.engine.jobs.drain();
    for (const tab of anaTabs) {
      await expect.poll(() => tab.notifications.map((n) => n.title)).toEqual(['for Ana']);
      await expect.poll(() => tab.unread).toEqual([0, 1]);
    }
    expect(anaTabs[0]!.notifications[0]).toMatchObject({ id, category: 'test.live', read: false });
    expect(benTab.notifications).toEqual([]);
    // Marking read tells every tab the new count.
    await request(t.rawApp)
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${ana.token}`)
      .send({ ids: [id] })
      .expect(200);
    await expect.poll(() => anaTabs[1]!.unread).toEqual([0, 1, 0]);
  });

  it('push nothing for a notification rolled back with its change', async () => {
    const ana = await t.userWithToken({});
    const tab = connect({ token: ana.token });
    await connected(tab);
    await t.engine.db
      .transaction(async (trx) => {
        await notify(trx, t.engine.clock.now(), {
          userIds: [ana.id],
          title: 'never',
          message: 'm',
          category: 'test.live',
          priority: 3,
        });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await t.engine.jobs.drain();
    await new Promise((r) => setTimeout(r, 100));
    expect(tab.notifications).toEqual([]);
  });
});

describe('ended sessions', () => {
  it('a signed-out session’s socket is disconnected at the next push, and hears nothing', async () => {
    const ana = await t.userWithToken({});
    const tab = connect({ token: ana.token });
    await connected(tab);
    const closed = new Promise((r) => tab.socket.once('disconnect', r));
    await request(t.rawApp).post('/api/v1/auth/logout').set('authorization', `Bearer ${ana.token}`).expect(204);
    await send([ana.id], 'after sign-out');
    await t.engine.jobs.drain();
    await closed;
    expect(tab.notifications).toEqual([]);
  });

  it('the socket server checks its sockets’ sessions and disconnects those that ended', async () => {
    const ana = await t.userWithToken({});
    const ben = await t.userWithToken({});
    const anaTab = connect({ token: ana.token });
    const benTab = connect({ token: ben.token });
    await Promise.all([connected(anaTab), connected(benTab)]);
    await t.engine.db('sys_sessions').where({ user_id: ana.id }).update({ revoked_at: t.engine.clock.now() });
    expect(await t.engine.notifications.live.sweep()).toBe(1);
    await expect.poll(() => anaTab.socket.connected).toBe(false);
    expect(benTab.socket.connected).toBe(true);
  });
});

describe('a worker process', () => {
  it('pushes through Redis to the sockets the API process holds', async () => {
    const ana = await t.userWithToken({});
    const tab = connect({ token: ana.token });
    await connected(tab);
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO, 'engine/test/fixtures/notify-worker.ts')],
      {
        cwd: REPO,
        env: {
          ...process.env,
          DATABASE_URL: t.databaseUrl,
          REDIS_URL: TEST_REDIS,
          // The harness's prefix for this database: the worker's emitter reaches this engine's adapter.
          TEST_PREFIX: `opsflux:${new URL(t.databaseUrl).pathname.slice(1)}`,
          JOB_POLL_MS: '100',
          PUBLIC_URL: APPS,
        },
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        worker.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('WORKER_READY')) resolve();
        });
        worker.once('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
      });
      await send([ana.id], 'from the worker');
      await expect.poll(() => tab.notifications.map((n) => n.title), { timeout: 15_000 }).toEqual(['from the worker']);
      await expect.poll(() => tab.unread.at(-1)).toBe(1);
      const [row] = await t.engine.db('sys_notifications').where({ user_id: ana.id });
      expect(row.delivered_at).not.toBeNull();
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
  }, 30_000);
});
