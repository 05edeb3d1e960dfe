import { NAME_PATTERN } from '@opsflux/definitions';
import { newExtension } from '../extensions/extension-ops.ts';

/** The kinds of definition the workspace lists, in this order, each with its folder. */
export const TREE_GROUPS = [
  { kind: 'entities', folder: 'entities' },
  { kind: 'extensions', folder: 'extensions' },
  { kind: 'forms', folder: 'forms' },
  { kind: 'views', folder: 'views' },
  { kind: 'workflows', folder: 'workflows' },
  { kind: 'permissions', folder: 'permissions' },
  { kind: 'automations', folder: 'automations' },
  { kind: 'templates', folder: 'templates' },
  { kind: 'menus', folder: 'menus' },
] as const;

export type GroupKind = (typeof TREE_GROUPS)[number]['kind'];

/** The bundle-wide translations page, listed in the tree beside the files. */
export const TRANSLATIONS_ENTRY = '@translations';
export const MANIFEST = 'bundle.json';

export interface TreeFile {
  path: string;
  /** What the tree shows: the file name without `.json` (`tests/roles` for a nested one). */
  name: string;
}

export interface TreeGroup {
  kind: GroupKind | 'other';
  folder: string;
  files: TreeFile[];
}

export interface FileTreeModel {
  manifest: boolean;
  groups: TreeGroup[];
}

const byName = (a: TreeFile, b: TreeFile) => a.name.localeCompare(b.name);

/** The group of a path: the kind whose folder holds it (`permissions/tests/x.json` → permissions). */
export function groupOf(path: string): GroupKind | null {
  const folder = path.split('/')[0];
  return TREE_GROUPS.find((g) => g.folder === folder)?.kind ?? null;
}

/** A file's name in its group: the path below the folder, without `.json`. */
export function displayName(path: string): string {
  const slash = path.indexOf('/');
  return (slash < 0 ? path : path.slice(slash + 1)).replace(/\.json$/, '');
}

/**
 * The workspace tree: every kind's group (empty ones too, so a first definition can be added),
 * files sorted by name, and an `other` group for anything else the bundle holds.
 */
export function buildFileTree(paths: Iterable<string>): FileTreeModel {
  const groups = new Map<string, TreeGroup>(
    TREE_GROUPS.map((g) => [g.kind, { kind: g.kind, folder: g.folder, files: [] }]),
  );
  const other: TreeGroup = { kind: 'other', folder: '', files: [] };
  let manifest = false;
  for (const path of paths) {
    if (path === MANIFEST) {
      manifest = true;
      continue;
    }
    const kind = groupOf(path);
    const file = { path, name: kind ? displayName(path) : path };
    (kind ? groups.get(kind)! : other).files.push(file);
  }
  const out = [...groups.values()];
  if (other.files.length) out.push(other);
  for (const g of out) g.files.sort(byName);
  return { manifest, groups: out };
}

const DEFINITION_NAME = new RegExp(NAME_PATTERN);

/** Why a new definition name is refused (a message key), or null when it is fine. */
export function checkNewName(folder: string, name: string, existing: Iterable<string>): string | null {
  if (!name) return 'nameRequired';
  if (!DEFINITION_NAME.test(name) || name.length > 40) return 'nameInvalid';
  const path = `${folder}/${name}.json`;
  for (const p of existing) if (p === path) return 'nameTaken';
  return null;
}

export const definitionPath = (folder: string, name: string) => `${folder}/${name}.json`;

const label = (name: string) => ({ en: name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) });

/**
 * A new definition's first content: the keys its schema requires, so an editor opens on a shape
 * it knows; the engine's validation says what is left to fill in. An extension starts on the
 * first of `targets` (the dependencies' entities) with one field.
 */
export function newDefinition(kind: GroupKind, name: string, targets: readonly string[] = []): Record<string, unknown> {
  switch (kind) {
    case 'entities':
      return { name, label: label(name), pluralLabel: label(`${name}s`), fields: [] };
    case 'extensions':
      return { ...newExtension(name, targets) };
    case 'forms':
      return { name, entity: name, label: label(name), layout: { type: 'VerticalLayout', elements: [] } };
    case 'views':
      return { name, entity: name, label: label(name), type: 'list', columns: [] };
    case 'workflows':
      return { name, entity: name, label: label(name), states: [], transitions: [] };
    case 'permissions':
      return { name, roles: [], grants: [] };
    case 'automations':
      return { name, label: label(name), trigger: { type: 'record.created' }, actions: [] };
    case 'templates':
      return { name, category: 'general', transactional: false, subject: { en: '' }, body: { en: '' } };
    case 'menus':
      return { name, label: label(name), items: [] };
  }
}

/** A renamed file's new path: same folder, new name (`forms/a.json` + `b` → `forms/b.json`). */
export function renamedPath(path: string, name: string): string {
  const slash = path.lastIndexOf('/');
  return `${slash < 0 ? '' : path.slice(0, slash + 1)}${name}.json`;
}
