import { describe, expect, it } from 'vitest';
import type { Bundle } from './bundle-types.ts';
import { fromFiles } from './load-bundle.ts';
import { validateBundle } from './validate-bundle.ts';

// Extensions (fields on another bundle's entity) are checked against the bundles at hand.

const en = (s: string) => ({ en: s });
const fld = (name: string, type = 'string', extra: Record<string, unknown> = {}) => ({
  name,
  type,
  label: en(name),
  ...extra,
});
const place = (fields = [fld('name'), fld('code')], extra: Record<string, unknown> = {}) => ({
  name: 'place',
  label: en('Place'),
  pluralLabel: en('Places'),
  fields,
  ...extra,
});

function build(manifest: object, files: Record<string, object>, available = new Map<string, Bundle>()) {
  const map = new Map<string, string>([['bundle.json', JSON.stringify(manifest)]]);
  for (const [p, c] of Object.entries(files)) map.set(p, JSON.stringify(c));
  return validateBundle(fromFiles('test', map), { available });
}

function base(entity: object = place()): Bundle {
  const r = build({ name: 'base', version: '1.0.0', title: en('Base') }, { 'entities/place.json': entity });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bundle;
}

const addon = (name: string, extension: object, extra: Record<string, object> = {}) => ({
  manifest: { name, version: '1.0.0', title: en(name), dependencies: { base: '^1.0.0' } },
  files: { [`extensions/${(extension as { name: string }).name}.json`]: extension, ...extra },
});

function issuesOf(a: ReturnType<typeof addon>, available: Map<string, Bundle>) {
  const r = build(a.manifest, a.files, available);
  return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.file}#${i.pointer}`);
}

const ext = (fields: object[], entity = 'base.place', name = 'place_more') => ({ name, entity, fields });

describe('extension checks', () => {
  it('accepts a bundle that only extends, its fields checked like an entity’s', () => {
    const r = build(
      addon('extra', ext([fld('depth', 'integer', { min: 0 })])).manifest,
      {
        'extensions/place_more.json': ext([fld('depth', 'integer', { min: 0 })]),
      },
      new Map([['base', base()]]),
    );
    expect(r.ok).toBe(true);
    expect(r.ok && r.bundle.extensions.map((x) => x.name)).toEqual(['place_more']);
  });

  it('needs the target to be an entity of a dependency, not of its own bundle', () => {
    const available = new Map([['base', base()]]);
    expect(issuesOf(addon('extra', ext([fld('x')], 'other.place')), available)).toEqual([
      'extension.not_dependency extensions/place_more.json#/entity',
    ]);
    expect(issuesOf(addon('extra', ext([fld('x')], 'base.nowhere')), available)).toEqual([
      'extension.unknown_entity extensions/place_more.json#/entity',
    ]);
    expect(issuesOf(addon('extra', ext([fld('x')], 'extra.place')), available)).toEqual([
      'extension.own_entity extensions/place_more.json#/entity',
    ]);
  });

  it('refuses names the entity, another extension or the system columns already use', () => {
    const first = build(
      addon('first', ext([fld('depth')])).manifest,
      addon('first', ext([fld('depth')])).files,
      new Map([['base', base()]]),
    );
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    const available = new Map([
      ['base', base()],
      ['first', first.bundle],
    ]);
    const second = addon('second', ext([fld('code'), fld('depth'), fld('created_at'), fld('fine')]), {
      'extensions/place_again.json': ext([fld('fine')], 'base.place', 'place_again'),
    });
    expect(issuesOf(second, available)).toEqual([
      'extension.field_taken extensions/place_more.json#/fields/0/name',
      'extension.field_taken extensions/place_more.json#/fields/1/name',
      // Files load in name order: place_again took "fine" first.
      'extension.field_taken extensions/place_more.json#/fields/3/name',
      'field.reserved extensions/place_more.json#/fields/2/name',
    ]);
  });

  it('runs the field checks and the reference checks on extension fields, by their pointers', () => {
    const a = addon(
      'extra',
      ext([fld('n', 'integer', { min: 5, max: 1 }), fld('who', 'reference', { entity: 'ghost' })]),
    );
    expect(issuesOf(a, new Map([['base', base()]]))).toEqual([
      'field.range extensions/place_more.json#/fields/0/min',
      'reference.unknown_entity extensions/place_more.json#/fields/1/entity',
    ]);
  });

  it('names the file and the extension after each other', () => {
    const a = addon('extra', ext([fld('x')]));
    const files = { 'extensions/wrong.json': ext([fld('x')]) };
    const r = build(a.manifest, files, new Map([['base', base()]]));
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['extension.file_name']);
  });

  it('lets forms and grants of the extending bundle name the extension fields', () => {
    const a = addon('extra', ext([fld('depth', 'integer')]), {
      'permissions/extra.json': {
        name: 'extra',
        roles: [{ name: 'reader', label: en('Reader') }],
        grants: [{ role: 'reader', entity: 'base.place', actions: ['read'], scope: 'all', hiddenFields: ['depth'] }],
      },
      'forms/place_depth.json': {
        name: 'place_depth',
        entity: 'base.place',
        layout: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/depth' }] },
      },
    });
    expect(issuesOf(a, new Map([['base', base()]]))).toEqual([]);
  });

  it('keeps the extended bundle from dropping the entity or taking an extension field’s name', () => {
    const extended = build(
      addon('extra', ext([fld('depth')])).manifest,
      addon('extra', ext([fld('depth')])).files,
      new Map([['base', base()]]),
    );
    if (!extended.ok) throw new Error(JSON.stringify(extended.issues));
    const available = new Map([
      ['base', base()],
      ['extra', extended.bundle],
    ]);
    const manifest = { name: 'base', version: '1.1.0', title: en('Base') };
    const taking = build(manifest, { 'entities/place.json': place([fld('name'), fld('depth')]) }, available);
    expect(taking.ok ? [] : taking.issues.map((i) => `${i.code} ${i.file}#${i.pointer}`)).toEqual([
      'extension.field_taken entities/place.json#/fields/1/name',
    ]);
    const other = { ...place(), name: 'spot' };
    const dropping = build(manifest, { 'entities/spot.json': other }, available);
    expect(dropping.ok ? [] : dropping.issues.map((i) => i.code)).toEqual(['extension.target_removed']);
    // A rename (renamedFrom) keeps the extension on the renamed entity.
    const renamed = build(manifest, { 'entities/spot.json': { ...other, renamedFrom: 'place' } }, available);
    expect(renamed.ok).toBe(true);
  });
});
