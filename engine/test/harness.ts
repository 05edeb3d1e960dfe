import { randomBytes } from 'node:crypto';
import path from 'node:path';
import knexFactory from 'knex';
import { applyBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { createConfig } from '../src/config.ts';
import { Engine } from '../src/engine.ts';
import type { Logger } from '../src/logger.ts';
import { openSession } from '../src/auth/sessions.ts';
import { createUser, type NewUser } from '../src/identity/users.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The PostgreSQL server tests use; each test file gets its own database on it. */
export const TEST_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REPO = path.resolve(import.meta.dirname, '../..');
export const TIERS = path.join(REPO, 'definitions/bundles/tiers');
export const CORE = path.join(REPO, 'definitions/bundles/core');
export const TEST_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestEngine {
  engine: Engine;
  /** The app acting as an administrator unless the request brings its own credentials. */
  app: Handler;
  /** The app with no default credentials, for authentication and permission tests. */
  rawApp: Handler;
  /** Bearer token of the administrator `app` acts as. */
  adminToken: string;
  adminId: string;
  /** The company the administrator works in: records it creates belong to it. */
  companyId: string;
  databaseUrl: string;
  /** Creates a user and signs them in: a bearer token for `rawApp`. */
  userWithToken(
    user: Partial<NewUser> & { memberships?: NewUser['memberships'] },
  ): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

const ANONYMOUS = 'x-test-anonymous';

/** Injects the administrator's token into requests that bring no credentials of their own. */
export function asAdmin(app: Handler, token: string): Handler {
  return (req, res) => {
    const h = req.headers;
    if (!h.authorization && !h.cookie && !h['x-api-key'] && !h[ANONYMOUS]) h.authorization = `Bearer ${token}`;
    app(req, res);
  };
}

let userSeq = 0;

/** A user straight into the database, signed in: tests start from a known principal. */
export async function signedInUser(
  engine: Engine,
  user: Partial<NewUser> = {},
): Promise<{ id: string; token: string }> {
  const n = ++userSeq;
  const created = await createUser(
    engine.db,
    engine.config.auth,
    {
      email: user.email ?? `user${n}.${randomBytes(3).toString('hex')}@test.example`,
      firstName: user.firstName ?? 'Test',
      lastName: user.lastName ?? `User${n}`,
      ...user,
    },
    { id: null, name: 'test harness' },
  );
  const session = await openSession(
    engine.db,
    engine.auth,
    {
      userId: created.id,
      companyId: user.memberships?.[0]?.companyId ?? null,
      mfa: false,
      pending: null,
      method: 'test',
    },
    { ip: '127.0.0.1', userAgent: 'test-harness' },
  );
  return { id: created.id, token: session.accessToken };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh database, boots an engine on it and applies `bundles` (folders). */
export async function createTestEngine(
  bundles: string[] = [],
  env: Record<string, string> = {},
  opts: { log?: Logger } = {},
): Promise<TestEngine> {
  const name = `opsflux_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: TEST_SERVER, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(TEST_SERVER, name);
  const engine = await Engine.create(
    createConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      DATABASE_POOL_MAX: '10',
      DATA_DIR: 'memory://',
      REDIS_URL: TEST_REDIS,
      ...env,
    }),
    { redisPrefix: `opsflux:${name}`, ...(opts.log && { log: opts.log }) },
  );
  await applyBundles(engine, bundles);
  const [company] = await engine.db('sys_companies').insert({ code: 'HQ', legal_name: 'Head Office' }).returning('id');
  const root = await signedInUser(engine, {
    systemRoles: ['admin'],
    firstName: 'Ada',
    lastName: 'Admin',
    memberships: [{ companyId: company.id, roles: [] }],
  });
  const rawApp = engine.app();
  return {
    engine,
    app: asAdmin(rawApp, root.token),
    rawApp,
    adminToken: root.token,
    adminId: root.id,
    companyId: company.id,
    databaseUrl,
    userWithToken: (user) => signedInUser(engine, user),
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
