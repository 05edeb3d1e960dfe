import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createConfig } from '../engine/src/config.ts';
import { systemContext, type RequestContext } from '../engine/src/data/request-context.ts';
import { createRecords, updateRecord } from '../engine/src/data/write-records.ts';
import type { ApiRecord } from '../engine/src/data/record-mapper.ts';
import { Engine } from '../engine/src/engine.ts';
import { Jobs } from '../engine/src/jobs/jobs.ts';
import { createLogger } from '../engine/src/logger.ts';
import type { CompiledEntity } from '../engine/src/registry/registry-types.ts';
import { fireTransition } from '../engine/src/workflow/transitions.ts';
import { applyBundles } from '../engine/test/harness.ts';
import { onCleanup } from './cleanup.ts';
import type { BenchConfig } from './config.ts';
import { cpuShare, cpuSnapshot } from './cpu.ts';
import { f0, f1, mdTable, pct, table, times } from './format.ts';
import { median, summarize, type LatencySummary } from './load.ts';
import { log } from './log.ts';
import { createBenchDatabase } from './setup-db.ts';

/**
 * Workflow and job benchmarks, in this process on a database of their own:
 *
 * 1. Transition throughput: C workers fire transitions (a guard with a fact counting other
 *    records, one automation planned in the outbox per transition) on their own records,
 *    against the same workers doing plain updates of the same records; rounds alternate.
 * 2. Outbox-to-worker latency under load: transitions fired at a steady rate, each planning an
 *    automation run that BullMQ workers execute (an update of the record); latency is from the
 *    commit that wrote the job to the start of its handler. Baseline: a bare BullMQ queue fed
 *    at the same rate, from `add` to the start of its processor.
 */

const BUNDLE = path.join(import.meta.dirname, 'bundles/benchflow');
const silent = createLogger('silent');

export interface WorkflowFigures {
  items: number;
  concurrency: number;
  seconds: number;
  rounds: number;
  updatesPerSec: number[];
  transitionsPerSec: number[];
  /** Median transitions/s ÷ median updates/s. */
  ratio: number;
  /** Automation runs written to the outbox per transition fired (should be 1). */
  automationsPerTransition: number;
  latency: {
    rate: number;
    jobs: number;
    outbox: LatencySummary;
    bullmq: LatencySummary;
    /** outbox p50 ÷ bare BullMQ p50. */
    ratio: number;
    /** Jobs not finished when the measurement stopped waiting (should be 0). */
    unfinished: number;
  };
  otherCpu: number;
}

interface Lane {
  ids: string[];
  records: Map<string, ApiRecord>;
}

async function forSeconds(seconds: number, lanes: Lane[], op: (lane: Lane, id: string) => Promise<void>) {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await op(lane, lane.ids[i % lane.ids.length]!);
        done++;
      }
    }),
  );
  return done / seconds;
}

async function seed(ctx: RequestContext, entity: CompiledEntity, items: number, concurrency: number): Promise<Lane[]> {
  const lanes: Lane[] = Array.from({ length: concurrency }, () => ({ ids: [], records: new Map() }));
  for (let i = 0; i < items; i += 500) {
    const batch = Array.from({ length: Math.min(500, items - i) }, (_, j) => ({
      title: `item ${i + j}`,
      lane: (i + j) % 50,
      flips: 0,
    }));
    const created = await createRecords(ctx, entity, batch, true);
    created.forEach((r, j) => {
      const lane = lanes[(i + j) % concurrency]!;
      lane.ids.push(r.id as string);
      lane.records.set(r.id as string, r);
    });
  }
  return lanes;
}

const flip = (ctx: RequestContext, entity: CompiledEntity) => async (lane: Lane, id: string) => {
  const r = lane.records.get(id)!;
  const moved = await fireTransition(ctx, entity, id, r.state === 'idle' ? 'start' : 'stop', {});
  lane.records.set(id, moved);
};

async function throughput(engine: Engine, cfg: BenchConfig, lanes: Lane[], entity: CompiledEntity) {
  const ctx = systemContext(engine.db, engine.registry.current, silent, 'bench');
  const seconds = cfg.quick ? 3 : 8;
  const update = async (lane: Lane, id: string) => {
    const r = lane.records.get(id)!;
    lane.records.set(id, await updateRecord(ctx, entity, id, { note: `n${Date.now()}`, version: r.version }));
  };
  const updates: number[] = [];
  const transitions: number[] = [];
  await forSeconds(1, lanes, update);
  let fired = 0;
  for (let round = 0; round < cfg.rounds; round++) {
    updates.push(await forSeconds(seconds, lanes, update));
    const before = Number((await engine.db('sys_outbox').count('* as n').first())!.n);
    const tps = await forSeconds(seconds, lanes, flip(ctx, entity));
    transitions.push(tps);
    fired += tps * seconds;
    const after = Number((await engine.db('sys_outbox').count('* as n').first())!.n);
    log(
      `  round ${round + 1}: updates ${f0(updates.at(-1)!)}/s, transitions ${f0(tps)}/s, ${after - before} runs planned`,
    );
  }
  const planned = Number((await engine.db('sys_outbox').where({ topic: 'automation.run' }).count('* as n').first())!.n);
  return { seconds, updates, transitions, automationsPerTransition: planned / fired };
}

