import { randomBytes } from 'node:crypto';
import path from 'node:path';
import knexFactory from 'knex';
import { applyBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { createConfig } from '../src/config.ts';
import { Engine } from '../src/engine.ts';

/** The PostgreSQL server tests use; each test file gets its own database on it. */
export const TEST_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REPO = path.resolve(import.meta.dirname, '../..');
export const TIERS = path.join(REPO, 'definitions/bundles/tiers');

export interface TestEngine {
  engine: Engine;
  app: ReturnType<Engine['app']>;
  databaseUrl: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh database, boots an engine on it and applies `bundles` (folders). */
export async function createTestEngine(bundles: string[] = []): Promise<TestEngine> {
  const name = `opsflux_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: TEST_SERVER, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(TEST_SERVER, name);
  const engine = await Engine.create(
    createConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_POOL_MAX: '10' }),
  );
  await applyBundles(engine, bundles);
  return {
    engine,
    app: engine.app(),
    databaseUrl,
    async close() {
      await engine.close();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

export async function applyBundles(
  engine: Engine,
  bundles: string[],
  opts: { allowDestructive?: boolean } = {},
): Promise<void> {
  if (!bundles.length) return;
  const prepared = await prepareBundles(engine.db, bundles);
  const bad = prepared.filter((p) => p.issues.length);
  if (bad.length) throw new Error(`Invalid test bundle: ${JSON.stringify(bad.map((b) => b.issues))}`);
  for (const p of prepared) await applyBundle(engine.db, p.bundle!, opts);
  await engine.reload();
}
