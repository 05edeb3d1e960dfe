import type { Knex } from 'knex';
import type { Bundle } from '../bundles/bundle-types.ts';
import { checksum, type AppliedBundle } from '../bundles/bundle-store.ts';
import { diffTables } from './diff-tables.ts';
import { bundleTables, type TableModel } from './physical-model.ts';
import { withExtensions } from '../extensions/merge-extensions.ts';
import type { Plan, PlanStep, RowCheck } from './plan-types.ts';
import { runCheck } from './row-checks.ts';

/**
 * The tables of a set of bundles, each entity's table holding the columns of the extensions
 * that target it: the database as it is when exactly these bundles are applied.
 */
export function worldTables(bundles: Bundle[]): TableModel[] {
  return withExtensions(bundles).flatMap(bundleTables);
}

/**
 * The plan turning the applied version of a bundle (if any) into `bundle`, the other applied
 * bundles (`others`) staying as they are. Both sides are planned with every extension in place,
 * so the plan holds only what this bundle changes: an upgrade of an extended bundle leaves the
 * extension columns alone (and carries them through a table rename), and an extending bundle
 * adds, renames, alters or drops only its own columns on the tables it extends. Pure.
 */
export function computePlan(bundle: Bundle, applied: AppliedBundle | undefined, others: Bundle[] = []): Plan {
  const rest = others.filter((b) => b.manifest.name !== bundle.manifest.name);
  const steps = diffTables(worldTables(applied ? [...rest, applied.bundle] : rest), worldTables([...rest, bundle]));
  return {
    bundle: bundle.manifest.name,
    fromVersion: applied?.version ?? null,
    toVersion: bundle.manifest.version,
    steps,
    noop: !!applied && steps.length === 0 && applied.checksum === checksum(bundle),
  };
}

/**
 * Fills `rowsAffected` for steps that touch existing rows, reading the database as it is now
 * (before the plan's renames, so checks are translated to the current names).
 */
export async function countAffectedRows(db: Knex, plan: Plan): Promise<Plan> {
  const tableNow = new Map<string, string>();
  const columnNow = new Map<string, string>();
  for (const s of plan.steps) {
    const from = s.sql[0]?.match(/^ALTER TABLE "([^"]+)" RENAME (?:TO|COLUMN "([^"]+)" TO) "([^"]+)"$/);
    if (!from) continue;
    if (s.action === 'rename_table') tableNow.set(s.table, from[1]!);
    if (s.action === 'rename_column') columnNow.set(`${s.table}.${from[3]}`, from[2]!);
  }
  const existing = new Set<string>(
    (await db.raw(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)).rows.map(
      (r: { tablename: string }) => r.tablename,
    ),
  );
  const addedColumns = new Set(
    plan.steps
      .filter((s) => s.action === 'add_column')
      .map((s) => `${s.table}.${/ADD COLUMN "([^"]+)"/.exec(s.sql[0] ?? '')?.[1]}`),
  );
  const steps: PlanStep[] = [];
  for (const step of plan.steps) {
    if (!step.check) {
      steps.push(step);
      continue;
    }
    const table = tableNow.get(step.check.table) ?? step.check.table;
    if (!existing.has(table) || step.action === 'create_table' || isNewTableIndex(step, plan)) {
      steps.push(step);
      continue;
    }
    const check = translate(step.check, table, columnNow);
    // A unique index over a column this plan adds: the column holds only nulls, no duplicate.
    if (check.kind === 'duplicates' && check.columns.some((c) => addedColumns.has(`${step.check!.table}.${c}`))) {
      steps.push(settle(step, 0));
      continue;
    }
    // A partial index on a column this plan adds: every row has it null, so the index covers
    // them all (the only condition of this kind is "company_id" IS NULL).
    const added = (sql: string) =>
      [...sql.matchAll(/"([^"]+)"/g)].some((m) => addedColumns.has(`${step.check!.table}.${m[1]}`));
    const { count } = await runCheck(
      db,
      check.kind === 'duplicates' && check.where && added(check.where) ? { ...check, where: undefined } : check,
      false,
    );
    steps.push(settle(step, count));
  }
  return { ...plan, steps };
}

/** A step that fails only when rows are concerned is harmless on an empty set. */
export function settle(step: PlanStep, count: number): PlanStep {
  // A unique index over duplicate values cannot be built: it needs attention like a data loss.
  if (step.check?.kind === 'duplicates') return { ...step, rowsAffected: count, destructive: count > 0 };
  const harmlessWhenEmpty = step.action === 'add_column' || step.action === 'set_not_null';
  return { ...step, rowsAffected: count, destructive: step.destructive && !(harmlessWhenEmpty && count === 0) };
}

function isNewTableIndex(step: PlanStep, plan: Plan): boolean {
  return plan.steps.some((s) => s.action === 'create_table' && s.table === step.table);
}

function translate(check: RowCheck, table: string, columnNow: Map<string, string>): RowCheck {
  const col = (c: string) => columnNow.get(`${check.table}.${c}`) ?? c;
  switch (check.kind) {
    case 'rows':
      return { ...check, table };
    case 'duplicates':
      return { ...check, table, columns: check.columns.map(col) };
    default:
      return { ...check, table, column: col(check.column) };
  }
}
