import type { EntityDefinition, ExtensionDefinition, FieldDefinition, FormDefinition } from '@opsflux/definitions';
import type { Bundle } from '../bundles/bundle-types.ts';
import { withExtensionGroups } from './extension-forms.ts';

/** An extension with the bundle that ships it. */
export interface ExtensionSource {
  /** The extending bundle. */
  bundle: Bundle;
  def: ExtensionDefinition;
}

/** The extending bundle of each field an extension added to an entity (see `withExtensions`). */
const owners = new WeakMap<FieldDefinition, string>();

/** The bundle whose extension added this field to its entity; undefined for the entity's own fields. */
export function extensionOwner(field: FieldDefinition): string | undefined {
  return owners.get(field);
}

/** `crm.visit` → `{ bundle: 'crm', entity: 'visit' }`. */
export function splitTarget(target: string): { bundle: string; entity: string } {
  const [bundle, entity] = target.split('.');
  return { bundle: bundle!, entity: entity! };
}

/**
 * The entity an extension names in `bundle`: by its name, or by the name it had before a rename
 * (`renamedFrom`), so an upgrade renaming the entity carries the extension's columns along.
 */
export function extensionTarget(bundle: Pick<Bundle, 'entities'>, entity: string): EntityDefinition | undefined {
  return bundle.entities.find((e) => e.name === entity) ?? bundle.entities.find((e) => e.renamedFrom === entity);
}

/** Every extension of the given bundles that targets an entity of `target`. */
export function extensionsOf(bundles: Iterable<Bundle>, target: Bundle, entity: EntityDefinition): ExtensionSource[] {
  const out: ExtensionSource[] = [];
  for (const b of bundles) {
    if (b.manifest.name === target.manifest.name) continue;
    for (const def of b.extensions ?? []) {
      const t = splitTarget(def.entity);
      if (t.bundle === target.manifest.name && extensionTarget(target, t.entity) === entity)
        out.push({ bundle: b, def });
    }
  }
  return out;
}

/**
 * The fields of an extension as the target entity holds them: a reference to an entity of the
 * extending bundle written without its bundle is qualified, since on the target it would
 * otherwise mean an entity of the target's bundle.
 */
export function extensionFields(x: ExtensionSource): FieldDefinition[] {
  const name = x.bundle.manifest.name;
  return x.def.fields.map((f) => {
    const field: FieldDefinition =
      (f.type === 'reference' || f.type === 'references') && !f.entity.includes('.')
        ? { ...f, entity: `${name}.${f.entity}` }
        : { ...f };
    owners.set(field, name);
    return field;
  });
}

/**
 * The bundles with the fields of every extension merged into the entities they extend (after
 * the entity's own fields), and the forms of an extended entity given the fields they do not
 * place. The input is not changed; a bundle no extension touches is returned as it is. An
 * extension whose target is not at hand is left out (validation reports it).
 */
export function withExtensions(input: Iterable<Bundle>): Bundle[] {
  const bundles = [...input];
  const added = new Map<EntityDefinition, ExtensionSource[]>();
  return bundles
    .map((bundle) => {
      let changed = false;
      const entities = bundle.entities.map((entity) => {
        const xs = extensionsOf(bundles, bundle, entity);
        if (!xs.length) return entity;
        changed = true;
        const merged = { ...entity, fields: [...entity.fields, ...xs.flatMap(extensionFields)] };
        added.set(merged, xs);
        return merged;
      });
      return changed ? { ...bundle, entities } : bundle;
    })
    .map((bundle, _i, merged) => {
      const forms = bundle.forms.map((form) => formWithExtensions(form, bundle, merged, added));
      return forms.some((f, i) => f !== bundle.forms[i]) ? { ...bundle, forms } : bundle;
    });
}

function formWithExtensions(
  form: FormDefinition,
  bundle: Bundle,
  bundles: Bundle[],
  added: Map<EntityDefinition, ExtensionSource[]>,
): FormDefinition {
  const [b, e] = form.entity.includes('.') ? form.entity.split('.') : [bundle.manifest.name, form.entity];
  const owner = bundles.find((x) => x.manifest.name === b);
  const entity = owner?.entities.find((x) => x.name === e);
  const xs = entity && added.get(entity);
  if (!xs) return form;
  return withExtensionGroups(
    form,
    xs.map((x) => ({
      title: x.bundle.manifest.title,
      fields: x.def.fields.map((f) => f.name),
    })),
  );
}
