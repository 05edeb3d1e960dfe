import type { Knex } from 'knex';
import semver from 'semver';
import { checksum, readAppliedBundles, type AppliedBundle } from '../bundles/bundle-store.ts';
import type { Bundle, BundleIssue } from '../bundles/bundle-types.ts';
import { dryRunBundle, planBundle } from '../bundles/bundle-service.ts';
import { BundleLoadError, fromFiles } from '../bundles/load-bundle.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import type { DryRunProblem } from '../schema/apply-plan.ts';
import type { Plan } from '../schema/plan-types.ts';

/** A dependency named in bundle.json and whether the installation meets it. */
export interface DependencyStatus {
  name: string;
  range: string;
  /** The installed version, or null when the bundle is not installed. */
  installed: string | null;
  ok: boolean;
  /** Why not, in words (missing, wrong version, deactivated). */
  reason?: string;
}

/** Files checked as a bundle against the installation: what a designer shows before applying. */
export interface CheckedFiles {
  bundle?: Bundle;
  name: string | null;
  version: string | null;
  /** The version installed now, or null. */
  installedVersion: string | null;
  issues: BundleIssue[];
  dependencies: DependencyStatus[];
  plan: Plan | null;
  /** Steps the dry run saw fail on the current data. */
  problems: DryRunProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A file's JSON: uploaded bytes are parsed (undefined when they are not JSON), parsed content kept. */
function parsed(content: unknown): unknown {
  if (!Buffer.isBuffer(content)) return content;
  try {
    return JSON.parse(content.toString().replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** What bundle.json asks of its dependencies, against the applied bundles. */
export function dependencyStatus(manifest: unknown, applied: ReadonlyMap<string, AppliedBundle>): DependencyStatus[] {
  const deps = isObject(manifest) && isObject(manifest.dependencies) ? manifest.dependencies : {};
  return Object.entries(deps)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([name, range]) => {
      const a = applied.get(name);
      const installed = a?.version ?? null;
      const reason = !a
        ? 'not installed'
        : !semver.validRange(range)
          ? `"${range}" is not a version range`
          : !semver.satisfies(a.version, range)
            ? `version ${a.version} does not satisfy "${range}"`
            : a.status !== 'active'
              ? 'deactivated'
              : undefined;
      return { name, range, installed, ok: !reason, ...(reason && { reason }) };
    });
}

/**
 * Reads `files` as a bundle, validates it against the installed bundles, and (when valid)
 * plans it and dry-runs the plan. Nothing is changed. A version older than the installed one,
 * or the installed version with other content, is refused: versions only grow.
 */
export async function checkFiles(
  db: Knex,
  /** Path → parsed JSON, or the bytes of the file as uploaded. */
  files: ReadonlyMap<string, unknown>,
  source: string,
  /** Dry-run the plan (for a preview); an apply that follows plans again anyway. */
  opts: { dryRun?: boolean } = { dryRun: true },
): Promise<CheckedFiles> {
  const applied = await readAppliedBundles(db);
  const text = new Map<string, Buffer | string>(
    [...files].map(([p, c]) => [p, Buffer.isBuffer(c) ? c : JSON.stringify(c)]),
  );
  const manifest = parsed(files.get('bundle.json'));
  const name = isObject(manifest) && typeof manifest.name === 'string' ? manifest.name : null;
  const version = isObject(manifest) && typeof manifest.version === 'string' ? manifest.version : null;
  const installed = name ? applied.get(name) : undefined;
  const base = {
    name,
    version,
    installedVersion: installed?.version ?? null,
    dependencies: dependencyStatus(manifest, applied),
    plan: null,
    problems: [],
  };
  let raw;
  try {
    raw = fromFiles(source, text);
  } catch (e) {
    if (!(e instanceof BundleLoadError)) throw e;
    return { ...base, issues: e.issues };
  }
  const available = new Map([...applied].filter(([n]) => n !== name).map(([n, a]) => [n, a.bundle]));
  const result = validateBundle(raw, { available });
  const issues: BundleIssue[] = result.ok ? [] : [...result.issues];
  for (const d of base.dependencies) {
    if (d.reason === 'deactivated') {
      issues.push({
        file: 'bundle.json',
        pointer: `/dependencies/${d.name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        code: 'dependency.inactive',
        message: `The bundle "${d.name}" is deactivated: activate it first`,
      });
    }
  }
  if (installed && version && semver.valid(version)) {
    const say = (code: string, message: string) =>
      issues.push({ file: 'bundle.json', pointer: '/version', code, message });
    if (semver.lt(version, installed.version)) {
      say(
        'version.older',
        `Version ${version} is older than the installed ${installed.version}; to go back, roll back to a version instead`,
      );
    } else if (semver.eq(version, installed.version) && result.ok && checksum(result.bundle) !== installed.checksum) {
      say('version.unchanged', `Version ${version} is installed with other content: raise the version in bundle.json`);
    }
  }
  if (!result.ok || issues.length) return { ...base, issues };
  if (!opts.dryRun) return { ...base, bundle: result.bundle, issues, plan: await planBundle(db, result.bundle) };
  const { plan, problems } = await dryRunBundle(db, result.bundle);
  return { ...base, bundle: result.bundle, issues, plan, problems };
}
