import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { BullTransport } from './bull-transport.ts';
import type { Clock } from './clock.ts';
import { JobRunner, type JobHandler } from './job-runner.ts';
import { queueOf } from './outbox.ts';

export interface JobSettings {
  /** `inline`: this process runs jobs; `none`: another process (`opsflux worker`) does. */
  worker: 'inline' | 'none';
  redisUrl: string | undefined;
  redisPrefix: string;
  /** PostgreSQL URL for LISTEN (wakes workers at commit); embedded databases poll. */
  databaseUrl: string | undefined;
  pollMs: number;
  leaseMs: number;
  requeueMs: number;
  backoffMs: number;
  concurrency: number;
}

/**
 * Background jobs of one process. With Redis, due outbox rows are relayed to BullMQ queues
 * and BullMQ workers run them; without it, one in-process loop takes due rows straight from
 * the outbox. Both run the same handlers through the same runner and retry policy.
 */
export class Jobs {
  readonly runner: JobRunner;
  #bull: BullTransport | undefined;
  #listener: pg.Client | undefined;
  #wake: (() => void) | undefined;
  /** A commit was announced while the loop was busy: its next sleep returns at once. */
  #woken = false;
  #loop: Promise<void> | undefined;
  #stopping = false;

  constructor(
    private readonly db: Knex,
    private readonly log: Logger,
    readonly clock: Clock,
    readonly settings: JobSettings,
  ) {
    this.runner = new JobRunner(db, log, clock, { leaseMs: settings.leaseMs, backoffMs: settings.backoffMs });
  }

  get transport(): 'bullmq' | 'inline' {
    return this.settings.redisUrl ? 'bullmq' : 'inline';
  }

  register(topic: string, handler: JobHandler): void {
    this.runner.register(topic, handler);
  }

  /** Runs every job due now in this process: the in-process worker's step, and the tests' clock hand. */
  drain(): Promise<number> {
    return this.runner.drain();
  }

  /** Starts consuming jobs in this process (`opsflux worker`, or `npm start` without Redis). */
  async start(): Promise<void> {
    if (this.#loop) return;
    this.#stopping = false;
    await this.#listen();
    if (this.settings.redisUrl) {
      this.#bull ??= new BullTransport(
        {
          redisUrl: this.settings.redisUrl,
          prefix: this.settings.redisPrefix,
          concurrency: this.settings.concurrency,
          requeueMs: this.settings.requeueMs,
          leaseMs: this.settings.leaseMs,
        },
        this.log,
      );
      const bull = this.#bull;
      bull.startWorkers([...new Set([...this.runner.handlers.keys()].map(queueOf))], this.runner);
      this.#loop = this.#repeat(() => bull.relay(this.db, this.clock));
    } else {
      this.#loop = this.#repeat(() => this.runner.drain(100));
    }
    this.log.info({ transport: this.transport }, 'job worker started');
  }

  /** Runs `step` whenever the outbox is written to, or every `pollMs` (timers come due). */
  async #repeat(step: () => Promise<number>): Promise<void> {
    while (!this.#stopping) {
      let busy = 0;
      try {
        busy = await step();
      } catch (err) {
        this.log.error({ err }, 'job loop step failed');
      }
      if (busy === 0 && !this.#stopping) await this.#sleep(this.settings.pollMs);
      else await new Promise((r) => setImmediate(r));
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #announce(): void {
    if (this.#wake) this.#wake();
    else this.#woken = true;
  }

  /** PostgreSQL says when a transaction with due jobs commits: no waiting for the next poll. */
  async #listen(): Promise<void> {
    if (!this.settings.databaseUrl || this.#listener) return;
    const client = new pg.Client({ connectionString: this.settings.databaseUrl });
    client.on('error', (err) => this.log.warn({ err: err.message }, 'outbox listener lost'));
    client.on('notification', () => this.#announce());
    try {
      await client.connect();
      await client.query('LISTEN sys_outbox');
      this.#listener = client;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'outbox listener unavailable: polling only');
      await client.end().catch(() => undefined);
    }
  }

  /** Counts per queue and status in the outbox, and what BullMQ holds when it is used. */
  async counts(): Promise<{ outbox: Record<string, Record<string, number>>; redis?: Record<string, unknown> }> {
    const rows = (await this.db('sys_outbox').select('queue', 'status').count('* as n').groupBy('queue', 'status')) as {
      queue: string;
      status: string;
      n: number | string;
    }[];
    const outbox: Record<string, Record<string, number>> = {};
    for (const r of rows) (outbox[r.queue] ??= {})[r.status] = Number(r.n);
    return { outbox, ...(this.#bull && { redis: await this.#bull.counts().catch(() => ({})) }) };
  }

  /** Stops taking new jobs, lets running ones finish, and disconnects. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#announce();
    await this.#loop;
    this.#loop = undefined;
    await this.#bull?.close();
    this.#bull = undefined;
    await this.#listener?.end().catch(() => undefined);
    this.#listener = undefined;
  }
}
