import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Jobs } from '../src/jobs/jobs.ts';
import { enqueue } from '../src/jobs/outbox.ts';
import { PermanentJobError } from '../src/jobs/job-runner.ts';
import { createLogger } from '../src/logger.ts';
import { createTestEngine, REPO, TEST_REDIS, type TestEngine } from './harness.ts';

// The outbox and its workers against real PostgreSQL and Redis: jobs exist only if their change
// commits, run exactly once for effects written in their transaction, retry with backoff,
// dead-letter, and survive a killed worker and a restarted Redis.

let t: TestEngine;
const silent = createLogger('silent');
let behaviour: (payload: { n: number }, attempt: number) => void = () => undefined;

const effects = async () =>
  (await t.engine.db('test_effects').select('n').count('* as c').groupBy('n').orderBy('n')).map((r) => ({
    n: Number(r.n),
    c: Number(r.c),
  }));
const job = (id: string) => t.engine.db('sys_outbox').where({ id }).first();
const put = (n: number, extra: { key?: string; runAt?: Date; hang?: boolean } = {}) =>
  enqueue(t.engine.db, t.engine.clock.now(), [
    { topic: 'test.effect', payload: { n, hang: extra.hang }, key: extra.key, runAt: extra.runAt },
  ]);

beforeAll(async () => {
  t = await createTestEngine();
  await t.engine.db.schema.createTable('test_effects', (tb) => {
    tb.string('job_id').notNullable();
    tb.integer('n').notNullable();
  });
  t.engine.jobs.register('test.effect', {
    async handle(payload: { n: number }, ctx) {
      await ctx.trx!('test_effects').insert({ job_id: ctx.job.id, n: payload.n });
      behaviour(payload, ctx.job.attempt);
    },
  });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  behaviour = () => undefined;
  // Tests move the clock by hours; sessions would expire.
  t.engine.clock.set(new Date());
  await t.engine.db('test_effects').delete();
  await t.engine.db('sys_outbox').delete();
});

describe('the outbox', () => {
  it('holds a job only when the change that wrote it commits', async () => {
    await t.engine.db
      .transaction(async (trx) => {
        await enqueue(trx, t.engine.clock.now(), [{ topic: 'test.effect', payload: { n: 1 } }]);
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    await t.engine.db.transaction((trx) =>
      enqueue(trx, t.engine.clock.now(), [{ topic: 'test.effect', payload: { n: 2 } }]),
    );
    const rows = await t.engine.db('sys_outbox').select('payload', 'queue', 'status');
    expect(rows).toEqual([{ payload: { n: 2 }, queue: 'test', status: 'pending' }]);
  });

  it('writes a keyed job once, however often it is planned', async () => {
    await put(1, { key: 'reminder:x' });
    await put(1, { key: 'reminder:x' });
    await put(1, { key: 'reminder:y' });
    expect(await t.engine.db('sys_outbox').count('* as n').first()).toEqual({ n: 2 });
  });

  it('runs a job once, marks it done, and waits for jobs planned later', async () => {
    await put(1);
    await put(2, { runAt: new Date(t.engine.clock.now().getTime() + 3_600_000) });
    expect(await t.engine.jobs.drain()).toBe(1);
    expect(await t.engine.jobs.drain()).toBe(0);
    expect(await effects()).toEqual([{ n: 1, c: 1 }]);
    t.engine.clock.advance(3_600_000);
    expect(await t.engine.jobs.drain()).toBe(1);
    expect(await effects()).toEqual([
      { n: 1, c: 1 },
      { n: 2, c: 1 },
    ]);
    const done = await t.engine.db('sys_outbox').where({ status: 'done' }).count('* as n').first();
    expect(done).toEqual({ n: 2 });
  });

  it('rolls back the effect of a failed attempt and retries with a doubling delay', async () => {
    behaviour = (_p, attempt) => {
      if (attempt < 3) throw new Error(`flaky ${attempt}`);
    };
    await put(7);
    const [{ id }] = await t.engine.db('sys_outbox').select('id');
    await t.engine.jobs.drain();
    let row = await job(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'flaky 1' });
    const firstDelay = new Date(row.run_at).getTime() - t.engine.clock.now().getTime();
    expect(firstDelay).toBeGreaterThan(25_000);
    expect(firstDelay).toBeLessThanOrEqual(30_000);
    expect(await t.engine.jobs.drain()).toBe(0);
    t.engine.clock.advance(30_000);
    await t.engine.jobs.drain();
    row = await job(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'flaky 2' });
    const secondDelay = new Date(row.run_at).getTime() - t.engine.clock.now().getTime();
    expect(secondDelay).toBeGreaterThan(55_000);
    t.engine.clock.advance(60_000);
    await t.engine.jobs.drain();
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 3, last_error: null });
    // The two failed attempts left nothing behind.
    expect(await effects()).toEqual([{ n: 7, c: 1 }]);
  });

  it('dead-letters a job after its last attempt, or at once for a permanent error', async () => {
    behaviour = () => {
      throw new Error('always');
    };
    await put(1);
    for (let i = 0; i < 4; i++) {
      await t.engine.jobs.drain();
      t.engine.clock.advance(10 * 60_000);
    }
    expect(await t.engine.db('sys_outbox').first('status', 'attempts', 'last_error')).toEqual({
      status: 'dead',
      attempts: 4,
      last_error: 'always',
    });
    await t.engine.db('sys_outbox').delete();
    behaviour = () => {
      throw new PermanentJobError('the record is gone');
    };
    await put(2);
    await t.engine.jobs.drain();
    expect(await t.engine.db('sys_outbox').first('status', 'attempts')).toEqual({ status: 'dead', attempts: 1 });
  });
});

