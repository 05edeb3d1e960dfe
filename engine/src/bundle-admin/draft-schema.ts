import type { Knex } from 'knex';
import { ensureTables } from '../db/ensure-tables.ts';

/**
 * Drafts of the designer. A draft holds a full copy of a bundle's files and a revision that
 * grows with every change; each file keeps the revision it last changed at. The change log
 * (one row per file touched, deletes and renames included) outlives the draft, so a new draft
 * of the same bundle continues the numbering and a view of an old draft is never mistaken for
 * a view of the new one.
 */
export async function ensureDraftSchema(db: Knex): Promise<void> {
  await ensureTables(db, 4242031, [
    `
      create table if not exists sys_bundle_drafts (
        bundle varchar(64) primary key,
        revision integer not null,
        start_revision integer not null,
        base_version varchar(64),
        created_at timestamptz not null,
        created_by uuid,
        updated_at timestamptz not null,
        updated_by uuid
      )`,
    `
      create table if not exists sys_bundle_draft_files (
        bundle varchar(64) not null references sys_bundle_drafts(bundle) on delete cascade,
        path varchar(200) not null,
        content jsonb not null,
        revision integer not null,
        updated_at timestamptz not null,
        updated_by uuid,
        primary key (bundle, path)
      )`,
    `
      create table if not exists sys_bundle_draft_changes (
        bundle varchar(64) not null,
        revision integer not null,
        path varchar(200) not null,
        operation varchar(16) not null,
        at timestamptz not null,
        by uuid,
        primary key (bundle, revision, path)
      )`,
    'create index if not exists sys_bundle_draft_changes_path on sys_bundle_draft_changes (bundle, path, revision)',
  ]);
}
