import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/**
 * Every transition fired, with the workflow version it ran under: the record's process history,
 * beside (and written in the same transaction as) its audit entry.
 */
export async function ensureWorkflowSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242005, [
    `
      create table if not exists sys_workflow_history (
        id bigserial primary key,
        entity varchar(128) not null,
        record_id uuid not null,
        workflow varchar(64) not null,
        bundle_version varchar(64) not null,
        transition varchar(64) not null,
        from_state varchar(64) not null,
        to_state varchar(64) not null,
        actor_id varchar(128),
        actor_name varchar(255),
        comment text,
        at timestamptz not null
      )`,
    'create index if not exists sys_workflow_history_record on sys_workflow_history (entity, record_id, id)',
    // Approval decisions and migrations are history steps too: which approval and step, approved
    // or rejected, and for whom a delegate decided.
    `alter table sys_workflow_history
      add column if not exists kind varchar(16) not null default 'transition',
      add column if not exists approval varchar(64),
      add column if not exists step varchar(64),
      add column if not exists decision varchar(16),
      add column if not exists on_behalf_of uuid`,
    `
      create table if not exists sys_approvals (
        id uuid primary key default gen_random_uuid(),
        entity varchar(128) not null,
        record_id uuid not null,
        company_id uuid,
        workflow varchar(64) not null,
        bundle_version varchar(64) not null,
        state varchar(64) not null,
        name varchar(64) not null,
        mode varchar(16) not null,
        quorum integer not null,
        status varchar(16) not null default 'open',
        opened_at timestamptz not null,
        closed_at timestamptz
      )`,
    `create index if not exists sys_approvals_record on sys_approvals (entity, record_id)`,
    `
      create table if not exists sys_approval_steps (
        id uuid primary key default gen_random_uuid(),
        approval_id uuid not null references sys_approvals(id),
        position integer not null,
        name varchar(64) not null,
        label jsonb not null,
        status varchar(16) not null,
        approvers uuid[] not null default '{}',
        opened_at timestamptz,
        decided_at timestamptz,
        decided_by uuid,
        decided_by_name varchar(255),
        on_behalf_of uuid,
        comment text,
        reminded_at timestamptz,
        escalated_at timestamptz,
        unique (approval_id, position)
      )`,
    `create index if not exists sys_approval_steps_pending on sys_approval_steps using gin (approvers)
      where status = 'pending'`,
    `
      create table if not exists sys_delegations (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references sys_users(id),
        delegate_id uuid not null references sys_users(id),
        starts_on date not null,
        ends_on date not null,
        reason varchar(500),
        created_at timestamptz not null,
        revoked_at timestamptz,
        check (ends_on >= starts_on),
        check (user_id <> delegate_id)
      )`,
    `create index if not exists sys_delegations_user on sys_delegations (user_id)`,
  ]);
}
