import type { Knex } from 'knex';

/**
 * Every transition fired, with the workflow version it ran under: the record's process history,
 * beside (and written in the same transaction as) its audit entry.
 */
export async function ensureWorkflowSchema(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(4242005)');
    await trx.raw(`
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
      )`);
    await trx.raw(
      'create index if not exists sys_workflow_history_record on sys_workflow_history (entity, record_id, id)',
    );
  });
}
