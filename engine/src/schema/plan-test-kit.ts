// Helpers for the planner's pure tests: small bundles built through the real validator.
import { checksum, type AppliedBundle } from '../bundles/bundle-store.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { computePlan } from './plan-bundle.ts';
import type { Plan, PlanStep } from './plan-types.ts';

export type Def = { name: string; fields: Record<string, unknown>[] } & Record<string, unknown>;
export type Defs = { bin: Def; item: Def };

export const en = (s: string) => ({ en: s });
export const fld = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  label: en(name),
  ...extra,
});

/** A bundle "inv" built through the real validator, so every definition here is a valid one. */
export function bundle(defs: Def[], version = '1.0.0'): Bundle {
  const result = validateBundle({
    source: 'memory',
    manifest: { file: 'bundle.json', data: { name: 'inv', version, title: en('Inventory') } },
    kinds: { entity: defs.map((d) => ({ file: `entities/${d.name}.json`, data: d })) },
  });
  if (!result.ok) throw new Error(`invalid test bundle: ${JSON.stringify(result.issues)}`);
  return result.bundle;
}

export const applied = (b: Bundle): AppliedBundle => ({
  bundle: b,
  version: b.manifest.version,
  checksum: checksum(b),
  status: 'active',
  appliedAt: new Date(0).toISOString(),
  appliedBy: null,
});

/** The plan from the base bundle to the base bundle changed by `edit` (which may return other entities). */
export function planChangeOf(baseDefs: () => Defs, edit: (d: Defs) => Def[] | void): Plan {
  const defs = baseDefs();
  const next = edit(defs) ?? [defs.bin, defs.item];
  const base = baseDefs();
  return computePlan(bundle(next, '2.0.0'), applied(bundle([base.bin, base.item])));
}

export const field = (d: Def, name: string) => d.fields.find((f) => f.name === name)!;
export const labels = (p: Plan) => p.steps.map((s) => `${s.action} ${s.table}${s.column ? `.${s.column}` : ''}`);
export const only = (p: Plan, action: PlanStep['action']) => p.steps.filter((s) => s.action === action);

/**
 * Replays the SQL of a plan on a model of which tables exist, and lists every statement that
 * names a table that does not exist at that point (the statement would fail on PostgreSQL).
 */
export function statementsOnMissingTables(p: Plan, initial: string[]): string[] {
  const exist = new Set(initial);
  const bad: string[] = [];
  const need = (t: string | undefined, sql: string) => {
    if (t && !exist.has(t)) bad.push(sql);
  };
  for (const sql of p.steps.flatMap((s) => s.sql)) {
    const create = sql.match(/^CREATE TABLE "([^"]+)"/);
    const rename = sql.match(/^ALTER TABLE "([^"]+)" RENAME TO "([^"]+)"/);
    const drop = sql.match(/^DROP TABLE "([^"]+)"/);
    if (create) exist.add(create[1]!);
    else if (rename) {
      need(rename[1], sql);
      exist.delete(rename[1]!);
      exist.add(rename[2]!);
    } else if (drop) {
      need(drop[1], sql);
      exist.delete(drop[1]!);
    } else {
      need((sql.match(/^(?:ALTER TABLE|UPDATE) "([^"]+)"/) ?? sql.match(/ ON "([^"]+)"/))?.[1], sql);
      need(sql.match(/REFERENCES "([^"]+)"/)?.[1], sql);
    }
  }
  return bad;
}
