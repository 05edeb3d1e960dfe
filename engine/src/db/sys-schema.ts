import { ensureAuditSchema } from '../audit/audit-schema.ts';
import { ensureIdentitySchema } from '../identity/identity-schema.ts';
import { ensureOutboxSchema } from '../jobs/outbox-schema.ts';
import { ensureNotifySchema } from '../notify/notify-schema.ts';
import { ensureAutomationSchema } from '../automations/automation-schema.ts';
import { ensureDraftSchema } from '../bundle-admin/draft-schema.ts';
import { ensureImportSchema } from '../bundle-admin/import-store.ts';
import { ensureMailSchema } from '../mail/mail-schema.ts';
import { ensureMeSchema } from '../me/me-schema.ts';
import { ensureWorkflowSchema } from '../workflow/workflow-schema.ts';
import type { Db } from './connect.ts';

/**
 * The engine's own tables. They are created idempotently at start; bundle tables are created
 * by the planner from definitions.
 */
export async function ensureSystemSchema(db: Db): Promise<void> {
  await db.raw('create extension if not exists pg_trgm');
  await db.raw('create schema if not exists sys_archive');
  if (!(await db.schema.hasTable('sys_bundles'))) {
    await db.schema.createTable('sys_bundles', (t) => {
      t.string('name', 64).primary();
      t.string('version', 64).notNullable();
      t.jsonb('definition').notNullable();
      t.string('checksum', 64).notNullable();
      t.string('status', 16).notNullable().defaultTo('active');
      t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.string('applied_by', 128);
    });
  }
  if (!(await db.schema.hasTable('sys_bundle_versions'))) {
    await db.schema.createTable('sys_bundle_versions', (t) => {
      t.bigIncrements('id');
      t.string('bundle', 64).notNullable().index();
      t.string('version', 64).notNullable();
      t.jsonb('definition');
      t.string('checksum', 64).notNullable();
      t.string('operation', 16).notNullable();
      t.jsonb('steps').notNullable();
      t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.string('applied_by', 128);
    });
  }
  if (!(await db.schema.hasTable('sys_sequences'))) {
    await db.schema.createTable('sys_sequences', (t) => {
      t.string('sequence', 128).notNullable();
      t.string('period', 16).notNullable();
      t.bigInteger('last_value').notNullable();
      t.primary(['sequence', 'period']);
    });
  }
  // Used by plans and dry runs: whether a value would fail or change when its column changes
  // type (a fraction rounded away, a text cut short, a text that is not a number).
  await db.raw(`
    create or replace function sys_cast_changes(v text, source text, target text) returns boolean
    language plpgsql immutable as $$
    declare same boolean;
    begin
      if v is null then return false; end if;
      execute format('select ((%L::%s)::%s)::%s is not distinct from %L::%s', v, source, target, source, v, source) into same;
      return not same;
    exception when others then
      return true;
    end $$`);
  await ensureAuditSchema(db);
  await ensureIdentitySchema(db);
  await ensureWorkflowSchema(db);
  await ensureOutboxSchema(db);
  await ensureNotifySchema(db);
  await ensureAutomationSchema(db);
  await ensureMailSchema(db);
  await ensureMeSchema(db);
  await ensureDraftSchema(db);
  await ensureImportSchema(db);
}
