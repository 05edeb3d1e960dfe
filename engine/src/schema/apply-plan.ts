import type { ComputedField } from '@opsflux/definitions';
import jsonLogic from 'json-logic-js';
import type { Knex } from 'knex';
import { migrateWorkflows } from '../workflow/workflow-migrations.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { checksum, toStored } from '../bundles/bundle-store.ts';
import { appendAudit, type AuditActor, type AuditEvent } from '../audit/audit-entry.ts';
import { coerceComputed } from '../data/fill-record.ts';
import { OpsError } from '../errors.ts';
import type { Plan, PlanStep } from './plan-types.ts';
import { extendedEntity, removeExtensionColumns } from './extension-uninstall.ts';
import { runCheck } from './row-checks.ts';
import { q } from './sql-names.ts';

export interface ApplyOptions {
  allowDestructive?: boolean;
  appliedBy?: string | null;
  /** What the new version row records (`install` or `upgrade` unless said, e.g. `rollback`). */
  operation?: string;
  /** Who applies, for the audit entries (defaults to `appliedBy` alone). */
  actor?: AuditActor;
  /** More audit entries written in the same transaction (the designer's `designer.<action>`). */
  audit?: AuditEvent[];
}

/** Serialises concurrent applies across engine processes. */
export const APPLY_LOCK = 'select pg_advisory_xact_lock(4242001)';

/**
 * Runs a plan and records the new version in one transaction: on any failure the database is
 * exactly as before. Destructive steps are refused unless allowed.
 */
export async function applyPlan(db: Knex, bundle: Bundle, plan: Plan, opts: ApplyOptions = {}): Promise<void> {
  if (plan.noop) return;
  const destructive = plan.steps.filter((s) => s.destructive);
  if (destructive.length && !opts.allowDestructive) {
    throw new OpsError(
      409,
      'destructive_plan',
      `The plan for "${plan.bundle}" has ${destructive.length} destructive step(s); review them and allow destructive changes to go on`,
      destructive.map((s) => ({
        path: s.column ? `${s.table}.${s.column}` : s.table,
        code: s.action,
        message: `${s.description}${s.rowsAffected !== undefined ? ` (${s.rowsAffected} row(s))` : ''}`,
      })),
    );
  }
  await db.transaction(async (trx) => {
    await trx.raw(APPLY_LOCK);
    for (const step of plan.steps) await runStep(trx, bundle, step);
    if (plan.fromVersion) await migrateWorkflows(trx, bundle, new Date(), opts.appliedBy ?? null);
    const row = {
      name: bundle.manifest.name,
      version: bundle.manifest.version,
      definition: JSON.stringify(toStored(bundle)),
      checksum: checksum(bundle),
      status: 'active',
      applied_at: trx.fn.now(),
      applied_by: opts.appliedBy ?? null,
    };
    // An upgrade keeps the bundle's status: a deactivated bundle stays hidden until activated.
    await trx('sys_bundles')
      .insert(row)
      .onConflict('name')
      .merge(['version', 'definition', 'checksum', 'applied_at', 'applied_by']);
    await trx('sys_bundle_versions').insert({
      bundle: row.name,
      version: row.version,
      definition: row.definition,
      checksum: row.checksum,
      operation: opts.operation ?? (plan.fromVersion ? 'upgrade' : 'install'),
      steps: JSON.stringify(plan.steps),
      applied_by: row.applied_by,
    });
    await appendAudit(trx, opts.actor ?? { id: opts.appliedBy ?? null }, new Date(), [
      {
        action: plan.fromVersion ? 'bundle.upgrade' : 'bundle.install',
        entity: bundle.manifest.name,
        changes: { version: [plan.fromVersion, bundle.manifest.version] },
        reason: `${plan.steps.length} schema step(s)${plan.steps.some((st) => st.destructive) ? ', destructive allowed' : ''}`,
      },
      ...(opts.audit ?? []),
    ]);
  });
}

async function runStep(trx: Knex.Transaction, bundle: Bundle, step: PlanStep): Promise<void> {
  for (const sql of step.sql) await trx.raw(sql);
  if (step.action === 'recompute') await recompute(trx, bundle, step);
}

