import { DEFINITION_KINDS } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';
import type { StoredBundle } from '../bundles/bundle-store.ts';

/** A bundle as files: path inside the bundle (`entities/site.json`) → parsed JSON. */
export type BundleFiles = Map<string, unknown>;

/** A validated bundle or what the database stores of one (`sys_bundles.definition`). */
export type BundleLike = StoredBundle & { files?: Bundle['files'] };

/** Where each kind's definitions sit in the bundle (`entity` → `entities`), from the language's list. */
const FOLDER = new Map<string, string>(DEFINITION_KINDS.map((k) => [k.kind, k.folder]));

/** The definitions of each kind a stored bundle holds, by the kind names of DEFINITION_KINDS. */
function definitionsByKind(bundle: BundleLike): Record<string, { name: string }[]> {
  return {
    entity: bundle.entities,
    permissions: bundle.permissions ?? [],
    workflow: bundle.workflows ?? [],
    automation: bundle.automations ?? [],
    template: bundle.templates ?? [],
    view: bundle.views ?? [],
    form: bundle.forms ?? [],
    menu: bundle.menus ?? [],
    extension: bundle.extensions ?? [],
  };
}

/**
 * The files of a bundle folder that would load as `bundle`: `bundle.json`, then one file per
 * definition named after it (`<folder>/<name>.json`; entities keep the file they were read from),
 * and the permission tests under the files they came from. Sorted by path, so two calls on the
 * same bundle give the same map. The content is the definition itself (not a copy).
 */
export function bundleToFiles(bundle: BundleLike): BundleFiles {
  const files = new Map<string, unknown>();
  const put = (path: string, content: unknown) => {
    // Two definitions of one kind with one name do not pass validation; should a stored bundle
    // still hold them, the second gets a file of its own rather than overwrite the first.
    let free = path;
    for (let n = 2; files.has(free); n++) free = path.replace(/\.json$/, `-${n}.json`);
    files.set(free, content);
  };
  for (const [kind, defs] of Object.entries(definitionsByKind(bundle))) {
    const folder = FOLDER.get(kind) ?? kind;
    for (const def of defs) {
      const known = kind === 'entity' ? bundle.files?.[def.name] : undefined;
      put(known ?? `${folder}/${def.name}.json`, def);
    }
  }
  for (const [path, tests] of Object.entries(bundle.permissionTests ?? {})) put(path, tests);
  const sorted = [...files.keys()].sort();
  return new Map<string, unknown>([
    ['bundle.json', bundle.manifest],
    ...sorted.map((p) => [p, files.get(p)] as [string, unknown]),
  ]);
}
