import type { Knex } from 'knex';
import { readAppliedBundles, type AppliedBundle } from './bundle-store.ts';
import type { Bundle, BundleIssue, RawBundle } from './bundle-types.ts';
import { BundleLoadError, loadBundle } from './load-bundle.ts';
import { validateBundle } from './validate-bundle.ts';
import { computePlan, countAffectedRows } from '../schema/plan-bundle.ts';
import { applyPlan, dryRunPlan, type DryRunProblem } from '../schema/apply-plan.ts';
import type { Plan } from '../schema/plan-types.ts';

export interface PreparedBundle {
  location: string;
  name: string;
  bundle?: Bundle;
  issues: BundleIssue[];
}

const nameOf = (raw: RawBundle) => String((raw.manifest.data as { name?: unknown })?.name ?? raw.source);
const depsOf = (raw: RawBundle) => Object.keys((raw.manifest.data as { dependencies?: object })?.dependencies ?? {});

/** Dependencies first; a cycle leaves the rest in the given order (validation then reports it). */
export function dependencyOrder<T>(items: T[], name: (t: T) => string, deps: (t: T) => string[]): T[] {
  const byName = new Map(items.map((i) => [name(i), i]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: T) => {
    const n = name(item);
    if (state.get(n)) return;
    state.set(n, 'visiting');
    for (const d of deps(item)) {
      const dep = byName.get(d);
      if (dep && !state.get(d)) visit(dep);
    }
    state.set(n, 'done');
    out.push(item);
  };
  items.forEach(visit);
  return out;
}

/** Loads and validates bundles in dependency order, against the applied ones and each other. */
export async function prepareBundles(db: Knex, locations: string[]): Promise<PreparedBundle[]> {
  const applied = await readAppliedBundles(db);
  const available = new Map<string, Bundle>([...applied].map(([n, a]) => [n, a.bundle]));
  const loaded: { location: string; raw?: RawBundle; issues: BundleIssue[] }[] = [];
  for (const location of locations) {
    try {
      loaded.push({ location, raw: await loadBundle(location), issues: [] });
    } catch (e) {
      if (!(e instanceof BundleLoadError)) throw e;
      loaded.push({ location, issues: e.issues });
    }
  }
  const ordered = dependencyOrder(
    loaded,
    (l) => (l.raw ? nameOf(l.raw) : l.location),
    (l) => (l.raw ? depsOf(l.raw) : []),
  );
  return ordered.map((l) => {
    if (!l.raw) return { location: l.location, name: l.location, issues: l.issues };
    const result = validateBundle(l.raw, { available });
    if (!result.ok) return { location: l.location, name: nameOf(l.raw), issues: result.issues };
    available.set(result.bundle.manifest.name, result.bundle);
    return { location: l.location, name: result.bundle.manifest.name, bundle: result.bundle, issues: [] };
  });
}

/** The plan applying `bundle`; `installed` spares reading the applied bundles when the caller just did. */
export async function planBundle(db: Knex, bundle: Bundle, installed?: Map<string, AppliedBundle>): Promise<Plan> {
  const all = installed ?? (await readAppliedBundles(db));
  const others = [...all.values()].map((a) => a.bundle).filter((b) => b.manifest.name !== bundle.manifest.name);
  return countAffectedRows(db, computePlan(bundle, all.get(bundle.manifest.name), others));
}

export async function dryRunBundle(db: Knex, bundle: Bundle): Promise<{ plan: Plan; problems: DryRunProblem[] }> {
  const plan = await planBundle(db, bundle);
  return { plan, problems: await dryRunPlan(db, bundle, plan) };
}

export async function applyBundle(
  db: Knex,
  bundle: Bundle,
  opts: { allowDestructive?: boolean; appliedBy?: string | null } = {},
): Promise<Plan> {
  const plan = await planBundle(db, bundle);
  await applyPlan(db, bundle, plan, opts);
  return plan;
}
