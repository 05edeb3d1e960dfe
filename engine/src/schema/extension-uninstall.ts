import type { EntityDefinition } from '@opsflux/definitions';
import type { Knex } from 'knex';
import type { Bundle } from '../bundles/bundle-types.ts';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import { diffTables } from './diff-tables.ts';
import { withExtensions } from '../extensions/merge-extensions.ts';
import { bundleTables, type TableModel } from './physical-model.ts';
import { worldTables } from './plan-bundle.ts';
import { q, tableName } from './sql-names.ts';

/**
 * Takes the columns a bundle's extensions added to other bundles' tables off them, inside the
 * uninstall's transaction: the values are first copied (with the row ids) into a table of schema
 * sys_archive unless `purge`, then the columns, their indexes and links are dropped and the
 * search of the table is rebuilt without them. Returns the archive tables made.
 */
export async function removeExtensionColumns(
  trx: Knex.Transaction,
  bundle: Bundle,
  opts: { purge: boolean; stamp: string },
): Promise<string[]> {
  if (!bundle.extensions.length) return [];
  const name = bundle.manifest.name;
  const others = [...(await readAppliedBundles(trx)).values()]
    .map((a) => a.bundle)
    .filter((b) => b.manifest.name !== name);
  const own = new Set(bundleTables(bundle).map((t) => t.name));
  const foreign = (tables: TableModel[]) => tables.filter((t) => !own.has(t.name));
  const steps = diffTables(foreign(worldTables([...others, bundle])), foreign(worldTables(others)));
  const moved: string[] = [];
  if (!opts.purge) {
    const columns = new Map<string, string[]>();
    for (const s of steps)
      if (s.action === 'drop_column') columns.set(s.table, [...(columns.get(s.table) ?? []), s.column!]);
    for (const [table, cols] of columns) {
      const archived = `${table}_${name}_${opts.stamp}`.slice(0, 63);
      await trx.raw(
        `CREATE TABLE sys_archive.${q(archived)} AS SELECT "id", ${cols.map(q).join(', ')} FROM ${q(table)}`,
      );
      moved.push(`sys_archive.${archived}`);
    }
  }
  for (const step of steps) {
    if (step.action === 'drop_table' && !opts.purge) {
      const archived = `${step.table}_${opts.stamp}`.slice(0, 63);
      await trx.raw(`ALTER TABLE ${q(step.table)} RENAME TO ${q(archived)}`);
      await trx.raw(`ALTER TABLE ${q(archived)} SET SCHEMA sys_archive`);
      moved.push(`sys_archive.${archived}`);
      continue;
    }
    for (const sql of step.sql) await trx.raw(sql);
  }
  return moved;
}

/**
 * The entity of another applied bundle whose table is `table`, with the fields of `bundle`'s
 * extensions (as `bundle` is being applied) merged in: what a recompute of its table reads.
 */
export async function extendedEntity(
  trx: Knex.Transaction,
  bundle: Bundle,
  table: string,
): Promise<EntityDefinition | undefined> {
  if (!bundle.extensions.length) return undefined;
  const others = [...(await readAppliedBundles(trx)).values()]
    .map((a) => a.bundle)
    .filter((b) => b.manifest.name !== bundle.manifest.name);
  for (const b of withExtensions([...others, bundle]))
    for (const e of b.entities) if (tableName(b.manifest.name, e.name) === table) return e;
  return undefined;
}
