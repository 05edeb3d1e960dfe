import path from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { bundleFiles, formatDefinition, kindOfPath, PRETTIER_JSON } from '../src/bundle-admin/bundle-files.ts';
import { writeZip } from '../src/bundle-admin/bundle-zip.ts';
import { diffFiles, diffJson } from '../src/bundle-admin/diff-files.ts';
import { canonicalJson } from '../src/bundles/bundle-store.ts';
import { BundleLoadError, fromFiles, loadBundle, readZip } from '../src/bundles/load-bundle.ts';
import { validateBundle } from '../src/bundles/validate-bundle.ts';
import { REPO } from './harness.ts';

const KINDS = [
  'bundle',
  'entity',
  'permissions',
  'workflow',
  'automation',
  'permissionTest',
  'template',
  'view',
  'form',
  'menu',
];

/** The same value with every object's keys in another order (chosen by `seed`). */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i + 1));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = (seed * 31 + i * 17) % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v], i) => [k, shuffleKeys(v, seed * 7 + i)]));
}

/** Definition-like values: random JSON, plus shapes the schemas describe (fields, elements). */
const definitionLike = fc.oneof(
  fc.jsonValue(),
  fc.record({
    name: fc.string(),
    label: fc.dictionary(fc.constantFrom('fr', 'en', 'es', 'pt', 'de'), fc.string()),
    fields: fc.array(
      fc.record({
        name: fc.string(),
        type: fc.constantFrom('string', 'enum', 'reference', 'integer', 'nope'),
        label: fc.dictionary(fc.constantFrom('en', 'fr'), fc.string()),
        extra: fc.jsonValue(),
      }),
    ),
    layout: fc.record({ type: fc.constantFrom('Control', 'Group', 'VerticalLayout'), elements: fc.jsonValue() }),
    zzz: fc.jsonValue(),
  }),
);

describe('config as code: formatDefinition', () => {
  it('is idempotent: format(parse(format(x))) === format(x), and Prettier agrees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS, undefined), definitionLike, async (kind, value) => {
        const once = await formatDefinition(kind, value);
        const twice = await formatDefinition(kind, JSON.parse(once));
        expect(twice).toBe(once);
        expect(once.endsWith('\n')).toBe(true);
        expect(await prettier.check(once, PRETTIER_JSON)).toBe(true);
        expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the keys it is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS), definitionLike, fc.nat(1000), async (kind, value, seed) => {
        expect(await formatDefinition(kind, shuffleKeys(value, seed))).toBe(await formatDefinition(kind, value));
      }),
      { numRuns: 150 },
    );
  });

  it('writes keys in the order of the kind’s schema, recursively, and unknown keys after, alphabetically', async () => {
    const text = await formatDefinition('entity', {
      zeta: 1,
      fields: [
        { maxLength: 10, type: 'string', label: { pt: 'P', en: 'E', fr: 'F' }, name: 'code', required: true },
        {
          values: [{ color: '#112233', label: { en: 'Open' }, value: 'open' }],
          label: { en: 'State' },
          type: 'enum',
          name: 'state',
        },
      ],
      pluralLabel: { en: 'Things' },
      alpha: 2,
      label: { en: 'Thing' },
      name: 'thing',
    });
    const parsed = JSON.parse(text) as Record<string, unknown> & { fields: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['name', 'label', 'pluralLabel', 'fields', 'alpha', 'zeta']);
    expect(Object.keys(parsed.fields[0]!)).toEqual(['name', 'type', 'label', 'required', 'maxLength']);
    expect(Object.keys(parsed.fields[0]!.label as object)).toEqual(['fr', 'en', 'pt']);
    expect(Object.keys((parsed.fields[1]!.values as object[])[0]!)).toEqual(['value', 'label', 'color']);
    // Objects of plain values stay on one line; the file ends with a newline.
    expect(text).toContain('"label": { "fr": "F", "en": "E", "pt": "P" }');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('follows the branch a form element matches', async () => {
    const text = await formatDefinition('form', {
      layout: { elements: [{ scope: '#/properties/a', type: 'Control', label: { en: 'A' } }], type: 'VerticalLayout' },
      entity: 'x',
      name: 'f',
    });
    const form = JSON.parse(text) as { layout: { elements: object[] } };
    expect(Object.keys(form)).toEqual(['name', 'entity', 'layout']);
    expect(Object.keys(form.layout)).toEqual(['type', 'elements']);
    expect(Object.keys(form.layout.elements[0]!)).toEqual(['type', 'scope', 'label']);
  });

  it('names the kind of each bundle path', () => {
    expect(kindOfPath('bundle.json')).toBe('bundle');
    expect(kindOfPath('entities/a.json')).toBe('entity');
    expect(kindOfPath('permissions/tests/roles.json')).toBe('permissionTest');
    expect(kindOfPath('permissions/roles.json')).toBe('permissions');
    expect(kindOfPath('seed/a.json')).toBeUndefined();
  });

  it('formats every shipped bundle into files that load back as the same bundle and pass Prettier', async () => {
    const config = await prettier.resolveConfig(path.join(REPO, 'definitions/bundles/core/bundle.json'));
    for (const name of ['core', 'tiers']) {
      const result = validateBundle(await loadBundle(path.join(REPO, 'definitions/bundles', name)));
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const files = await bundleFiles(result.bundle);
      expect([...files.keys()][0]).toBe('bundle.json');
      for (const [file, text] of files) {
        expect(await prettier.check(text, { ...config, filepath: file }), file).toBe(true);
      }
      const again = validateBundle(fromFiles('again', files));
      expect(again.ok).toBe(true);
      if (again.ok) expect(await bundleFiles(again.bundle)).toEqual(files);
    }
  });
});

