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

/**
 * JSON with keys sorted, so the checksum does not depend on key order. Stored checksums and the
 * audit chain's hashes rest on its exact output, which is `JSON.stringify` of each object rebuilt
 * with its keys sorted: JavaScript lists integer-like keys ("0", "12") first, in numeric order,
 * then the others in sorted order. Written by hand because the replacer form rebuilt every object.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One value as JSON.stringify writes it in sorted order; undefined where it leaves it out. */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      return JSON.stringify(value);
  }
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return write(json.call(value));
  // A cycle (none in JSON read from a request or the database) ends in a RangeError.
  return Array.isArray(value) ? writeArray(value) : writeObject(value);
}

function writeArray(value: unknown[]): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i]) ?? 'null');
  return `${out}]`;
}

function writeObject(value: object): string {
  // Object.keys already lists integer-like keys first in numeric order; only the rest are sorted.
  const keys = Object.keys(value);
  let named = 0;
  while (named < keys.length && isIndex(keys[named]!)) named++;
  const ordered =
    named === 0 ? keys.sort(byCodeUnit) : [...keys.slice(0, named), ...keys.slice(named).sort(byCodeUnit)];
  let out = '{';
  for (const k of ordered) {
    const v = write((value as Record<string, unknown>)[k]);
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quote(k)}:${v}`;
  }
  return `${out}}`;
}

/** Characters JSON.stringify escapes in a string (controls, quote, backslash, lone surrogates). */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** Whether JavaScript orders `key` as an array index: a canonical integer below 2³² − 1. */
function isIndex(key: string): boolean {
  if (key === '0') return true;
  if (!/^[1-9]\d{0,9}$/.test(key)) return false;
  return Number(key) < 4294967295;
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

/**
 * Applied bundles already parsed, by name and checksum: a checksum is the sha-256 of the stored
 * definition, so the same pair is the same content in any database. Kept frozen, as callers
 * share them; at most `PARSED_KEPT`, the least recently read dropped first.
 */
const parsed = new Map<string, Bundle>();
const PARSED_KEPT = 200;

function remember(key: string, bundle: Bundle): Bundle {
  parsed.delete(key);
  parsed.set(key, bundle);
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  return bundle;
}

/**
 * The applied bundles by name. Their definitions are parsed once per checksum: a read lists the
 * bundles without them, and only when one is not known yet reads them all again. The bundles
 * returned are frozen and shared: copy before changing one.
 */
export async function readAppliedBundles(db: Knex | Knex.Transaction): Promise<Map<string, AppliedBundle>> {
  const head = ['name', 'version', 'checksum', 'status', 'applied_at', 'applied_by'];
  let rows = (await db('sys_bundles').select(head).orderBy('name')) as Record<string, unknown>[];
  const key = (r: Record<string, unknown>) => `${r.name as string}\u0000${r.checksum as string}`;
  if (rows.some((r) => !parsed.has(key(r)))) {
    rows = (await db('sys_bundles').select('*').orderBy('name')) as Record<string, unknown>[];
  }
  // Without an await since the check, every row read without its definition is known.
  const bundleOf = (r: Record<string, unknown>) =>
    parsed.get(key(r)) ?? deepFreeze(fromStored(r.definition as StoredBundle));
  return new Map(
    rows.map((r) => [
      r.name as string,
      {
        bundle: remember(key(r), bundleOf(r)),
        version: r.version as string,
        checksum: r.checksum as string,
        status: r.status as string,
        appliedAt: new Date(r.applied_at as string).toISOString(),
        appliedBy: (r.applied_by as string | null) ?? null,
      },
    ]),
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
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
