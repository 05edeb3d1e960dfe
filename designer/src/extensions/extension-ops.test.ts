import type { ExtensionDefinition, FieldDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { addField, changeFieldType, renameField } from '../entities/entity-ops.ts';
import {
  asEntity,
  extensionTargets,
  isNewField,
  nameClashes,
  newExtension,
  normalizeExtension,
  siblingExtensions,
  targetFields,
  withFields,
} from './extension-ops.ts';

const field = (name: string, type = 'string') => ({ name, type, label: { en: name } }) as FieldDefinition;
const ext = (...names: string[]): ExtensionDefinition => ({
  name: 'site_extras',
  entity: 'core.site',
  fields: names.map((n) => field(n)),
});

describe('extension as an entity', () => {
  it('starts the fields of a file written by hand, and keeps what else it holds', () => {
    expect(normalizeExtension({ name: 'x', description: { en: 'd' } })).toEqual({
      name: 'x',
      entity: '',
      description: { en: 'd' },
      fields: [],
    });
    expect(normalizeExtension(null)).toEqual({ name: '', entity: '', fields: [] });
  });

  it('lets the entity operations edit its fields; a reference added starts on the target', () => {
    const x = ext('depth');
    const added = withFields(x, addField(asEntity(x)));
    expect(added.fields.map((f) => f.name)).toEqual(['depth', 'new_field']);
    expect(added).not.toHaveProperty('label');
    const ref = withFields(added, changeFieldType(asEntity(added), 1, 'reference'));
    expect(ref.fields[1]).toMatchObject({ type: 'reference', entity: 'core.site' });
  });

  it('records renamedFrom on a rename of a field already there, not on a new one', () => {
    const x = ext('depth');
    expect(withFields(x, renameField(asEntity(x), 0, 'max_depth', false)).fields[0]).toMatchObject({
      name: 'max_depth',
      renamedFrom: 'depth',
    });
    expect(withFields(x, renameField(asEntity(x), 0, 'max_depth', true)).fields[0]).not.toHaveProperty('renamedFrom');
  });
});

describe('targets', () => {
  const context = {
    bundle: 'ops',
    files: { 'bundle.json': { name: 'ops', dependencies: { core: '^1.0.0' } } },
    otherEntities: { 'core.site': {}, 'core.area': {}, 'hr.person': {}, 'ops.old': {} },
  };

  it('offers the entities of the dependencies only, sorted', () => {
    expect(extensionTargets(context)).toEqual(['core.area', 'core.site']);
    expect(extensionTargets({ ...context, files: {} })).toEqual([]);
  });

  it('starts a new extension on the first of them, with one field', () => {
    const x = newExtension('area_extras', extensionTargets(context));
    expect(x).toMatchObject({ name: 'area_extras', entity: 'core.area' });
    expect(x.fields).toHaveLength(1);
    expect(newExtension('a', []).entity).toBe('');
  });
});

describe('nameClashes', () => {
  const target = targetFields(
    { fields: [field('code'), field('depth'), field('mine'), { nope: 1 }] },
    {
      depth: 'geo',
      mine: 'ops',
    },
  );

  it('reads the target fields with who added them', () => {
    expect(target.map((t) => [t.field.name, t.addedBy])).toEqual([
      ['code', undefined],
      ['depth', 'geo'],
      ['mine', 'ops'],
    ]);
    expect(targetFields(undefined)).toEqual([]);
  });

  it('flags the target own fields, other bundles fields, sibling files and duplicates', () => {
    const siblings = siblingExtensions(
      {
        'extensions/a.json': { entity: 'core.site', fields: [{ name: 'color' }] },
        'extensions/b.json': { entity: 'core.area', fields: [{ name: 'size' }] },
        'extensions/me.json': { entity: 'core.site', fields: [{ name: 'size' }] },
      },
      'extensions/me.json',
      'core.site',
    );
    expect(siblings).toEqual([['extensions/a.json', ['color']]]);
    const clashes = nameClashes(ext('code', 'depth', 'mine', 'color', 'size', 'size'), target, 'ops', siblings);
    expect([...clashes]).toEqual([
      [0, { kind: 'target' }],
      [1, { kind: 'otherBundle', bundle: 'geo' }],
      [3, { kind: 'sibling', file: 'extensions/a.json' }],
      [5, { kind: 'duplicate' }],
    ]);
  });

  it('finds nothing when every name is free', () => {
    expect(nameClashes(ext('a', 'b'), target, 'ops').size).toBe(0);
  });
});

describe('isNewField', () => {
  const published = targetFields(
    { fields: [field('code'), field('depth'), field('color')] },
    { depth: 'ops', color: 'geo' },
  );

  it('counts a field this bundle published as having a column, and any other as new', () => {
    expect(isNewField('depth', new Set(), published, 'ops')).toBe(false);
    expect(isNewField('new_field', new Set(), published, 'ops')).toBe(true);
    expect(isNewField('color', new Set(), published, 'ops')).toBe(true);
  });

  it('trusts a field added in the editor, and counts the rest as published while the target is unknown', () => {
    expect(isNewField('depth', new Set(['depth']), published, 'ops')).toBe(true);
    expect(isNewField('new_field', new Set(), null, 'ops')).toBe(false);
  });
});
