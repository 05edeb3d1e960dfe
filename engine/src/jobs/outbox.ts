import type { Knex } from 'knex';

/** A background effect to run later, written in the transaction of the change that causes it. */
export interface NewJob {
  /** Handler name, `<queue>.<what>`: `mail.send`, `automation.run`. The queue is its first part. */
  topic: string;
  payload: unknown;
  /** Not before this time (a reminder, a delayed action); now when absent. */
  runAt?: Date;
  /**
   * Makes the job unique: a second job with the same key is not written. Timers and schedules
   * use it so that a retried or repeated step does not plan the same thing twice.
   */
  key?: string;
  /** Attempts before the job is dead (1 + retries). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

export function queueOf(topic: string): string {
  const dot = topic.indexOf('.');
  return dot > 0 ? topic.slice(0, dot) : topic;
}

/**
 * Writes jobs to the outbox inside `db` (normally the caller's transaction): they exist if and
 * only if the change commits. Jobs due now wake the workers when the transaction commits.
 */
export async function enqueue(db: Knex | Knex.Transaction, now: Date, jobs: NewJob[]): Promise<void> {
  if (!jobs.length) return;
  const rows = jobs.map((j) => ({
    queue: queueOf(j.topic),
    topic: j.topic,
    payload: JSON.stringify(j.payload ?? null),
    dedupe_key: j.key ?? null,
    run_at: j.runAt ?? now,
    max_attempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: now,
  }));
  await db('sys_outbox').insert(rows).onConflict('dedupe_key').ignore();
  if (jobs.some((j) => !j.runAt || j.runAt <= now)) await db.raw(`select pg_notify('sys_outbox', '')`);
}
