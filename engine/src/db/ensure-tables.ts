import type { Knex } from 'knex';

/**
 * Runs idempotent DDL (`create table if not exists`, ...) under an advisory lock, in one
 * transaction: engines starting together on one database do not race to create the same table.
 */
export async function ensureTables(db: Knex, lock: number, statements: string[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [lock]);
    for (const sql of statements) await trx.raw(sql);
  });
}
