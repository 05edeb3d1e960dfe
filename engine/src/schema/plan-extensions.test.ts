import { describe, expect, it } from 'vitest';
import type { Bundle } from '../bundles/bundle-types.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { withExtensions } from '../extensions/merge-extensions.ts';
import { computePlan } from './plan-bundle.ts';
import { applied, en, fld, labels } from './plan-test-kit.ts';

// The plans around an extension: bundle "extra" adds fields to base.place. Pure: no database.

function make(name: string, version: string, kinds: Record<string, { file: string; data: unknown }[]>, deps = {}) {
  const r = validateBundle(
    {
      source: 'memory',
      manifest: { file: 'bundle.json', data: { name, version, title: en(name), dependencies: deps } },
      kinds,
    },
    { available: new Map([['base', baseBundle()]]) },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bundle;
}

const place = (fields: object[], extra: object = {}) => ({
  file: 'entities/place.json',
  data: { name: 'place', label: en('Place'), pluralLabel: en('Places'), fields, ...extra },
});
const baseFields = [fld('name', 'string', { searchable: true }), fld('code', 'string')];

function baseBundle(): Bundle {
  const r = validateBundle({
    source: 'memory',
    manifest: { file: 'bundle.json', data: { name: 'base', version: '1.0.0', title: en('Base') } },
    kinds: { entity: [place(baseFields)] },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bundle;
}

const extra = (fields: object[], version = '1.0.0') =>
  make(
    'extra',
    version,
    fields.length
      ? {
          extension: [
            { file: 'extensions/place_more.json', data: { name: 'place_more', entity: 'base.place', fields } },
          ],
        }
      : {
          entity: [
            {
              file: 'entities/note.json',
              data: { name: 'note', label: en('N'), pluralLabel: en('N'), fields: [fld('t', 'string')] },
            },
          ],
        },
    { base: '^1.0.0' },
  );
const depth = fld('depth', 'integer', { index: true });

describe('plans with extensions', () => {
  it('installs an extension as columns on the target table, nothing else of the target', () => {
    const plan = computePlan(extra([depth, fld('remark', 'string', { searchable: true })]), undefined, [baseBundle()]);
    expect(labels(plan)).toEqual([
      'drop_search base_place',
      'add_column base_place.depth',
      'add_column base_place.remark',
      'set_search base_place',
      'add_index base_place',
    ]);
    // The target's search covers the extension's searchable field.
    expect(plan.steps.find((s) => s.action === 'set_search')!.sql[0]).toContain('"remark"');
  });

  it('leaves extension columns alone when the target bundle is upgraded', () => {
    const ext = extra([depth]);
    const v1 = baseBundle();
    const v2 = make('base', '1.1.0', { entity: [place([...baseFields, fld('area', 'decimal')])] });
    const plan = computePlan(v2, applied(v1), [ext]);
    expect(labels(plan)).toEqual(['add_column base_place.area']);
  });

  it('carries extension columns through a rename of the target entity', () => {
    const ext = extra([depth]);
    const v2 = make('base', '1.1.0', {
      entity: [{ ...place(baseFields, { renamedFrom: 'place', name: 'spot' }), file: 'entities/spot.json' }],
    });
    const plan = computePlan(v2, applied(baseBundle()), [ext]);
    expect(plan.steps.some((s) => s.action === 'drop_column' || s.action === 'drop_table')).toBe(false);
    expect(labels(plan)).toContain('rename_table base_spot');
    // The index of the extension column follows the table under its new name.
    expect(plan.steps.some((s) => s.action === 'add_index' && s.sql[0]!.includes('"depth"'))).toBe(true);
  });

  it('drops only its own columns, destructively, when an extension goes', () => {
    const plan = computePlan(extra([], '2.0.0'), applied(extra([depth])), [baseBundle()]);
    const drops = plan.steps.filter((s) => s.action === 'drop_column');
    expect(drops).toEqual([expect.objectContaining({ table: 'base_place', column: 'depth', destructive: true })]);
    expect(plan.steps.some((s) => s.table === 'base_place' && s.action === 'drop_table')).toBe(false);
  });
});

describe('forms of an extended entity', () => {
  const form = (layout: object, name = 'place') => ({
    file: `forms/${name}.json`,
    data: { name, entity: 'place', layout },
  });
  const merged = (layout: object) => {
    const b = make('base', '1.0.0', { entity: [place(baseFields)], form: [form(layout)] });
    return withExtensions([b, extra([depth])])[0]!.forms[0]!.layout;
  };
  const control = (f: string) => ({ type: 'Control', scope: `#/properties/${f}` });

  it('get the fields they do not place in a group titled after the extending bundle', () => {
    expect(merged({ type: 'VerticalLayout', elements: [control('name')] })).toEqual({
      type: 'VerticalLayout',
      elements: [control('name'), { type: 'Group', label: en('extra'), elements: [control('depth')] }],
    });
  });

  it('get a category in a categorization, and nothing when they place the fields already', () => {
    const tabs = {
      type: 'Categorization',
      elements: [{ type: 'Category', label: en('A'), elements: [control('name')] }],
    };
    expect((merged(tabs) as { elements: { type: string }[] }).elements.map((e) => e.type)).toEqual([
      'Category',
      'Category',
    ]);
    // A form of the extending bundle that places the field itself is left as it is.
    const placing = { type: 'VerticalLayout', elements: [control('depth')] };
    const own = make(
      'extra',
      '1.0.0',
      {
        extension: [
          { file: 'extensions/place_more.json', data: { name: 'place_more', entity: 'base.place', fields: [depth] } },
        ],
        form: [{ file: 'forms/depth.json', data: { name: 'depth', entity: 'base.place', layout: placing } }],
      },
      { base: '^1.0.0' },
    );
    expect(withExtensions([baseBundle(), own])[1]!.forms[0]!.layout).toEqual(placing);
  });
});
