import type { EntityDefinition, ExtensionDefinition, FieldDefinition } from '@opsflux/definitions';
import type { DraftContext } from '../editor-types.ts';

/**
 * Pure helpers of the extension editor (`extensions/<name>.json`): the extension read as an
 * entity so the entity editor's field table and settings edit its fields, the entities it may
 * extend, and the field names that would clash with the target's.
 */

/** A field the target entity already has, with the bundle whose extension added it (if any). */
export interface TargetField {
  field: FieldDefinition;
  /** The extending bundle, for a field another extension added; undefined for the entity's own. */
  addedBy?: string;
}

/** Why a field name of the extension is taken. */
export type Clash =
  | { kind: 'target' }
  | { kind: 'otherBundle'; bundle: string }
  | { kind: 'sibling'; file: string }
  | { kind: 'duplicate' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The extension as it is being written, with a field list even when the file lacks one. */
export function normalizeExtension(value: unknown): ExtensionDefinition {
  const v = isObject(value) ? value : {};
  return {
    ...(v as Partial<ExtensionDefinition>),
    name: typeof v.name === 'string' ? v.name : '',
    entity: typeof v.entity === 'string' ? v.entity : '',
    fields: Array.isArray(v.fields) ? (v.fields as FieldDefinition[]) : [],
  };
}

/**
 * The extension as an entity holding its fields, named after its target: a reference or a
 * computed field added in the entity editor's way then starts on something valid.
 */
export function asEntity(ext: ExtensionDefinition): EntityDefinition {
  const label = { en: ext.name || ext.entity };
  return { name: ext.entity || ext.name, label, pluralLabel: label, fields: ext.fields };
}

/** The extension with the fields of the entity the entity operations returned. */
export const withFields = (ext: ExtensionDefinition, entity: EntityDefinition): ExtensionDefinition => ({
  ...ext,
  fields: entity.fields,
});

/** The bundles this draft's bundle.json lists as dependencies. */
export function dependencies(files: DraftContext['files']): string[] {
  const manifest = files['bundle.json'];
  const deps = isObject(manifest) ? manifest.dependencies : undefined;
  return isObject(deps) ? Object.keys(deps) : [];
}

/** Entities an extension may name: those of the dependencies, as `bundle.entity`, sorted. */
export function extensionTargets(context: Pick<DraftContext, 'bundle' | 'files' | 'otherEntities'>): string[] {
  const deps = new Set(dependencies(context.files));
  return Object.keys(context.otherEntities)
    .filter((key) => {
      const bundle = key.split('.')[0]!;
      return bundle !== context.bundle && deps.has(bundle);
    })
    .sort();
}

/** A new extension: on the first entity it may extend, with one field (an extension needs one). */
export function newExtension(name: string, targets: readonly string[]): ExtensionDefinition {
  return {
    name,
    entity: targets[0] ?? '',
    fields: [{ name: 'new_field', type: 'string', label: { en: 'New field' } } as FieldDefinition],
  };
}

/**
 * The target's fields as the engine serves them, each with the bundle that added it when
 * another extension did (`owners`: field name → bundle, from the entity's UI metadata).
 */
export function targetFields(definition: unknown, owners: Readonly<Record<string, string>> = {}): TargetField[] {
  const fields = isObject(definition) && Array.isArray(definition.fields) ? definition.fields : [];
  return fields
    .filter((f): f is FieldDefinition => isObject(f) && typeof f.name === 'string')
    .map((field) => (owners[field.name] ? { field, addedBy: owners[field.name] } : { field }));
}

/**
 * Whether a field of the extension has no column yet, so renaming it needs no `renamedFrom`:
 * it was added since the editor opened, or the target as published (read, `target` not null)
 * has no field of that name from this bundle.
 */
export function isNewField(
  name: string,
  addedHere: ReadonlySet<string>,
  target: readonly TargetField[] | null,
  bundle: string,
): boolean {
  if (addedHere.has(name)) return true;
  return target !== null && !target.some((t) => t.addedBy === bundle && t.field.name === name);
}

/** Other extension files of the draft naming the same target, by path. */
export function siblingExtensions(files: DraftContext['files'], path: string, target: string): [string, string[]][] {
  return Object.entries(files)
    .filter(([p, v]) => p !== path && /^extensions\/[^/]+\.json$/.test(p) && isObject(v) && v.entity === target)
    .map(([p, v]) => [
      p,
      (Array.isArray((v as { fields?: unknown }).fields) ? (v as { fields: unknown[] }).fields : [])
        .map((f) => (isObject(f) && typeof f.name === 'string' ? f.name : ''))
        .filter(Boolean),
    ]);
}

/**
 * Which of the extension's fields take a name already used, by index: a field of the target
 * (its own, or added by another bundle's extension), a field another extension file of this
 * draft adds to the same entity, or an earlier field of this extension. Fields this bundle's
 * published version added (`bundle`) are its own columns, not a clash.
 */
export function nameClashes(
  ext: ExtensionDefinition,
  target: readonly TargetField[],
  bundle: string,
  siblings: readonly [string, readonly string[]][] = [],
): Map<number, Clash> {
  const byName = new Map<string, Clash>();
  for (const t of target) {
    if (t.addedBy === bundle) continue;
    byName.set(t.field.name, t.addedBy ? { kind: 'otherBundle', bundle: t.addedBy } : { kind: 'target' });
  }
  for (const [file, names] of siblings)
    for (const n of names) if (!byName.has(n)) byName.set(n, { kind: 'sibling', file });
  const out = new Map<number, Clash>();
  const seen = new Set<string>();
  ext.fields.forEach((f, i) => {
    const clash = byName.get(f.name) ?? (seen.has(f.name) ? { kind: 'duplicate' as const } : undefined);
    if (clash) out.set(i, clash);
    seen.add(f.name);
  });
  return out;
}
