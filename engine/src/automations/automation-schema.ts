import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/**
 * Automation bookkeeping: every execution with its outcome (the log admins read), events waiting
 * to be batched, and the scheduler's last tick.
 */
export async function ensureAutomationSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242007, [
    `
      create table if not exists sys_automation_runs (
        id bigserial primary key,
        automation varchar(128) not null,
        trigger varchar(32) not null,
        entity varchar(128),
        record_id uuid,
        input jsonb,
        outcome varchar(16) not null,
        actions jsonb,
        error text,
        job_id bigint,
        attempt integer,
        duration_ms integer,
        dry_run boolean not null default false,
        at timestamptz not null
      )`,
    'create index if not exists sys_automation_runs_by on sys_automation_runs (automation, id)',
    `
      create table if not exists sys_automation_events (
        id bigserial primary key,
        automation varchar(128) not null,
        event jsonb not null,
        at timestamptz not null,
        flushed_at timestamptz
      )`,
    `create index if not exists sys_automation_events_open on sys_automation_events (automation, id)
      where flushed_at is null`,
    `
      create table if not exists sys_automation_state (
        key varchar(255) primary key,
        value jsonb not null
      )`,
  ]);
}
