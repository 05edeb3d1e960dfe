import { describe, expect, it } from 'vitest';
import type { Bundle, RawBundle } from '../bundles/bundle-types.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { defaultForm } from '../ui-meta/default-form.ts';
import { extensionOwner, withExtensions } from './merge-extensions.ts';

// The registry compiles an extended entity with the extension's fields; the bundles stay as written.

const en = (s: string) => ({ en: s });
const fld = (name: string, type: string, extra: object = {}) => ({ name, type, label: en(name), ...extra });

function valid(raw: Omit<RawBundle, 'source'>, available = new Map<string, Bundle>()): Bundle {
  const r = validateBundle({ source: 'memory', ...raw }, { available });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bundle;
}

const base = valid({
  manifest: { file: 'bundle.json', data: { name: 'base', version: '1.0.0', title: en('Base') } },
  kinds: {
    entity: [
      {
        file: 'entities/place.json',
        data: { name: 'place', label: en('Place'), pluralLabel: en('Places'), fields: [fld('name', 'string')] },
      },
    ],
  },
});
const extra = valid(
  {
    manifest: {
      file: 'bundle.json',
      data: { name: 'extra', version: '1.0.0', title: en('Extra'), dependencies: { base: '^1.0.0' } },
    },
    kinds: {
      entity: [
        {
          file: 'entities/owner.json',
          data: { name: 'owner', label: en('Owner'), pluralLabel: en('Owners'), fields: [fld('name', 'string')] },
        },
      ],
      extension: [
        {
          file: 'extensions/place_more.json',
          data: {
            name: 'place_more',
            entity: 'base.place',
            fields: [fld('depth', 'integer', { min: 0 }), fld('owner', 'reference', { entity: 'owner' })],
          },
        },
      ],
    },
  },
  new Map([['base', base]]),
);

describe('withExtensions', () => {
  it('appends the fields to the entity, qualifies references and records their bundle', () => {
    const [merged] = withExtensions([base, extra]);
    const fields = merged!.entities[0]!.fields;
    expect(fields.map((f) => f.name)).toEqual(['name', 'depth', 'owner']);
    expect(fields[2]).toMatchObject({ type: 'reference', entity: 'extra.owner' });
    expect(fields.map(extensionOwner)).toEqual([undefined, 'extra', 'extra']);
    // The inputs are not changed.
    expect(base.entities[0]!.fields).toHaveLength(1);
  });

  it('compiles into the registry: validator, default form and the target of references', () => {
    const registry = compileRegistry([base, extra]);
    const place = registry.entity('base', 'place')!;
    expect(place.fields.get('owner')?.target).toBe('extra.owner');
    expect(place.columns).toEqual(expect.arrayContaining(['depth', 'owner']));
    const validate = place.validator();
    expect(validate({ name: 'a', depth: 3 })).toBe(true);
    expect(validate({ name: 'a', depth: -1 })).toBe(false);
    const scopes = JSON.stringify(defaultForm(place).layout);
    expect(scopes).toContain('#/properties/depth');
    expect(scopes).toContain('#/properties/owner');
    // The registry's bundles are those written: exports never write extension fields into base.
    expect(registry.bundles.get('base')!.entities[0]!.fields).toHaveLength(1);
  });
});
