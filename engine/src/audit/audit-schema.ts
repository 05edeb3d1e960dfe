import type { Knex } from 'knex';

/**
 * The audit trail: one row per traced action, chained by hashes, never updated or deleted.
 * Created idempotently at start with the other system tables.
 */
export async function ensureAuditSchema(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable('sys_audit'))) {
    await db.schema.createTable('sys_audit', (t) => {
      t.bigIncrements('id');
      t.timestamp('at', { useTz: true }).notNullable();
      t.string('actor_id', 128);
      t.string('actor_name', 255);
      t.string('api_key_id', 128);
      t.string('action', 64).notNullable();
      t.string('entity', 128);
      t.string('record_id', 255);
      t.jsonb('changes');
      t.string('ip', 64);
      t.string('user_agent', 512);
      t.string('outcome', 16).notNullable().defaultTo('success');
      t.text('reason');
      t.string('prev_hash', 64).notNullable();
      t.string('hash', 64).notNullable();
      t.index(['entity', 'record_id', 'id']);
      t.index(['actor_id', 'id']);
      t.index(['at']);
    });
  }
  // History is append-only: the database itself refuses to change or remove an entry. The
  // triggers are re-armed at every start (a disabled one is enabled again); the lock keeps
  // engines starting together from racing.
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(4242003)');
    await trx.raw(`
      create or replace function sys_audit_refuse() returns trigger language plpgsql as $$
      begin
        raise exception 'sys_audit is append-only: % refused', tg_op using errcode = '42501';
      end $$`);
    await trx.raw('drop trigger if exists sys_audit_no_change on sys_audit');
    await trx.raw(
      'create trigger sys_audit_no_change before update or delete on sys_audit for each row execute function sys_audit_refuse()',
    );
    await trx.raw('drop trigger if exists sys_audit_no_truncate on sys_audit');
    await trx.raw(
      'create trigger sys_audit_no_truncate before truncate on sys_audit for each statement execute function sys_audit_refuse()',
    );
  });
}