/** Fires transitions at `rate` per second for `seconds`, with `concurrency` in flight at most. */
async function steady(rate: number, seconds: number, op: () => Promise<void>) {
  const total = rate * seconds;
  const start = performance.now();
  const inflight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = op().finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 64) await Promise.race(inflight);
  }
  await Promise.all(inflight);
}

async function outboxLatency(
  engine: Engine,
  cfg: BenchConfig,
  lanes: Lane[],
  entity: CompiledEntity,
  redisUrl: string,
) {
  // Well below the machine's transition capacity, so the figure is the path's latency, not a queue's.
  const rate = cfg.quick ? 20 : 50;
  const seconds = cfg.quick ? 4 : 10;
  await engine.db('sys_outbox').delete();
  // The worker side has an engine (and a connection pool) of its own, as `opsflux worker` would.
  const workerEngine = await Engine.create(
    createConfig({
      DATABASE_URL: engine.config.databaseUrl,
      LOG_LEVEL: 'silent',
      WORKER: 'none',
      DATABASE_POOL_MAX: String(cfg.pool),
    }),
  );
  const jobs = new Jobs(workerEngine.db, silent, workerEngine.clock, {
    worker: 'inline',
    redisUrl,
    redisPrefix: `opsflux-bench-${randomBytes(4).toString('hex')}`,
    databaseUrl: engine.config.databaseUrl,
    pollMs: 1000,
    leaseMs: 300_000,
    requeueMs: 60_000,
    backoffMs: 1000,
    concurrency: 8,
  });
  for (const [topic, handler] of workerEngine.jobs.runner.handlers) jobs.register(topic, handler);
  await jobs.start();
  const ctx = systemContext(engine.db, engine.registry.current, silent, 'bench');
  const queue = [...lanes.flatMap((l) => l.ids.map((id) => ({ lane: l, id })))];
  let next = 0;
  try {
    // One item at a time per transition: a lane's items are not shared between two in flight.
    await steady(rate, seconds, () => {
      const { lane, id } = queue[next++ % queue.length]!;
      return flip(ctx, entity)(lane, id);
    });
    const deadline = Date.now() + 60_000;
    let open = Infinity;
    while (open > 0 && Date.now() < deadline) {
      open = Number(
        (await engine
          .db('sys_outbox')
          .whereNot({ status: 'done' })
          .where({ topic: 'automation.run' })
          .count('* as n')
          .first())!.n,
      );
      if (open) await new Promise((r) => setTimeout(r, 200));
    }
    const rows = (await engine
      .db('sys_outbox')
      .where({ topic: 'automation.run', status: 'done' })
      .select('created_at', 'finished_at', 'duration_ms')) as {
      created_at: Date;
      finished_at: Date;
      duration_ms: number;
    }[];
    const latencies = rows.map(
      (r) => new Date(r.finished_at).getTime() - r.duration_ms - new Date(r.created_at).getTime(),
    );
    return { rate, seconds, latencies, unfinished: open === Infinity ? 0 : open };
  } finally {
    await jobs.stop();
    await workerEngine.close();
  }
}

