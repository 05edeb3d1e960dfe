import type { Knex } from 'knex';
import semver from 'semver';
import type { StoredBundle } from '../bundles/bundle-store.ts';
import { OpsError } from '../errors.ts';
import { bundleToFiles } from './bundle-to-files.ts';

/** One row of a bundle's history (`sys_bundle_versions`): an apply, an uninstall, an (de)activation. */
export interface VersionSummary {
  id: number;
  version: string;
  operation: string;
  checksum: string;
  appliedAt: string;
  appliedBy: string | null;
  /** The plan's steps (applies) or the archived tables (uninstalls). */
  steps: unknown[];
}

export interface VersionDetail extends VersionSummary {
  /** The bundle's files as applied; null for rows that hold no definition (uninstall, activation). */
  files: Record<string, unknown> | null;
}

type Row = Record<string, unknown>;

function summary(r: Row): VersionSummary {
  return {
    id: Number(r.id),
    version: r.version as string,
    operation: r.operation as string,
    checksum: r.checksum as string,
    appliedAt: new Date(r.applied_at as string).toISOString(),
    appliedBy: (r.applied_by as string | null) ?? null,
    steps: (r.steps as unknown[]) ?? [],
  };
}

/** The files of a stored definition, as a JSON object by path. */
export function storedFiles(definition: StoredBundle): Record<string, unknown> {
  return Object.fromEntries(bundleToFiles(definition));
}

/** Every version of `bundle`, newest first. */
export async function listVersions(db: Knex, bundle: string): Promise<VersionSummary[]> {
  const rows = (await db('sys_bundle_versions')
    .where({ bundle })
    .orderBy('id', 'desc')
    .select('id', 'version', 'operation', 'checksum', 'applied_at', 'applied_by', 'steps')) as Row[];
  return rows.map(summary);
}

/** One version of `bundle` with its definition, or 404 `version_not_found`. */
export async function readVersion(
  db: Knex,
  bundle: string,
  id: string,
): Promise<VersionSummary & { definition: StoredBundle | null }> {
  const row = /^[1-9]\d{0,15}$/.test(id)
    ? ((await db('sys_bundle_versions')
        .where({ bundle, id: Number(id) })
        .first()) as Row | undefined)
    : undefined;
  if (!row)
    throw new OpsError(404, 'version_not_found', `The bundle "${bundle}" has no version with id "${id.slice(0, 40)}"`);
  return { ...summary(row), definition: (row.definition as StoredBundle | null) ?? null };
}

/** The files of a version, or 409 `version_without_files` for a row that records no definition. */
export function filesOrRefuse(v: { id: number; operation: string; definition: StoredBundle | null }) {
  if (!v.definition) {
    throw new OpsError(
      409,
      'version_without_files',
      `Version ${v.id} records an ${v.operation}: it holds no definition to compare or roll back to`,
    );
  }
  return storedFiles(v.definition);
}

/**
 * The version a rollback gets: after the greatest version the bundle ever had, its patch
 * number bumped, so versions only grow (1.4.2 → 1.4.3).
 */
export async function nextVersion(db: Knex, bundle: string, current: string): Promise<string> {
  const seen = (await db('sys_bundle_versions').where({ bundle }).distinct().pluck('version')) as string[];
  const top = [current, ...seen].filter((v) => semver.valid(v)).sort(semver.rcompare)[0] ?? current;
  return semver.inc(top, 'patch') ?? `${current}-rollback`;
}
