import { createHash } from 'node:crypto';
import type { WorkflowDefinition } from '@opsflux/definitions';
import type { Knex } from 'knex';
import type { Bundle } from './bundle-types.ts';

/** What is stored of an applied bundle: its manifest and definitions, without file locations. */
export interface StoredBundle {
  manifest: Bundle['manifest'];
  entities: Bundle['entities'];
  permissions?: Bundle['permissions'];
  permissionTests?: Bundle['permissionTests'];
  workflows?: Bundle['workflows'];
  automations?: Bundle['automations'];
  templates?: Bundle['templates'];
  views?: Bundle['views'];
  forms?: Bundle['forms'];
  menus?: Bundle['menus'];
  extensions?: Bundle['extensions'];
}

/** Kinds a bundle does not use are left out, so adding a kind does not change older checksums. */
export function toStored(bundle: Bundle): StoredBundle {
  return {
    manifest: bundle.manifest,
    entities: bundle.entities,
    ...(bundle.permissions.length && { permissions: bundle.permissions }),
    ...(Object.keys(bundle.permissionTests).length && { permissionTests: bundle.permissionTests }),
    ...(bundle.workflows.length && { workflows: bundle.workflows }),
    ...(bundle.automations.length && { automations: bundle.automations }),
    ...(bundle.templates.length && { templates: bundle.templates }),
    ...(bundle.views.length && { views: bundle.views }),
    ...(bundle.forms.length && { forms: bundle.forms }),
    ...(bundle.menus.length && { menus: bundle.menus }),
    ...(bundle.extensions.length && { extensions: bundle.extensions }),
  };
}

export function fromStored(stored: StoredBundle): Bundle {
  return {
    manifest: stored.manifest,
    entities: stored.entities,
    permissions: stored.permissions ?? [],
    permissionTests: stored.permissionTests ?? {},
    workflows: stored.workflows ?? [],
    automations: stored.automations ?? [],
    templates: stored.templates ?? [],
    views: stored.views ?? [],
    forms: stored.forms ?? [],
    menus: stored.menus ?? [],
    extensions: stored.extensions ?? [],
    files: Object.fromEntries(stored.entities.map((e) => [e.name, `entities/${e.name}.json`])),
  };
}

/** JSON with keys sorted, so the checksum does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function checksum(bundle: Bundle): string {
  return createHash('sha256')
    .update(canonicalJson(toStored(bundle)))
    .digest('hex');
}

export interface AppliedBundle {
  bundle: Bundle;
  version: string;
  checksum: string;
  status: string;
  appliedAt: string;
  appliedBy: string | null;
}

export async function readAppliedBundles(db: Knex | Knex.Transaction): Promise<Map<string, AppliedBundle>> {
  const rows = await db('sys_bundles').select('*').orderBy('name');
  return new Map(
    rows.map((r) => [
      r.name as string,
      {
        bundle: fromStored(r.definition as StoredBundle),
        version: r.version as string,
        checksum: r.checksum as string,
        status: r.status as string,
        appliedAt: new Date(r.applied_at as string).toISOString(),
        appliedBy: (r.applied_by as string | null) ?? null,
      },
    ]),
  );
}

/** Workflows of every applied version of each bundle, oldest first (see `WorkflowHistory`). */
export async function readWorkflowHistory(
  db: Knex | Knex.Transaction,
): Promise<Map<string, { version: string; workflows: WorkflowDefinition[] }[]>> {
  const rows = (await db('sys_bundle_versions')
    .whereRaw("definition \\? 'workflows'")
    .orderBy('id')
    .select('bundle', 'version', db.raw("definition->'workflows' as workflows"))) as {
    bundle: string;
    version: string;
    workflows: WorkflowDefinition[];
  }[];
  const out = new Map<string, { version: string; workflows: WorkflowDefinition[] }[]>();
  for (const r of rows)
    out.set(r.bundle, [...(out.get(r.bundle) ?? []), { version: r.version, workflows: r.workflows }]);
  return out;
}
