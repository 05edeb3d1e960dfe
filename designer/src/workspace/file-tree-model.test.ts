import { describe, expect, it } from 'vitest';
import {
  buildFileTree,
  checkNewName,
  displayName,
  groupOf,
  newDefinition,
  renamedPath,
  TREE_GROUPS,
} from './file-tree-model.ts';

describe('buildFileTree', () => {
  it('groups files by kind in a fixed order, sorted by name, with the manifest apart', () => {
    const tree = buildFileTree([
      'views/b_list.json',
      'bundle.json',
      'entities/zone.json',
      'entities/asset.json',
      'views/a_list.json',
      'permissions/main.json',
      'permissions/tests/roles.json',
      'extensions/site_extras.json',
    ]);
    expect(tree.manifest).toBe(true);
    expect(tree.groups.map((g) => g.kind)).toEqual(TREE_GROUPS.map((g) => g.kind));
    const files = (kind: string) => tree.groups.find((g) => g.kind === kind)?.files.map((f) => f.name);
    expect(files('entities')).toEqual(['asset', 'zone']);
    expect(files('views')).toEqual(['a_list', 'b_list']);
    expect(files('permissions')).toEqual(['main', 'tests/roles']);
    expect(files('menus')).toEqual([]);
    expect(files('extensions')).toEqual(['site_extras']);
  });

  it('keeps files of no known kind in an "other" group, and leaves it out when there are none', () => {
    expect(buildFileTree(['scripts/hook.json', 'entities/a.json']).groups.at(-1)).toEqual({
      kind: 'other',
      folder: '',
      files: [{ path: 'scripts/hook.json', name: 'scripts/hook.json' }],
    });
    expect(buildFileTree(['entities/a.json']).groups.some((g) => g.kind === 'other')).toBe(false);
    expect(buildFileTree([]).manifest).toBe(false);
  });
});

describe('names and paths', () => {
  it('finds the group of a path by its first folder', () => {
    expect(groupOf('workflows/request.json')).toBe('workflows');
    expect(groupOf('permissions/tests/a.json')).toBe('permissions');
    expect(groupOf('bundle.json')).toBeNull();
    expect(groupOf('entitiesx/a.json')).toBeNull();
    expect(displayName('forms/site.json')).toBe('site');
  });

  it('refuses empty, malformed and taken names, and accepts a new snake_case one', () => {
    const existing = ['entities/site.json'];
    expect(checkNewName('entities', '', existing)).toBe('nameRequired');
    expect(checkNewName('entities', 'Site', existing)).toBe('nameInvalid');
    expect(checkNewName('entities', '1site', existing)).toBe('nameInvalid');
    expect(checkNewName('entities', 'a/b', existing)).toBe('nameInvalid');
    expect(checkNewName('entities', 'site', existing)).toBe('nameTaken');
    expect(checkNewName('forms', 'site', existing)).toBeNull();
  });

  it('renames within the same folder', () => {
    expect(renamedPath('forms/a.json', 'b')).toBe('forms/b.json');
    expect(renamedPath('permissions/tests/a.json', 'b')).toBe('permissions/tests/b.json');
  });

  it('starts every kind with its name and the keys its schema requires', () => {
    for (const { kind } of TREE_GROUPS) {
      const def = newDefinition(kind, 'thing');
      expect(def.name).toBe('thing');
    }
    expect(newDefinition('entities', 'site_kind')).toMatchObject({ label: { en: 'Site kind' }, fields: [] });
    expect(newDefinition('views', 'x')).toMatchObject({ type: 'list', columns: [] });
    expect(newDefinition('extensions', 'site_extras', ['core.site'])).toMatchObject({
      entity: 'core.site',
      fields: [{ name: 'new_field', type: 'string' }],
    });
  });
});
