import type { Knex } from 'knex';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';

/** What a handler gets besides its payload. */
export interface JobContext {
  /**
   * The transaction that also marks the job done: effects written through it happen exactly
   * once, however often the job is delivered. Absent for handlers that talk to the outside
   * (`transactional: false`), which are at least once and must be idempotent on their own.
   */
  trx: Knex.Transaction | undefined;
  db: Knex;
  now: Date;
  log: Logger;
  job: { id: string; topic: string; attempt: number; maxAttempts: number; runAt: Date };
}

export interface JobHandler {
  handle(payload: never, ctx: JobContext): Promise<void>;
  /**
   * Handlers that wait on the network (SMTP, webhooks) run outside a transaction, so an
   * embedded single-connection database is not held while they wait. Default: true.
   */
  transactional?: boolean;
  /**
   * Called after a failed attempt, once its transaction has rolled back: the place to log the
   * failure where the handler's own log rows were undone with its effects.
   */
  failed?(payload: never, failure: JobFailure): Promise<void>;
}

export interface JobFailure {
  error: string;
  attempt: number;
  /** No attempt follows: the job is dead-lettered. */
  dead: boolean;
  jobId: string;
  durationMs: number;
  db: Knex;
  now: Date;
}

/** A failure that no retry can fix (the record is gone, the definition removed). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface RunnerOptions {
  /** A running job whose worker vanished is taken over after this long. */
  leaseMs: number;
  /** First retry delay; each retry doubles it. */
  backoffMs: number;
}

export type RunOutcome = 'done' | 'retry' | 'dead' | 'skipped';

class Superseded extends Error {}

interface StartedRow {
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date | string;
}

/** Backoff before attempt `attempt + 1`: base, 2×base, 4×base... capped at a day. */
export function retryDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 86_400_000);
}

/**
 * Runs outbox jobs with the same rules whoever delivers them (the in-process loop or a BullMQ
 * worker): take the row, run the handler and mark the row done in one transaction, or record
 * the error and plan the retry, or give up and leave the row dead for an administrator.
 */
export class JobRunner {
  readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly db: Knex,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly opts: RunnerOptions,
  ) {}

  register(topic: string, handler: JobHandler): void {
    if (this.handlers.has(topic)) throw new Error(`A job handler for "${topic}" is already registered`);
    this.handlers.set(topic, handler);
  }

  /**
   * Runs job `id`. `takeOver` lets a delivery replace a running attempt whose worker is known
   * to be gone (BullMQ re-delivers a job only once its previous worker lost the lock);
   * otherwise a running job is only taken over once its lease has expired.
   */
  async run(id: string, opts: { takeOver?: boolean } = {}): Promise<RunOutcome> {
    const now = this.clock.now();
    const started = (await this.db('sys_outbox')
      .where({ id })
      .where((q) => {
        q.whereIn('status', ['pending', 'queued']);
        if (opts.takeOver) q.orWhere('status', 'running');
        else q.orWhere((r) => r.where('status', 'running').andWhere('locked_until', '<', now));
      })
      .update({
        status: 'running',
        attempts: this.db.raw('attempts + 1'),
        locked_until: new Date(now.getTime() + this.opts.leaseMs),
      })
      .returning(['id', 'topic', 'payload', 'attempts', 'max_attempts', 'run_at'])) as StartedRow[];
    const row = started[0];
    if (!row) return 'skipped';
    const t0 = performance.now();
    try {
      await this.#execute(row);
      return 'done';
    } catch (err) {
      if (err instanceof Superseded) return 'skipped';
      return this.#fail(row, err, Math.round(performance.now() - t0));
    }
  }

  async #execute(row: StartedRow): Promise<void> {
    const handler = this.handlers.get(row.topic);
    if (!handler) throw new Error(`No handler for "${row.topic}" in this process`);
    const t0 = performance.now();
    const ctx = (trx: Knex.Transaction | undefined): JobContext => ({
      trx,
      db: this.db,
      now: this.clock.now(),
      log: this.log.child({ job: row.id, topic: row.topic }),
      job: {
        id: String(row.id),
        topic: row.topic,
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
        runAt: new Date(row.run_at),
      },
    });
    const finish = async (db: Knex | Knex.Transaction) => {
      const done = await db('sys_outbox')
        .where({ id: row.id, attempts: row.attempts })
        .whereIn('status', ['running', 'queued'])
        .update({
          status: 'done',
          finished_at: this.clock.now(),
          duration_ms: Math.round(performance.now() - t0),
          locked_until: null,
          last_error: null,
        });
      // Someone else finished or cancelled it meanwhile: our effects roll back with this.
      if (!done) throw new Superseded();
    };
    if (handler.transactional === false) {
      await handler.handle(row.payload as never, ctx(undefined));
      await finish(this.db);
      return;
    }
    await this.db.transaction(async (trx) => {
      // Two deliveries of one job wait for each other here; the second finds it done.
      const locked = await trx('sys_outbox').where({ id: row.id }).forUpdate().first('status', 'attempts');
      if (!locked || locked.attempts !== row.attempts || !['running', 'queued'].includes(locked.status)) {
        throw new Superseded();
      }
      await handler.handle(row.payload as never, ctx(trx));
      await finish(trx);
    });
  }

  async #fail(row: StartedRow, err: unknown, durationMs: number): Promise<RunOutcome> {
    const now = this.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    const dead = err instanceof PermanentJobError || row.attempts >= row.max_attempts;
    await this.db('sys_outbox')
      .where({ id: row.id, attempts: row.attempts })
      .update({
        status: dead ? 'dead' : 'pending',
        last_error: message.slice(0, 4000),
        locked_until: null,
        duration_ms: durationMs,
        ...(dead
          ? { finished_at: now }
          : { run_at: new Date(now.getTime() + retryDelay(row.attempts, this.opts.backoffMs)) }),
      });
    await this.handlers
      .get(row.topic)
      ?.failed?.(row.payload as never, {
        error: message,
        attempt: row.attempts,
        dead,
        jobId: String(row.id),
        durationMs,
        db: this.db,
        now,
      })
      .catch((e: unknown) => this.log.error({ err: e, job: row.id }, 'job failure hook failed'));
    this.log[dead ? 'error' : 'warn'](
      { job: row.id, topic: row.topic, attempt: row.attempts, err: message },
      dead ? 'job failed for the last time: dead-lettered' : 'job failed: will retry',
    );
    return dead ? 'dead' : 'retry';
  }

  /** Ids of jobs due now (or abandoned by a vanished worker), oldest first. */
  async due(limit: number): Promise<string[]> {
    const now = this.clock.now();
    const rows = await this.db('sys_outbox')
      .select('id')
      .where((q) =>
        q
          .where((p) => p.where('status', 'pending').andWhere('run_at', '<=', now))
          .orWhere((r) => r.whereIn('status', ['queued', 'running']).andWhere('locked_until', '<', now)),
      )
      .orderBy([{ column: 'run_at' }, { column: 'id' }])
      .limit(limit);
    return rows.map((r: { id: string | number }) => String(r.id));
  }

  /**
   * Runs every job due now, including those the jobs it runs make due, until none is left.
   * The in-process worker's step, and how tests move time forward deterministically.
   */
  async drain(maxJobs = 10_000): Promise<number> {
    let ran = 0;
    for (;;) {
      const ids = await this.due(50);
      let progressed = false;
      for (const id of ids) {
        if ((await this.run(id)) === 'skipped') continue;
        progressed = true;
        if (++ran >= maxJobs) return ran;
      }
      // Nothing due, or only jobs another worker holds.
      if (!progressed) return ran;
    }
  }
}
