import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { createConfig } from '../engine/src/config.ts';
import { Engine } from '../engine/src/engine.ts';
import { notify } from '../engine/src/notify/notify.ts';
import { signedInUser } from '../engine/test/harness.ts';

/**
 * One side of the notification fan-out benchmark, in a process of its own (forked by
 * notify-fanout.ts): `engine`, a real engine listening with its socket server and its
 * in-process job worker, whose users sign in with bearer tokens; or `baseline`, a bare
 * socket.io server on the same version that emits the same payload to the same rooms.
 * Messages: parent → `{ type: 'fire', round }`; child → `{ type: 'ready', port, credentials }`,
 * `{ type: 'fired', ms }` (the engine: how long notify() and its commit took).
 */

export type FanoutSide = 'engine' | 'baseline';

export interface FanoutServerOptions {
  side: FanoutSide;
  databaseUrl: string;
  sockets: number;
  logLevel: string;
}

/** What each client presents: a bearer token (engine) or its room name (baseline). */
type Credentials = string[];

interface Side {
  server: http.Server;
  credentials: Credentials;
  fire(round: number): Promise<number>;
  close(): Promise<void>;
}

const title = (round: number) => `Fan-out round ${round}`;

async function engineSide(opts: FanoutServerOptions): Promise<Side> {
  const engine = await Engine.create(
    createConfig({
      DATABASE_URL: opts.databaseUrl,
      LOG_LEVEL: opts.logLevel,
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
      PUBLIC_URL: 'http://127.0.0.1',
      // No Redis: pushes go from the in-process worker to this process's sockets.
      WORKER: 'inline',
    }),
  );
  const users: { id: string; token: string }[] = [];
  for (let i = 0; i < opts.sockets; i += 25) {
    const batch = Array.from({ length: Math.min(25, opts.sockets - i) }, (_, j) =>
      signedInUser(engine, { email: `fanout${i + j}@bench.example.com`, firstName: 'Fan', lastName: `Out${i + j}` }),
    );
    users.push(...(await Promise.all(batch)));
  }
  const server = await engine.listen(0, '127.0.0.1');
  await engine.jobs.start();
  const userIds = users.map((u) => u.id);
  return {
    server,
    credentials: users.map((u) => u.token),
    async fire(round) {
      const t = performance.now();
      await engine.db.transaction((trx) =>
        notify(trx, engine.clock.now(), {
          userIds,
          title: title(round),
          message: 'A record you follow changed state.',
          category: 'bench.fanout',
          priority: 2,
          link: '/bench/records/1',
          key: `bench:${round}`,
        }),
      );
      return performance.now() - t;
    },
    async close() {
      server.closeAllConnections();
      await engine.close();
    },
  };
}

async function baselineSide(opts: FanoutServerOptions): Promise<Side> {
  const server = http.createServer();
  const io = new IoServer(server, { path: '/socket.io', serveClient: false });
  io.on('connection', (socket) => {
    void socket.join(`user:${String(socket.handshake.auth.token)}`);
    socket.emit('unread', { count: 0 });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const rooms = Array.from({ length: opts.sockets }, (_, i) => `u${i}`);
  return {
    server,
    credentials: rooms,
    async fire(round) {
      const now = new Date().toISOString();
      // The engine's payload, one per user: the same bytes on the wire.
      rooms.forEach((r, i) => {
        io.to(`user:${r}`).emit('notification', {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          title: title(round),
          message: 'A record you follow changed state.',
          category: 'bench.fanout',
          priority: 2,
          link: '/bench/records/1',
          actions: [],
          source: null,
          read: false,
          readAt: null,
          createdAt: now,
        });
      });
      rooms.forEach((r) => io.to(`user:${r}`).emit('unread', { count: round }));
      return 0;
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as FanoutServerOptions;
  const side = opts.side === 'engine' ? await engineSide(opts) : await baselineSide(opts);
  const stop = () => {
    void side.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // the parent decides when we stop
  process.on('message', (m: { type: string; round: number }) => {
    if (m.type !== 'fire') return;
    side.fire(m.round).then(
      (ms) => process.send!({ type: 'fired', round: m.round, ms }),
      (err: unknown) => process.send!({ type: 'failed', round: m.round, error: String(err) }),
    );
  });
  process.send!({
    type: 'ready',
    port: (side.server.address() as AddressInfo).port,
    credentials: side.credentials,
  });
}

main().catch((e: unknown) => {
  console.error(`[notify-server] failed to start:`, e);
  process.exit(1);
});
