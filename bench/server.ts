import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createConfig } from '../engine/src/config.ts';
import { Engine } from '../engine/src/engine.ts';
import { createBaselineApp } from './baseline-app.ts';

/**
 * One server under test, in a process of its own so that the load generator never shares its
 * event loop: `engine` (the OpsFlux engine's app, which requires credentials on every data
 * request) or `baseline` (bare Express + pg, no authentication).
 * Started by servers.ts with `fork`; reports `{ port }` over IPC and exits when the parent goes.
 */

export type Side = 'engine' | 'baseline';

export interface ServerOptions {
  side: Side;
  databaseUrl: string;
  pool: number;
  logLevel: string;
}

async function start(opts: ServerOptions): Promise<{ server: http.Server; close: () => Promise<void> }> {
  if (opts.side === 'engine') {
    const engine = await Engine.create(
      createConfig({
        DATABASE_URL: opts.databaseUrl,
        LOG_LEVEL: opts.logLevel,
        NODE_ENV: 'production',
        DATABASE_POOL_MAX: String(opts.pool),
        // Production mode demands a key for secrets at rest; the bench stores none that outlive it.
        SECRET_KEY: randomBytes(32).toString('hex'),
        // The sign-in benchmark signs in a few hundred times a minute from 127.0.0.1.
        LOGIN_PER_IP_PER_MINUTE: '100000',
      }),
    );
    return { server: http.createServer(engine.app()), close: () => engine.close() };
  }
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.pool });
  pool.on('error', (e) => console.error('[baseline] idle client error:', e.message));
  return { server: http.createServer(createBaselineApp(pool)), close: () => pool.end() };
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as ServerOptions;
  const { server, close } = await start(opts);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // the parent decides when we stop
  process.send!({ type: 'ready', port: (server.address() as AddressInfo).port, pid: process.pid });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