describe('job administration', () => {
  it('lists counts and dead jobs, replays a dead job and cancels a waiting one', async () => {
    behaviour = () => {
      throw new PermanentJobError('bad payload');
    };
    await put(1);
    await put(2, { runAt: new Date(t.engine.clock.now().getTime() + 3_600_000) });
    await t.engine.jobs.drain();
    const counts = await request(t.app).get('/api/v1/admin/jobs').expect(200);
    expect(counts.body.outbox.test).toEqual({ dead: 1, pending: 1 });
    const dead = await request(t.app).get('/api/v1/admin/jobs/list?status=dead').expect(200);
    expect(dead.body.data).toHaveLength(1);
    expect(dead.body.data[0]).toMatchObject({ topic: 'test.effect', lastError: 'bad payload', payload: { n: 1 } });
    const deadId = dead.body.data[0].id;
    behaviour = () => undefined;
    await request(t.app).post(`/api/v1/admin/jobs/${deadId}/retry`).expect(200);
    await t.engine.jobs.drain();
    expect(await job(deadId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await effects()).toEqual([{ n: 1, c: 1 }]);
    const retryDone = await request(t.app).post(`/api/v1/admin/jobs/${deadId}/retry`).expect(409);
    expect(retryDone.body.error.code).toBe('job_not_retryable');

    const waiting = await request(t.app).get('/api/v1/admin/jobs/list?status=pending').expect(200);
    await request(t.app).post(`/api/v1/admin/jobs/${waiting.body.data[0].id}/cancel`).expect(200);
    t.engine.clock.advance(3_600_000);
    expect(await t.engine.jobs.drain()).toBe(0);
    const audit = await t.engine.db('sys_audit').whereIn('action', ['job.retry', 'job.cancel']).pluck('action');
    expect(audit.sort()).toEqual(['job.cancel', 'job.retry']);
  });

  it('refuses bad queries and non-administrators', async () => {
    const bad = await request(t.app).get('/api/v1/admin/jobs/list?status=lost').expect(400);
    expect(bad.body.error.details[0].path).toBe('status');
    await request(t.app).get('/api/v1/admin/jobs/abc').expect(404);
    await request(t.app).post('/api/v1/admin/jobs/999999/retry').expect(404);
    const user = await t.userWithToken({});
    await request(t.rawApp).get('/api/v1/admin/jobs').set('authorization', `Bearer ${user.token}`).expect(403);
  });
});

/** Jobs of this process with another transport than the harness engine's. */
function jobsWith(redisUrl: string | undefined, extra: { leaseMs?: number; requeueMs?: number } = {}) {
  const jobs = new Jobs(t.engine.db, silent, t.engine.clock, {
    worker: 'inline',
    redisUrl,
    redisPrefix: `opsflux:test:${randomBytes(4).toString('hex')}`,
    databaseUrl: t.databaseUrl,
    pollMs: 200,
    leaseMs: extra.leaseMs ?? 30_000,
    requeueMs: extra.requeueMs ?? 30_000,
    backoffMs: 100,
    concurrency: 4,
  });
  jobs.register('test.effect', t.engine.jobs.runner.handlers.get('test.effect')!);
  return jobs;
}

const allDone = async () =>
  Number((await t.engine.db('sys_outbox').whereNot({ status: 'done' }).count('* as n').first())!.n);

describe('workers', () => {
  it('the in-process worker takes jobs as their transaction commits', async () => {
    const jobs = jobsWith(undefined);
    await jobs.start();
    try {
      for (let n = 0; n < 20; n++) await put(n);
      await expect.poll(allDone, { timeout: 15_000 }).toBe(0);
      expect((await effects()).every((e) => e.c === 1)).toBe(true);
      expect(await effects()).toHaveLength(20);
    } finally {
      await jobs.stop();
    }
  });

  it('BullMQ workers run relayed jobs exactly once', async () => {
    const jobs = jobsWith(TEST_REDIS);
    await jobs.start();
    try {
      for (let n = 0; n < 50; n++) await put(n);
      await expect.poll(allDone, { timeout: 20_000 }).toBe(0);
      const seen = await effects();
      expect(seen).toHaveLength(50);
      expect(seen.every((e) => e.c === 1)).toBe(true);
    } finally {
      await jobs.stop();
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve(child);
    });
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = pattern.exec(seen);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ${pattern}: ${seen}`)));
  });
}

describe('crashes', () => {
  it('loses nothing when Redis restarts while jobs flow', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const jobs = jobsWith(`redis://127.0.0.1:${port}`, { requeueMs: 1_000 });
    await jobs.start();
    try {
      for (let n = 0; n < 100; n++) {
        await put(n);
        if (n === 40) {
          // Redis goes away without saving anything, comes back empty.
          redis.kill('SIGKILL');
          await new Promise((r) => setTimeout(r, 500));
        }
        if (n === 70) redis = await startRedis(port);
      }
      await expect.poll(allDone, { timeout: 40_000, interval: 250 }).toBe(0);
      const seen = await effects();
      expect(seen).toHaveLength(100);
      expect(seen.every((e) => e.c === 1)).toBe(true);
    } finally {
      await jobs.stop();
      redis.kill('SIGKILL');
    }
  }, 60_000);

  it('a worker killed in the middle of a job: the next one does it, and its effect happens once', async () => {
    const prefix = `opsflux:test:${randomBytes(4).toString('hex')}`;
    const env = {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: TEST_REDIS,
      TEST_PREFIX: prefix,
      JOB_LEASE_SECONDS: '2',
      JOB_POLL_MS: '200',
    };
    const script = path.join(REPO, 'engine/test/fixtures/job-worker.ts');
    const spawnWorker = () => spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, env });
    await put(1, { hang: true });
    const [{ id }] = await t.engine.db('sys_outbox').select('id');
    const first = spawnWorker();
    await waitForLine(first, /EFFECT_WRITTEN \d+/);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await job(id)).toMatchObject({ status: 'running', attempts: 1 });
    const second = spawnWorker();
    try {
      // A worker process takes seconds to start (tsx compiles it), far more on a loaded machine.
      await expect.poll(async () => (await job(id)).status, { timeout: 90_000, interval: 250 }).toBe('done');
      expect(await job(id)).toMatchObject({ attempts: 2 });
      expect(await effects()).toEqual([{ n: 1, c: 1 }]);
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
  }, 150_000);
});
