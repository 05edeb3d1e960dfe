import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { OpsError } from '../errors.ts';
import { createRecords, updateRecord } from '../data/write-records.ts';
import { fireTransition } from '../workflow/transitions.ts';
import type { RequestContext } from '../data/request-context.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';

export type SeedData = Record<string, Record<string, unknown>[]>;

/**
 * Reads the demo data of a bundle from `seeds/<bundle>/`: a `seed.ts` whose default export
 * returns records by entity, or one `<entity>.json` list per entity.
 */
export async function readSeed(seedsDir: string, bundle: string): Promise<SeedData> {
  const dir = path.join(seedsDir, bundle);
  if (!existsSync(dir)) throw new OpsError(404, 'no_seed', `There is no demo data for "${bundle}" (looked in ${dir})`);
  const module = path.join(dir, 'seed.ts');
  if (existsSync(module)) {
    const mod = (await import(pathToFileURL(module).href)) as { default: () => SeedData | Promise<SeedData> };
    return mod.default();
  }
  const data: SeedData = {};
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    data[f.replace(/\.json$/, '')] = JSON.parse(await readFile(path.join(dir, f), 'utf8'));
  }
  return data;
}

const isRef = (v: unknown): v is { $ref: string } =>
  !!v && typeof v === 'object' && typeof (v as { $ref?: unknown }).$ref === 'string';

/** Transitions a seed record goes through once created: `$transitions: [{ name, comment? }]`. */
type Journey = { name: string; comment?: string }[];

/**
 * Loads seed records through the normal write path (validation, rules, sequences).
 * References are written `{ "$ref": "<external_id>" }`; records already present (same
 * external_id) are skipped, so seeding twice changes nothing. A record may list `$transitions`
 * to fire once it exists, in order, through the normal transition path (guards and rules
 * apply): demo data then shows records in every state.
 */
export async function loadSeed(ctx: RequestContext, bundle: string, data: SeedData): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const entities = Object.keys(data).map((name) => {
    const e = ctx.registry.entity(bundle, name);
    if (!e) throw new OpsError(422, 'seed_invalid', `The seed names "${name}", which is not an entity of "${bundle}"`);
    return e;
  });
  for (const entity of entities) {
    const records = data[entity.name]!;
    const existing = new Set(
      (await ctx
        .db(entity.table)
        .pluck('external_id')
        .whereIn('external_id', records.map((r) => r.external_id as string).filter(Boolean))) as string[],
    );
    const fresh = records.filter((r) => !existing.has(r.external_id as string));
    const journeys: { externalId: string; steps: Journey }[] = [];
    const deferred: { externalId: string; values: Record<string, unknown> }[] = [];
    const resolved: Record<string, unknown>[] = [];
    for (const r of fresh) {
      const out: Record<string, unknown> = {};
      const later: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === '$transitions') {
          journeys.push({ externalId: r.external_id as string, steps: v as Journey });
          continue;
        }
        const field = entity.fields.get(k);
        const self = field?.target === entity.key;
        if (isRef(v) || (Array.isArray(v) && v.some(isRef))) (self ? later : out)[k] = v;
        else out[k] = v;
      }
      resolved.push(out);
      if (Object.keys(later).length) deferred.push({ externalId: r.external_id as string, values: later });
    }
    for (let i = 0; i < resolved.length; i += 500) {
      const batch = await resolveRefs(ctx.db, ctx, entity, resolved.slice(i, i + 500));
      await createRecords(ctx, entity, batch, true);
    }
    for (const d of deferred) {
      const [values] = await resolveRefs(ctx.db, ctx, entity, [d.values]);
      const current = await ctx.db(entity.table).first('version').where({ external_id: d.externalId });
      await updateRecord(ctx, entity, d.externalId, { ...values, version: current.version });
    }
    for (const j of journeys) {
      if (!j.externalId)
        throw new OpsError(422, 'seed_invalid', 'A seed record with $transitions needs an external_id');
      for (const step of j.steps) {
        await fireTransition(ctx, entity, j.externalId, step.name, { ...(step.comment && { comment: step.comment }) });
      }
    }
    counts[entity.name] = fresh.length;
  }
  return counts;
}

async function resolveRefs(
  db: Knex,
  ctx: RequestContext,
  entity: CompiledEntity,
  records: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const wanted = new Map<string, Set<string>>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r)) {
      const target = entity.fields.get(k)?.target;
      if (!target) continue;
      for (const x of Array.isArray(v) ? v : [v])
        if (isRef(x)) wanted.set(target, (wanted.get(target) ?? new Set()).add(x.$ref));
    }
  }
  const ids = new Map<string, string>();
  for (const [target, refs] of wanted) {
    const t = ctx.registry.entities.get(target)!;
    const rows = await db(t.table)
      .select('id', 'external_id')
      .whereIn('external_id', [...refs]);
    for (const row of rows) ids.set(`${target}:${row.external_id}`, row.id);
  }
  const lookup = (target: string, ref: { $ref: string }) => {
    const id = ids.get(`${target}:${ref.$ref}`);
    if (!id)
      throw new OpsError(422, 'seed_invalid', `The seed refers to ${target} "${ref.$ref}", which does not exist`);
    return id;
  };
  return records.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => {
        const target = entity.fields.get(k)?.target;
        if (!target) return [k, v];
        if (Array.isArray(v)) return [k, v.map((x) => (isRef(x) ? lookup(target, x) : x))];
        return [k, isRef(v) ? lookup(target, v) : v];
      }),
    ),
  );
}
