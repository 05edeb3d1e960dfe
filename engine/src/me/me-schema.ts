import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/**
 * What each user keeps for themselves in the apps: preferences (one JSON object), bookmarks,
 * and saved list filters (which they may share with their company). Deleting a user deletes
 * them; a saved filter keeps the company it was saved in, to be shared there only.
 */
export async function ensureMeSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242020, [
    `
      create table if not exists sys_user_preferences (
        user_id uuid primary key references sys_users(id) on delete cascade,
        data jsonb not null,
        updated_at timestamptz not null
      )`,
    `
      create table if not exists sys_bookmarks (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references sys_users(id) on delete cascade,
        label varchar(200) not null,
        url varchar(2048) not null,
        folder varchar(100),
        position integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`,
    'create index if not exists sys_bookmarks_user on sys_bookmarks (user_id, position)',
    `
      create table if not exists sys_saved_filters (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references sys_users(id) on delete cascade,
        company_id uuid references sys_companies(id) on delete cascade,
        view varchar(128) not null,
        name varchar(200) not null,
        filter jsonb not null,
        sort jsonb not null default '[]',
        shared boolean not null default false,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (user_id, view, name)
      )`,
    'create index if not exists sys_saved_filters_shared on sys_saved_filters (company_id, view) where shared',
    // The list's visible columns and quick search, kept with the filter (null: as they are).
    'alter table sys_saved_filters add column if not exists columns jsonb',
    'alter table sys_saved_filters add column if not exists q varchar(200)',
  ]);
}
