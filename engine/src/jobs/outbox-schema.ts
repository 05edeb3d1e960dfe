import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/**
 * The transactional outbox: every background effect (an automation run, an e-mail, a timer) is a
 * row written in the same transaction as the change that caused it, and stays here until a
 * worker has finished it. Redis only carries rows that are due; losing Redis loses nothing.
 *
 * status: pending (waiting for `run_at`) → queued (handed to BullMQ) → running → done,
 * or back to pending with a later `run_at` after a failure, or dead after the last attempt,
 * or cancelled by an administrator.
 */
export async function ensureOutboxSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242006, [
    `
      create table if not exists sys_outbox (
        id bigserial primary key,
        queue varchar(32) not null,
        topic varchar(64) not null,
        payload jsonb not null,
        dedupe_key varchar(255) unique,
        run_at timestamptz not null,
        status varchar(16) not null default 'pending',
        attempts integer not null default 0,
        max_attempts integer not null default 4,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz not null,
        finished_at timestamptz,
        duration_ms integer
      )`,
    `create index if not exists sys_outbox_due on sys_outbox (run_at, id)
      where status in ('pending', 'queued', 'running')`,
    'create index if not exists sys_outbox_queue_status on sys_outbox (queue, status)',
  ]);
}
