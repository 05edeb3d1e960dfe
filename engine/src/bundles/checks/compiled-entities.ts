import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Bundle } from '../bundle-types.ts';
import { compileEntity } from '../../registry/compile-entity.ts';
import type { CompiledEntity, Registry } from '../../registry/registry-types.ts';
import { extended, type CheckContext } from './check-context.ts';

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const cache = new WeakMap<CheckContext, Pick<Registry, 'entities'>>();

/**
 * The entities of this bundle and of the bundles at hand, compiled as the registry compiles
 * them: checks reuse what the engine itself checks at run time (sortable fields, filters)
 * instead of restating it. An entity that does not compile is left out; its own checks say why.
 */
export function compiledEntities(ctx: CheckContext): Pick<Registry, 'entities'> {
  let found = cache.get(ctx);
  if (found) return found;
  const entities = new Map<string, CompiledEntity>();
  const add = (bundle: string, version: string, defs: Bundle['entities'], workflows: Bundle['workflows']) => {
    for (const def of defs) {
      const wf = workflows.find((w) => w.entity === def.name);
      try {
        const compiled = compileEntity(bundle, def, ajv, wf && { def: wf, bundleVersion: version });
        entities.set(compiled.key, compiled);
      } catch {
        // Reported by the entity and workflow checks.
      }
    }
  };
  for (const b of ctx.available.values()) {
    const defs = b.manifest.name === ctx.manifest.name ? b.entities : b.entities.map((e) => extended(ctx, b, e));
    add(b.manifest.name, b.manifest.version, defs, b.workflows);
  }
  add(
    ctx.manifest.name,
    ctx.manifest.version,
    ctx.entities.map((e) => e.def),
    ctx.workflows.map((w) => w.def),
  );
  found = { entities };
  cache.set(ctx, found);
  return found;
}