/** Recomputes stored computed values (expression changed, or new field), as a write would. */
async function recompute(trx: Knex.Transaction, bundle: Bundle, step: PlanStep): Promise<void> {
  // A table of another bundle holds this bundle's computed fields through an extension.
  const entity =
    bundle.entities.find((e) => `${bundle.manifest.name}_${e.name}` === step.table) ??
    (await extendedEntity(trx, bundle, step.table));
  if (!entity) return;
  const fields = entity.fields.filter(
    (f): f is ComputedField => f.type === 'computed' && !!step.recompute?.includes(f.name),
  );
  const evaluate = (f: ComputedField, row: Record<string, unknown>) => {
    try {
      return coerceComputed(jsonLogic.apply(f.expression as jsonLogic.RulesLogic, row), f.resultType);
    } catch {
      return null;
    }
  };
  // In pages by id, so a large table is never held in memory at once.
  for (let after = ''; ;) {
    const rows = await trx(step.table)
      .select('*')
      .where('id', '>', after || '00000000-0000-0000-0000-000000000000')
      .orderBy('id')
      .limit(1000);
    for (const row of rows) {
      await trx(step.table)
        .where({ id: row.id })
        .update(Object.fromEntries(fields.map((f) => [f.name, evaluate(f, row)])));
    }
    if (rows.length < 1000) break;
    after = rows.at(-1).id;
  }
}

export interface DryRunProblem {
  step: number;
  action: PlanStep['action'];
  table: string;
  column?: string;
  description: string;
  /** Rows that would break the step, and a few of their ids. */
  count?: number;
  sampleIds?: string[];
  error?: string;
}

/** Executes the plan in a transaction that is rolled back, and reports what would fail on the real data. */
export async function dryRunPlan(db: Knex, bundle: Bundle, plan: Plan): Promise<DryRunProblem[]> {
  const problems: DryRunProblem[] = [];
  const rollback = new Error('dry run');
  await db
    .transaction(async (trx) => {
      await trx.raw(APPLY_LOCK);
      for (const [i, step] of plan.steps.entries()) {
        const base = {
          step: i + 1,
          action: step.action,
          table: step.table,
          ...(step.column && { column: step.column }),
          description: step.description,
        };
        const createdHere = plan.steps.some((s) => s.action === 'create_table' && s.table === step.table);
        if (step.check && !createdHere && step.action !== 'drop_table' && step.action !== 'drop_column') {
          const found = await runCheck(trx, step.check, true);
          if (found.count > 0) problems.push({ ...base, count: found.count, sampleIds: found.sampleIds });
        }
        await trx.raw('SAVEPOINT step');
        try {
          await runStep(trx, bundle, step);
          await trx.raw('RELEASE SAVEPOINT step');
        } catch (e) {
          await trx.raw('ROLLBACK TO SAVEPOINT step');
          const known = problems.find((p) => p.step === i + 1);
          if (known) known.error = (e as Error).message;
          else problems.push({ ...base, error: (e as Error).message });
        }
      }
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
  return problems;
}

/**
 * Moves a bundle's tables aside (kept in schema sys_archive) or drops them, takes the columns its
 * extensions added to other bundles' tables off them (archived the same way), and forgets the bundle.
 */
export async function uninstallBundle(
  db: Knex,
  bundle: Bundle,
  tables: string[],
  opts: { purge?: boolean; by?: string | null; actor?: AuditActor; audit?: AuditEvent[] } = {},
): Promise<string[]> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const moved: string[] = [];
  await db.transaction(async (trx) => {
    await trx.raw(APPLY_LOCK);
    moved.push(...(await removeExtensionColumns(trx, bundle, { purge: !!opts.purge, stamp })));
    for (const t of tables) {
      if (opts.purge) {
        await trx.raw(`DROP TABLE IF EXISTS ${q(t)} CASCADE`);
        continue;
      }
      const archived = `${t}_${stamp}`.slice(0, 63);
      await trx.raw(`ALTER TABLE ${q(t)} RENAME TO ${q(archived)}`);
      await trx.raw(`ALTER TABLE ${q(archived)} SET SCHEMA sys_archive`);
      moved.push(`sys_archive.${archived}`);
    }
    await trx('sys_bundles').where({ name: bundle.manifest.name }).delete();
    // Archived data keeps its numbering, so a reinstall continues it; a purge starts afresh.
    if (opts.purge) await trx('sys_sequences').whereLike('sequence', `${bundle.manifest.name}.%`).delete();
    await trx('sys_bundle_versions').insert({
      bundle: bundle.manifest.name,
      version: bundle.manifest.version,
      definition: null,
      checksum: checksum(bundle),
      operation: opts.purge ? 'purge' : 'uninstall',
      steps: JSON.stringify(moved),
      applied_by: opts.by ?? null,
    });
    await appendAudit(trx, opts.actor ?? { id: opts.by ?? null }, new Date(), [
      {
        action: opts.purge ? 'bundle.purge' : 'bundle.uninstall',
        entity: bundle.manifest.name,
        changes: { version: [bundle.manifest.version, null] },
        reason: opts.purge ? 'tables dropped' : `tables archived: ${moved.join(', ')}`,
      },
      ...(opts.audit ?? []),
    ]);
  });
  return moved;
}
