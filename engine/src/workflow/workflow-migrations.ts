import type { WorkflowDefinition } from '@opsflux/definitions';
import type { Knex } from 'knex';
import semver from 'semver';
import { appendAudit } from '../audit/audit-entry.ts';
import { canonicalJson } from '../bundles/bundle-store.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { tableName } from '../schema/sql-names.ts';

/*
 * When a bundle version is applied, records still running an earlier workflow version move to
 * the new one when a migration of the new workflow covers their version (their state mapped,
 * each move written to the workflow history), or silently when that workflow did not change.
 * Others keep the version they started with: the engine still runs it for them.
 */

interface Counts {
  moved: number;
  kept: number;
}

/** The workflow of `entity` in each earlier version of the bundle. */
async function pastWorkflows(trx: Knex.Transaction, bundle: string, entity: string) {
  const rows = (await trx('sys_bundle_versions')
    .where({ bundle })
    .whereRaw("definition \\? 'workflows'")
    .select('version', trx.raw("definition->'workflows' as workflows"))) as {
    version: string;
    workflows: WorkflowDefinition[];
  }[];
  return new Map(rows.map((r) => [r.version, r.workflows.find((w) => w.entity === entity)]));
}

async function migrateOne(
  trx: Knex.Transaction,
  bundle: Bundle,
  wf: WorkflowDefinition,
  now: Date,
  actor: string | null,
): Promise<Counts> {
  const table = tableName(bundle.manifest.name, wf.entity);
  const to = bundle.manifest.version;
  const states = new Set(wf.states.map((s) => s.name));
  const past = await pastWorkflows(trx, bundle.manifest.name, wf.entity);
  const versions = (await trx(table)
    .whereNull('deleted_at')
    .whereNotNull('workflow_version')
    .whereNot('workflow_version', to)
    .distinct('workflow_version')
    .pluck('workflow_version')) as string[];
  const counts: Counts = { moved: 0, kept: 0 };
  for (const from of versions) {
    const migration = wf.migrations?.find((m) => semver.valid(from) && semver.satisfies(from, m.from));
    const old = past.get(from);
    const unchanged =
      !!old && canonicalJson({ ...old, migrations: undefined }) === canonicalJson({ ...wf, migrations: undefined });
    const rows = (await trx(table).whereNull('deleted_at').where('workflow_version', from).select('id', 'state')) as {
      id: string;
      state: string;
    }[];
    if (!migration && !unchanged) {
      counts.kept += rows.length;
      continue;
    }
    const byState = new Map<string, string[]>();
    for (const r of rows) byState.set(r.state, [...(byState.get(r.state) ?? []), r.id]);
    for (const [state, ids] of byState) {
      const target = migration?.states?.[state] ?? state;
      // A state the new version lacks, that the migration does not map: those records stay.
      if (!states.has(target)) {
        counts.kept += ids.length;
        continue;
      }
      for (let i = 0; i < ids.length; i += 1000) {
        const chunk = ids.slice(i, i + 1000);
        await trx(table).whereIn('id', chunk).update({ state: target, workflow_version: to });
        if (!migration) continue;
        await trx('sys_workflow_history').insert(
          chunk.map((id) => ({
            entity: `${bundle.manifest.name}.${wf.entity}`,
            record_id: id,
            workflow: wf.name,
            bundle_version: to,
            transition: `migrate ${from} → ${to}`,
            from_state: state,
            to_state: target,
            actor_id: actor,
            actor_name: actor,
            at: now,
            kind: 'migration',
          })),
        );
      }
      counts.moved += ids.length;
    }
  }
  return counts;
}

/** Moves records to the workflows of the bundle being applied, inside the apply's transaction. */
export async function migrateWorkflows(
  trx: Knex.Transaction,
  bundle: Bundle,
  now: Date,
  actor: string | null,
): Promise<void> {
  for (const wf of bundle.workflows) {
    const counts = await migrateOne(trx, bundle, wf, now, actor);
    if (!counts.moved && !counts.kept) continue;
    await appendAudit(trx, { id: actor }, now, [
      {
        action: 'workflow.migrate',
        entity: `${bundle.manifest.name}.${wf.entity}`,
        changes: { version: [null, bundle.manifest.version], moved: [null, counts.moved], kept: [null, counts.kept] },
        reason: `${counts.moved} record(s) moved to the workflow of ${bundle.manifest.version}, ${counts.kept} kept on their version`,
      },
    ]);
  }
}