describe('deterministic zips', () => {
  it('gives the same bytes for the same files, whatever order they come in, and reads back', async () => {
    const a = new Map([
      ['entities/b.json', '{"b":1}\n'],
      ['bundle.json', '{"name":"x"}\n'],
    ]);
    const b = new Map([...a].reverse());
    const [za, zb] = [await writeZip(a), await writeZip(b)];
    expect(za.equals(zb)).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await writeZip(a)).equals(za)).toBe(true);
    const back = await readZip(za);
    expect([...back.keys()].sort()).toEqual(['bundle.json', 'entities/b.json']);
    expect(back.get('bundle.json')!.toString()).toBe('{"name":"x"}\n');
  });

  it('refuses random bytes with a load error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const outcome = await readZip(Buffer.from(bytes)).then(
          () => 'read',
          (e: unknown) => (e instanceof BundleLoadError ? 'refused' : e),
        );
        expect(['read', 'refused']).toContain(outcome);
      }),
      { numRuns: 200 },
    );
  });

  it('reads or refuses random zips (odd names, damaged bytes), never anything else', async () => {
    const entry = fc.record({
      name: fc.oneof(
        fc.constantFrom(
          'bundle.json',
          'entities/a.json',
          'top/bundle.json',
          '../x.json',
          '/abs.json',
          'a\\b.json',
          '.hidden.json',
        ),
        fc.string({ minLength: 1, maxLength: 30 }),
      ),
      content: fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), fc.nat(), fc.boolean(), async (entries, cut, damage) => {
        const zip = new yazl.ZipFile();
        for (const e of entries) {
          try {
            zip.addBuffer(Buffer.from(e.content), e.name);
          } catch {
            // yazl refuses some names itself; the archive goes on without them.
          }
        }
        zip.end();
        const chunks: Buffer[] = [];
        for await (const c of zip.outputStream) chunks.push(c as Buffer);
        let bytes = Buffer.concat(chunks);
        if (damage && bytes.length) {
          bytes = Buffer.from(bytes);
          bytes[cut % bytes.length] = (bytes[cut % bytes.length]! + 1) % 256;
        }
        const outcome = await readZip(bytes).then(
          () => 'read',
          (e: unknown) => (e instanceof BundleLoadError ? 'refused' : e),
        );
        expect(['read', 'refused']).toContain(outcome);
      }),
      { numRuns: 150 },
    );
  });
});

describe('diffFiles', () => {
  it('says which files were added, removed and changed, with JSON pointers', () => {
    const from = {
      'bundle.json': { name: 'x', version: '1.0.0' },
      'entities/a.json': { name: 'a', fields: [{ name: 'f', type: 'string' }], 'odd/key~': 1 },
      'views/old.json': { name: 'old' },
    };
    const to = {
      'bundle.json': { name: 'x', version: '1.0.0' },
      'entities/a.json': { name: 'a', fields: [{ name: 'f', type: 'text' }, { name: 'g' }], 'odd/key~': 2 },
      'views/new.json': { name: 'new' },
    };
    expect(diffFiles(from, to)).toEqual([
      {
        path: 'entities/a.json',
        status: 'changed',
        changes: [
          { pointer: '/fields/0/type', before: 'string', after: 'text' },
          { pointer: '/fields/1', after: { name: 'g' } },
          { pointer: '/odd~1key~0', before: 1, after: 2 },
        ],
      },
      { path: 'views/new.json', status: 'added', changes: [{ pointer: '', after: { name: 'new' } }] },
      { path: 'views/old.json', status: 'removed', changes: [{ pointer: '', before: { name: 'old' } }] },
    ]);
  });

  it('tells a removed key from one set to null, and a type change at its place', () => {
    expect(diffJson({ a: null, b: 1 }, { b: [1] })).toEqual([
      { pointer: '/a', before: null },
      { pointer: '/b', before: 1, after: [1] },
    ]);
    expect(diffJson([1, 2, 3], [1])).toEqual([
      { pointer: '/1', before: 2 },
      { pointer: '/2', before: 3 },
    ]);
  });

  it('finds nothing between equal values and something between different ones', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
        const same = canonicalJson(a) === canonicalJson(b);
        if (!same) expect(diffJson(a, b).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
