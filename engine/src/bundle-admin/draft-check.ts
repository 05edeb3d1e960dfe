import type { Knex } from 'knex';
import semver from 'semver';
import { checksum, readAppliedBundles, type AppliedBundle } from '../bundles/bundle-store.ts';
import type { Bundle, BundleIssue } from '../bundles/bundle-types.ts';
import { BundleLoadError, fromParsed } from '../bundles/load-bundle.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { OpsError } from '../errors.ts';
import type { Plan } from '../schema/plan-types.ts';
import { bundleToFiles, type BundleFiles } from './bundle-to-files.ts';

export type DraftValidation =
  | {
      ok: true;
      issues: [];
      /** The draft as validated. */
      bundle: Bundle;
      /** The draft as a publish would apply it: its version settled (see `toPublish`). */
      publish: Bundle;
      /** Every applied bundle, read once for the check: a plan made next reuses them. */
      installed: Map<string, AppliedBundle>;
    }
  | { ok: false; issues: BundleIssue[] };

/**
 * Validates a draft's files as the loader and validator would a folder, against the other
 * installed bundles. The draft's bundle.json must keep the bundle's name: renaming a bundle is
 * not an edit of it.
 */
export async function validateDraftFiles(db: Knex, name: string, files: BundleFiles): Promise<DraftValidation> {
  const applied = await readAppliedBundles(db);
  const available = new Map([...applied].filter(([n]) => n !== name).map(([n, a]) => [n, a.bundle]));
  const manifestName = (files.get('bundle.json') as { name?: unknown } | undefined)?.name;
  if (manifestName !== name) {
    return {
      ok: false,
      issues: [
        {
          file: 'bundle.json',
          pointer: '/name',
          code: 'bundle.name_changed',
          message: `The bundle is "${name}": its bundle.json must keep that name`,
        },
      ],
    };
  }
  try {
    const raw = fromParsed(`draft:${name}`, files);
    const result = validateBundle(raw, { available });
    if (!result.ok) return result;
    const publish = toPublish(result.bundle, applied.get(name));
    const broken = dependantIssues(applied, publish);
    return broken.length ? { ok: false, issues: broken } : { ...result, publish, installed: applied };
  } catch (e) {
    if (e instanceof BundleLoadError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/**
 * What the installed bundles that depend on `next` would say of it: each is validated again
 * with `next` in place of the applied version (a removed entity they reference, a version out of
 * their range). Their problems are reported on the draft's bundle.json, naming their file.
 */
function dependantIssues(applied: Map<string, AppliedBundle>, next: Bundle): BundleIssue[] {
  const name = next.manifest.name;
  const available = new Map([...applied].map(([n, a]) => [n, n === name ? next : a.bundle]));
  const issues: BundleIssue[] = [];
  for (const [dependant, a] of applied) {
    if (dependant === name || !(name in (a.bundle.manifest.dependencies ?? {}))) continue;
    const files = bundleToFiles(a.bundle);
    const raw = fromParsed(dependant, files);
    const result = validateBundle(raw, { available: new Map([...available].filter(([n]) => n !== dependant)) });
    for (const i of result.issues) {
      issues.push({
        file: 'bundle.json',
        pointer: '',
        code: 'bundle.breaks_dependant',
        message: `The installed bundle "${dependant}" depends on this one and would break: ${i.file}${i.pointer ? `#${i.pointer}` : ''}: ${i.message}`,
      });
    }
  }
  return issues;
}

/**
 * The version a publish gives: the draft's own when it is greater than the applied one, else
 * the applied one with its patch number bumped (1.4.2 → 1.4.3).
 */
export function publishVersion(draft: string, applied: string | undefined): string {
  if (!applied || !semver.valid(applied)) return draft;
  if (semver.valid(draft) && semver.gt(draft, applied)) return draft;
  return semver.inc(applied, 'patch')!;
}

/**
 * The bundle as it would be published: the draft with its version settled. A draft that raised
 * its version keeps it; otherwise, when its definitions are the applied ones it keeps the applied
 * version (publishing it changes nothing), else it gets the applied version's next patch.
 */
export function toPublish(bundle: Bundle, applied: AppliedBundle | undefined): Bundle {
  const version = publishVersion(bundle.manifest.version, applied?.version);
  if (applied && version !== bundle.manifest.version) {
    const same = { ...bundle, manifest: { ...bundle.manifest, version: applied.version } };
    if (checksum(same) === applied.checksum) return same;
  }
  return { ...bundle, manifest: { ...bundle.manifest, version } };
}

/** A draft that does not validate cannot be planned or published: its issues say why. */
export function invalidDraft(issues: BundleIssue[]): OpsError {
  return new OpsError(
    422,
    'draft_invalid',
    `The draft has ${issues.length} problem(s): fix them first (POST …/draft/validate lists them)`,
    issues.map((i) => ({ path: `${i.file}${i.pointer ? `#${i.pointer}` : ''}`, code: i.code, message: i.message })),
    { issues },
  );
}

/** A plan as the designer shows it: the SQL kept, the row checks' queries left out. */
export function planView(plan: Plan) {
  return {
    bundle: plan.bundle,
    fromVersion: plan.fromVersion,
    toVersion: plan.toVersion,
    noop: plan.noop,
    destructive: plan.steps.some((s) => s.destructive),
    steps: plan.steps.map((s) => ({
      action: s.action,
      table: s.table,
      ...(s.column && { column: s.column }),
      description: s.description,
      destructive: s.destructive,
      ...(s.rowsAffected !== undefined && { rowsAffected: s.rowsAffected }),
      sql: s.sql,
    })),
  };
}