async function bareBullmq(redisUrl: string, rate: number, seconds: number): Promise<number[]> {
  const prefix = `opsflux-bench-bare-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix });
  const latencies: number[] = [];
  const worker = new Worker(
    'bare',
    async (job) => {
      latencies.push(Date.now() - (job.data as { t: number }).t);
    },
    { connection: workerConnection, prefix, concurrency: 8 },
  );
  try {
    await steady(rate, seconds, async () => {
      await queue.add('bare', { t: Date.now() }, { removeOnComplete: true, removeOnFail: true });
    });
    const deadline = Date.now() + 30_000;
    while (latencies.length < rate * seconds && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return latencies;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
    workerConnection.disconnect();
  }
}

export async function runWorkflowBench(cfg: BenchConfig): Promise<WorkflowFigures> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const db = await createBenchDatabase(cfg.serverUrl);
  onCleanup(() => db.drop());
  const engine = await Engine.create(
    createConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', WORKER: 'none', DATABASE_POOL_MAX: String(cfg.pool) }),
  );
  try {
    await applyBundles(engine, [BUNDLE]);
    const entity = engine.registry.current.entities.get('benchflow.item')!;
    const ctx = systemContext(engine.db, engine.registry.current, silent, 'bench');
    const items = cfg.quick ? 2000 : 10_000;
    const concurrency = 8;
    log(`workflow benchmark: ${items} items, ${concurrency} workers`);
    const lanes = await seed(ctx, entity, items, concurrency);
    const before = cpuSnapshot([process.pid]);
    const t = await throughput(engine, cfg, lanes, entity);
    const l = await outboxLatency(engine, cfg, lanes, entity, redisUrl);
    const bare = await bareBullmq(redisUrl, l.rate, l.seconds);
    const otherCpu = cpuShare(before, cpuSnapshot([process.pid]))?.others ?? NaN;
    const outbox = summarize(l.latencies);
    const bullmq = summarize(bare);
    const figures: WorkflowFigures = {
      items,
      concurrency,
      seconds: t.seconds,
      rounds: cfg.rounds,
      updatesPerSec: t.updates,
      transitionsPerSec: t.transitions,
      ratio: median(t.transitions) / median(t.updates),
      automationsPerTransition: t.automationsPerTransition,
      latency: {
        rate: l.rate,
        jobs: l.latencies.length,
        outbox,
        bullmq,
        ratio: outbox.p50 / bullmq.p50,
        unfinished: l.unfinished,
      },
      otherCpu,
    };
    log(
      `transitions ${f0(median(t.transitions))}/s vs updates ${f0(median(t.updates))}/s (${pct(figures.ratio)}); ` +
        `outbox→worker p50 ${f1(outbox.p50)} ms p95 ${f1(outbox.p95)} ms, bare BullMQ p50 ${f1(bullmq.p50)} ms`,
    );
    return figures;
  } finally {
    await engine.close();
    await db.drop();
  }
}

const HEAD = ['measure', 'engine', 'baseline', 'ratio'];

function rows(r: WorkflowFigures): string[][] {
  return [
    [
      'ops/s (median)',
      `${f0(median(r.transitionsPerSec))} transitions`,
      `${f0(median(r.updatesPerSec))} updates`,
      pct(r.ratio),
    ],
    ['latency p50 ms', f1(r.latency.outbox.p50), f1(r.latency.bullmq.p50), times(r.latency.ratio)],
    [
      'latency p95 ms',
      f1(r.latency.outbox.p95),
      f1(r.latency.bullmq.p95),
      times(r.latency.outbox.p95 / r.latency.bullmq.p95),
    ],
    ['latency max ms', f1(r.latency.outbox.max), f1(r.latency.bullmq.max), ''],
  ];
}

export function workflowText(r: WorkflowFigures): string[] {
  return [
    `Workflow — ${r.items} items, ${r.concurrency} workers, ${r.rounds} round(s) of ${r.seconds} s; jobs at ${r.latency.rate}/s`,
    table(HEAD, rows(r)),
    `automation runs planned per transition: ${r.automationsPerTransition.toFixed(2)}; unfinished jobs: ${r.latency.unfinished}; other CPU ${pct(r.otherCpu)}`,
    '',
  ];
}

export function workflowMarkdown(r: WorkflowFigures): string[] {
  return [
    '## Workflow transitions and the outbox',
    '',
    `In the bench process, on a database of its own: ${r.concurrency} concurrent workers, each on its own ${r.items / r.concurrency} ` +
      `items. **Throughput**: transitions (a guard reading a fact that counts other records, the state, the history ` +
      'step, the audit entry and one automation run planned in the outbox, all in one transaction) against plain ' +
      `updates of the same records by the same workers; ${r.rounds} alternating round(s) of ${r.seconds} s. ` +
      `**Latency**: transitions fired at ${r.latency.rate}/s; each plans an automation run that BullMQ workers (same ` +
      'process, with an engine and a connection pool of their own) execute — it updates the record; latency runs from the commit that wrote the job to the start of its ' +
      `handler, over ${r.latency.jobs} jobs. The baseline is a bare BullMQ queue fed at the same rate, from \`add\` to ` +
      `the start of its processor. Other processes used ${pct(r.otherCpu)} of the machine meanwhile.`,
    '',
    mdTable(HEAD, rows(r)),
    '',
    `- per round: transitions ${r.transitionsPerSec.map(f0).join(', ')}/s; updates ${r.updatesPerSec.map(f0).join(', ')}/s`,
    `- automation runs planned per transition: ${r.automationsPerTransition.toFixed(2)}; jobs unfinished after waiting: ${r.latency.unfinished}`,
    '',
  ];
}
