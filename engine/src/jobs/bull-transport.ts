import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import type { JobRunner } from './job-runner.ts';

export interface BullOptions {
  redisUrl: string;
  /** Key prefix in Redis, so several engines (or test files) share one server. */
  prefix: string;
  concurrency: number;
  /** A queued job Redis lost (a restart without persistence) is handed over again after this. */
  requeueMs: number;
  /** How long a worker holds a job before BullMQ thinks it died and delivers it again. */
  leaseMs: number;
}

/**
 * BullMQ as the outbox's transport: the relay hands due rows to Redis with the outbox id as the
 * job id (so handing a row over twice queues it once), and the workers run them through the
 * shared runner. PostgreSQL stays the truth: a job Redis forgets is handed over again.
 */
export class BullTransport {
  readonly #queues = new Map<string, Queue>();
  readonly #workers: Worker[] = [];
  readonly #workerConnections: Redis[] = [];
  readonly #connection: Redis;

  constructor(
    private readonly opts: BullOptions,
    private readonly log: Logger,
  ) {
    // Fail fast while Redis is away: the relay puts the rows back and tries again later.
    this.#connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.#connection.on('error', (err: Error) => log.warn({ err: err.message }, 'redis unavailable for jobs'));
  }

  queue(name: string): Queue {
    let q = this.#queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.#connection, prefix: this.opts.prefix });
      q.on('error', (err) => this.log.warn({ err: err.message, queue: name }, 'job queue error'));
      this.#queues.set(name, q);
    }
    return q;
  }

  /** Hands due outbox rows to their queues; returns how many were handed over. */
  async relay(db: Knex, clock: Clock, batch = 500): Promise<number> {
    const now = clock.now();
    const claimed = (await db('sys_outbox')
      .whereIn('id', (sub) =>
        sub
          .from('sys_outbox')
          .select('id')
          .where((q) =>
            q
              .where((p) => p.where('status', 'pending').andWhere('run_at', '<=', now))
              .orWhere((r) => r.whereIn('status', ['queued', 'running']).andWhere('locked_until', '<', now)),
          )
          .orderBy([{ column: 'run_at' }, { column: 'id' }])
          .limit(batch)
          .forUpdate()
          .skipLocked(),
      )
      .update({ status: 'queued', locked_until: new Date(now.getTime() + this.opts.requeueMs) })
      .returning(['id', 'queue', 'topic'])) as { id: string | number; queue: string; topic: string }[];
    const byQueue = new Map<string, typeof claimed>();
    for (const r of claimed) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
    for (const [name, rows] of byQueue) {
      try {
        await this.queue(name).addBulk(
          rows.map((r) => ({
            name: r.topic,
            data: { id: String(r.id) },
            // BullMQ refuses numeric custom ids: the outbox id, prefixed.
            opts: { jobId: `outbox-${r.id}`, removeOnComplete: true, removeOnFail: true, attempts: 1 },
          })),
        );
      } catch (err) {
        // Redis is away: the rows wait in PostgreSQL and leave when it returns.
        await db('sys_outbox')
          .whereIn(
            'id',
            rows.map((r) => r.id),
          )
          .andWhere('status', 'queued')
          .update({ status: 'pending', locked_until: null });
        this.log.warn({ err: (err as Error).message, queue: name, jobs: rows.length }, 'relay to redis failed');
        return 0;
      }
    }
    return claimed.length;
  }

  startWorkers(queues: string[], runner: JobRunner): void {
    for (const name of queues) {
      const connection = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
      connection.on('error', () => undefined);
      this.#workerConnections.push(connection);
      const worker = new Worker(
        name,
        async (job) => {
          // BullMQ delivers again only once the previous holder lost the lock: take over.
          await runner.run(String(job.data.id), { takeOver: true });
        },
        {
          connection,
          prefix: this.opts.prefix,
          concurrency: this.opts.concurrency,
          lockDuration: this.opts.leaseMs,
          stalledInterval: this.opts.leaseMs,
          // Attempts are counted in the outbox, not here.
          maxStalledCount: 1_000,
        },
      );
      worker.on('error', (err) => this.log.warn({ err: err.message, queue: name }, 'job worker error'));
      this.#workers.push(worker);
    }
  }

  /** Counts BullMQ holds per queue (waiting, active, delayed...), for the admin view. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, q] of this.#queues) out[name] = await q.getJobCounts();
    return out;
  }

  /** Lets running jobs finish, then disconnects. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.close()));
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
    for (const c of [this.#connection, ...this.#workerConnections]) c.disconnect();
  }
}
