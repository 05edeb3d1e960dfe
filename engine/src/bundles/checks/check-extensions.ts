import type { EntityDefinition, ExtensionDefinition, FieldDefinition } from '@opsflux/definitions';
import type { BundleIssue } from '../bundle-types.ts';
import { extensionTarget, splitTarget } from '../../extensions/merge-extensions.ts';
import { namingIssues, type BundleCheck, type CheckContext, type EntitySource } from './check-context.ts';
import { checkFieldFormats } from './check-field-formats.ts';
import { checkFields } from './check-fields.ts';
import { checkNames } from './check-names.ts';
import { checkReferences } from './check-references.ts';

/** An extension read as an entity holding its fields, so the entity field checks run on it as written. */
function asEntity(x: { file: string; def: ExtensionDefinition }): EntitySource {
  const label = { en: x.def.name };
  return { file: x.file, def: { name: x.def.name, label, pluralLabel: label, fields: x.def.fields } };
}

/** Extension fields of the other bundles at hand (not this bundle's applied version) on `<bundle>.<entity>`. */
function othersOn(ctx: CheckContext, bundle: string, entity: EntityDefinition) {
  const out: { bundle: string; extension: string; field: FieldDefinition }[] = [];
  for (const b of ctx.available.values()) {
    if (b.manifest.name === ctx.manifest.name || b.manifest.name === bundle) continue;
    for (const x of b.extensions ?? []) {
      const t = splitTarget(x.entity);
      const owner = t.bundle === bundle && ctx.available.get(bundle);
      if (!owner || extensionTarget(owner, t.entity)?.name !== entity.name) continue;
      for (const field of x.fields) out.push({ bundle: b.manifest.name, extension: x.name, field });
    }
  }
  return out;
}

/**
 * Extensions name an entity of a dependency, and their fields pass the checks an entity's fields
 * pass and take no name the entity or another extension of it already uses. Seen from the other
 * side, this bundle keeps the entities other bundles extend and leaves their field names free.
 */
export const checkExtensions: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = [...namingIssues('extension', ctx.extensions)];
  const { manifest, extensions, available } = ctx;
  const taken = new Map<string, string>();
  for (const x of extensions) {
    const say = (pointer: string, code: string, message: string) =>
      issues.push({ file: x.file, pointer, code, message });
    const t = splitTarget(x.def.entity);
    if (t.bundle === manifest.name) {
      say(
        '/entity',
        'extension.own_entity',
        `"${x.def.entity}" is an entity of this bundle: add the fields to it instead`,
      );
      continue;
    }
    if (!Object.hasOwn(manifest.dependencies ?? {}, t.bundle)) {
      say(
        '/entity',
        'extension.not_dependency',
        `The bundle "${t.bundle}" is not a dependency of this bundle: only an entity of a bundle listed in bundle.json "dependencies" can be extended`,
      );
      continue;
    }
    const dep = available.get(t.bundle);
    if (!dep) continue; // reported by the dependency check
    const entity = extensionTarget(dep, t.entity);
    if (!entity) {
      say(
        '/entity',
        'extension.unknown_entity',
        `The bundle "${t.bundle}" has no entity "${t.entity}" (known: ${dep.entities.map((e) => e.name).join(', ')})`,
      );
      continue;
    }
    const own = new Set(entity.fields.map((f) => f.name));
    const others = new Map(othersOn(ctx, t.bundle, entity).map((o) => [o.field.name, o]));
    x.def.fields.forEach((field, i) => {
      const at = `/fields/${i}/name`;
      const key = `${t.bundle}.${entity.name}.${field.name}`;
      const other = others.get(field.name);
      if (own.has(field.name))
        say(
          at,
          'extension.field_taken',
          `Field "${field.name}": the entity "${x.def.entity}" already has a field of that name: choose another name`,
        );
      else if (other)
        say(
          at,
          'extension.field_taken',
          `Field "${field.name}": the bundle "${other.bundle}" already adds a field of that name to "${x.def.entity}" (extension ${other.extension}): choose another name`,
        );
      else if (taken.has(key))
        say(
          at,
          'extension.field_taken',
          `Field "${field.name}": the extension in ${taken.get(key)} already adds a field of that name to "${x.def.entity}"`,
        );
      else taken.set(key, x.file);
    });
  }
  // The field checks of entities, run on the extensions' fields; the references an extension
  // writes without a bundle name are to this bundle's entities.
  const files = new Set(extensions.map((x) => x.file));
  const pseudo = { ...ctx, entities: [...ctx.entities, ...extensions.map(asEntity)] };
  const onlyExtensions = (found: BundleIssue[]) =>
    found.filter((i) => files.has(i.file) && !i.code.startsWith('entity.'));
  issues.push(
    ...onlyExtensions(checkNames(pseudo)),
    ...onlyExtensions(checkFields(pseudo)),
    ...onlyExtensions(checkFieldFormats(pseudo)),
    ...onlyExtensions(checkReferences(pseudo)),
  );
  issues.push(...extendedByOthers(ctx));
  return issues;
};

/** This bundle's entities that other installed bundles extend are still there, without their fields. */
function extendedByOthers(ctx: CheckContext): BundleIssue[] {
  const issues: BundleIssue[] = [];
  const me = { entities: ctx.entities.map((e) => e.def) };
  for (const b of ctx.available.values()) {
    if (b.manifest.name === ctx.manifest.name) continue;
    for (const x of b.extensions ?? []) {
      const t = splitTarget(x.entity);
      if (t.bundle !== ctx.manifest.name) continue;
      const entity = extensionTarget(me, t.entity);
      if (!entity) {
        issues.push({
          file: `entities/`,
          pointer: '',
          code: 'extension.target_removed',
          message: `The bundle "${b.manifest.name}" adds fields to the entity "${t.entity}" (its extensions/${x.name}.json), which this version no longer has: keep the entity (or rename it with "renamedFrom"), or first remove that extension or uninstall "${b.manifest.name}"`,
        });
        continue;
      }
      const source = ctx.entities.find((e) => e.def === entity)!;
      const theirs = new Set(x.fields.map((f) => f.name));
      entity.fields.forEach((f, i) => {
        if (!theirs.has(f.name)) return;
        issues.push({
          file: source.file,
          pointer: `/fields/${i}/name`,
          code: 'extension.field_taken',
          message: `Field "${f.name}": the bundle "${b.manifest.name}" already adds a field of that name to "${entity.name}" (its extensions/${x.name}.json): choose another name`,
        });
      });
    }
  }
  return issues;
}
