import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { readAppliedBundles } from '../bundles/bundle-store.ts';
import { OpsError } from '../errors.ts';
import { readSeed } from '../seed/load-seed.ts';
import { bundleFiles, formatDefinition, formatFiles } from './bundle-files.ts';
import { readDraft } from './draft-store.ts';

export interface ExportOptions {
  /** Add the bundle's demo data under `seed/<entity>.json`, when the engine has some. */
  seed?: boolean;
  /** Export the draft when one exists (else the applied bundle). */
  draft?: boolean;
  /** Where the demo data of bundles lives (`SEEDS_DIR`). */
  seedsDir: string;
}

export interface ExportedBundle {
  name: string;
  version: string;
  /** Path → formatted file text, sorted by path. */
  files: Map<string, string>;
  fromDraft: boolean;
  /** Whether demo data was added (asked for, and the bundle has some). */
  seeded: boolean;
}

/**
 * A bundle as the files of its folder, formatted for review (see bundle-files.ts). Demo data
 * comes from `seeds/<bundle>/`: a generator's records (a `seed.ts`) are run and written out
 * as JSON, one list of records per entity, as `opsflux seed` would load them.
 */
export async function exportBundle(db: Knex, name: string, opts: ExportOptions): Promise<ExportedBundle> {
  const draft = opts.draft ? await readDraft(db, name) : undefined;
  const applied = draft ? undefined : (await readAppliedBundles(db)).get(name);
  if (!draft && !applied) throw new OpsError(404, 'bundle_not_found', `The bundle "${name}" is not installed`);
  const files = draft ? await formatFiles(draft.files) : await bundleFiles(applied!.bundle);
  const manifest = draft?.files.get('bundle.json') as { version?: unknown } | undefined;
  const version = draft ? String(manifest?.version ?? draft.baseVersion ?? '') : applied!.version;
  let seeded = false;
  if (opts.seed && existsSync(path.join(opts.seedsDir, name))) {
    const data = await readSeed(opts.seedsDir, name);
    // Entity names become file names: anything else than a plain name is left out.
    for (const entity of Object.keys(data)
      .filter((e) => /^[A-Za-z0-9_-]{1,64}$/.test(e))
      .sort()) {
      files.set(`seed/${entity}.json`, await formatDefinition(undefined, data[entity]));
    }
    seeded = Object.keys(data).length > 0;
  }
  return { name, version, files, fromDraft: !!draft, seeded };
}
