import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bundle, BundleIssue, RawBundle } from './bundle-types.ts';
import { BundleLoadError, fromFiles, loadBundle } from './load-bundle.ts';
import { formatIssue, validateBundle, type ValidationResult } from './validate-bundle.ts';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/invalid-bundles/', import.meta.url));

interface Expected {
  description: string;
  /** The validator does not return `issues` yet: the case runs as `it.fails` (see the fixtures' README). */
  knownBug?: string;
  issues: BundleIssue[];
}

/** Newer V8 versions append "(line N column M)" to JSON.parse errors; the fixtures hold the message without it. */
function normalize(issues: BundleIssue[]): BundleIssue[] {
  return issues.map((i) =>
    i.code === 'invalid_json' ? { ...i, message: i.message.replace(/ \(line \d+ column \d+\)$/, '') } : i,
  );
}

/** Bundles under `available/<name>/`, each loaded and validated, by name. */
async function loadAvailable(dir: string): Promise<Map<string, Bundle>> {
  const available = new Map<string, Bundle>();
  const root = path.join(dir, 'available');
  if (!existsSync(root)) return available;
  for (const name of readdirSync(root).sort()) {
    const result = validateBundle(await loadBundle(path.join(root, name)), { available });
    if (!result.ok) throw new Error(`available/${name} is not valid:\n${result.issues.map(formatIssue).join('\n')}`);
    expect(result.bundle.manifest.name).toBe(name);
    available.set(name, result.bundle);
  }
  return available;
}

/** The issues of a fixture: the load errors, or the validation issues. */
async function issuesOf(dir: string): Promise<{ issues: BundleIssue[]; ok: boolean }> {
  const available = await loadAvailable(dir);
  let raw: RawBundle;
  try {
    raw = await loadBundle(dir);
  } catch (e) {
    if (e instanceof BundleLoadError) return { issues: normalize(e.issues), ok: false };
    throw e;
  }
  const result = validateBundle(raw, { available });
  return { issues: result.issues, ok: result.ok };
}

const fixtureDirs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('invalid bundles (engine/test/fixtures/invalid-bundles)', () => {
  it('has at least 45 cases, each with a description and a non-empty issue list', () => {
    expect(fixtureDirs.length).toBeGreaterThanOrEqual(45);
    for (const name of fixtureDirs) {
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
      expect(expected.description, name).toMatch(/\S/);
      expect(expected.issues.length, name).toBeGreaterThan(0);
      for (const i of expected.issues)
        expect(Object.keys(i).sort(), name).toEqual(['code', 'file', 'message', 'pointer']);
    }
  });

  for (const name of fixtureDirs) {
    const dir = path.join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const test = expected.knownBug ? it.fails : it;
    test(`${name}: ${expected.description}${expected.knownBug ? ` [known bug: ${expected.knownBug}]` : ''}`, async () => {
      const { issues, ok } = await issuesOf(dir);
      expect(issues).toEqual(expected.issues);
      expect(ok).toBe(false);
    });
  }
});

const t = (en: string) => ({ en });
const MINIMAL_MANIFEST = { name: 'crm', version: '1.0.0', title: t('CRM') };
const MINIMAL_ENTITY = {
  name: 'company',
  label: t('Company'),
  pluralLabel: t('Companies'),
  fields: [{ name: 'name', type: 'string', label: t('Name') }],
};

function rawBundle(manifest: unknown, entities: Record<string, unknown>): RawBundle {
  return {
    source: 'memory',
    manifest: { file: 'bundle.json', data: manifest },
    kinds: { entity: Object.entries(entities).map(([file, data]) => ({ file, data })) },
  };
}

function filesOf(manifest: unknown, entities: Record<string, unknown>): Map<string, string> {
  return new Map([
    ['bundle.json', JSON.stringify(manifest)],
    ...Object.entries(entities).map(([name, e]): [string, string] => [`entities/${name}.json`, JSON.stringify(e)]),
  ]);
}

function expectValid(result: ValidationResult): Bundle {
  if (!result.ok) throw new Error(`expected a valid bundle, got:\n${result.issues.map(formatIssue).join('\n')}`);
  expect(result.issues).toEqual([]);
  return result.bundle;
}

describe('valid bundles', () => {
  it('accepts a minimal bundle and returns its definitions', () => {
    const bundle = expectValid(
      validateBundle(fromFiles('memory', filesOf(MINIMAL_MANIFEST, { company: MINIMAL_ENTITY }))),
    );
    expect(bundle.manifest).toEqual(MINIMAL_MANIFEST);
    expect(bundle.entities).toEqual([MINIMAL_ENTITY]);
    expect(bundle.files).toEqual({ company: 'entities/company.json' });
  });

  it('accepts a bundle using every option correctly, with a dependency', () => {
    const tiers = expectValid(
      validateBundle(
        fromFiles(
          'memory',
          filesOf(
            { name: 'tiers', version: '1.4.2', title: t('Third parties') },
            {
              partner: {
                name: 'partner',
                label: t('Partner'),
                pluralLabel: t('Partners'),
                fields: [{ name: 'name', type: 'string', label: t('Name') }],
              },
            },
          ),
        ),
      ),
    );
    const manifest = {
      name: 'crm',
      version: '2.0.0-rc.1',
      title: { en: 'CRM', fr: 'GRC' },
      dependencies: { tiers: '^1.2.0' },
    };
    const company = {
      name: 'company',
      label: t('Company'),
      pluralLabel: t('Companies'),
      displayField: 'name',
      companyScoped: true,
      fields: [
        { name: 'name', type: 'string', label: t('Name'), required: true, searchable: true, maxLength: 120 },
        { name: 'code', type: 'string', label: t('Code'), pattern: '[A-Z]{3}', default: 'ABC', unique: true },
        { name: 'number', type: 'string', label: t('Number') },
        { name: 'notes', type: 'text', label: t('Notes') },
        { name: 'employees', type: 'integer', label: t('Employees'), min: 0, max: 100000, default: 1 },
        { name: 'capital', type: 'decimal', label: t('Capital'), precision: 20, scale: 2 },
        {
          name: 'status',
          type: 'enum',
          label: t('Status'),
          default: 'active',
          values: [
            { value: 'active', label: t('Active'), color: '#2e7d32' },
            { value: 'closed', label: t('Closed') },
          ],
        },
        { name: 'partner', type: 'reference', label: t('Partner'), entity: 'tiers.partner', onDelete: 'set-null' },
        {
          name: 'parent',
          type: 'reference',
          label: t('Parent'),
          entity: 'crm.company',
          required: true,
          onDelete: 'cascade',
        },
        { name: 'tags', type: 'references', label: t('Tags'), entity: 'tag' },
        { name: 'settings', type: 'json', label: t('Settings') },
        { name: 'location', type: 'geopoint', label: t('Location') },
        {
          name: 'label',
          type: 'computed',
          label: t('Label'),
          resultType: 'string',
          expression: { cat: [{ var: 'code' }, ' ', { var: 'name' }] },
        },
      ],
      indexes: [{ fields: ['status', 'employees'] }, { fields: ['code'], unique: true }],
      rules: [
        {
          name: 'staff_when_active',
          expression: { or: [{ '!=': [{ var: 'status' }, 'active'] }, { '>': [{ var: 'employees' }, 0] }] },
          message: t('An active company has staff'),
          field: 'employees',
        },
      ],
      sequence: { field: 'number', pattern: 'C-{YYYY}-{MM}-{#####}' },
      searchable: ['notes', 'label'],
    };
    const tag = {
      name: 'tag',
      label: t('Tag'),
      pluralLabel: t('Tags'),
      fields: [{ name: 'name', type: 'string', label: t('Name') }],
    };
    const bundle = expectValid(
      validateBundle(fromFiles('memory', filesOf(manifest, { company, tag })), {
        available: new Map([['tiers', tiers]]),
      }),
    );
    expect(bundle.entities.map((e) => e.name)).toEqual(['company', 'tag']);
  });

  it('accepts entity files named <name>.entity.json', () => {
    const files = new Map([
      ['bundle.json', JSON.stringify(MINIMAL_MANIFEST)],
      ['entities/company.entity.json', JSON.stringify(MINIMAL_ENTITY)],
    ]);
    expect(expectValid(validateBundle(fromFiles('memory', files))).files).toEqual({
      company: 'entities/company.entity.json',
    });
  });
});

describe('formatIssue', () => {
  it('writes file#pointer: message [code]', () => {
    expect(
      formatIssue({
        file: 'entities/company.json',
        pointer: '/fields/2/entity',
        code: 'reference.unknown_entity',
        message: 'Field "owner": it refers to "employee"',
      }),
    ).toBe('entities/company.json#/fields/2/entity: Field "owner": it refers to "employee" [reference.unknown_entity]');
  });

  it('leaves out the # when the issue concerns the whole file', () => {
    expect(
      formatIssue({
        file: 'bundle.json',
        pointer: '',
        code: 'missing_manifest',
        message: 'The bundle has no bundle.json at its top level',
      }),
    ).toBe('bundle.json: The bundle has no bundle.json at its top level [missing_manifest]');
  });
});

describe('loadBundle', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'opsflux-bundle-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const writeBundle = (dir: string, manifest: unknown = MINIMAL_MANIFEST, entity: unknown = MINIMAL_ENTITY) => {
    mkdirSync(path.join(dir, 'entities'), { recursive: true });
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest));
    writeFileSync(path.join(dir, 'entities', 'company.json'), JSON.stringify(entity));
  };

  it('reports a location where nothing exists', async () => {
    const where = path.join(tmp, 'nowhere');
    await expect(loadBundle(where)).rejects.toMatchObject({
      name: 'BundleLoadError',
      issues: [{ file: '', pointer: '', code: 'not_found', message: `Nothing found at ${where}` }],
    });
  });

  it('reports every unreadable JSON file at once', async () => {
    const dir = path.join(tmp, 'two-broken');
    writeBundle(dir);
    writeFileSync(path.join(dir, 'bundle.json'), '{');
    writeFileSync(path.join(dir, 'entities', 'contact.json'), '');
    const error = await loadBundle(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleLoadError);
    expect(normalize((error as BundleLoadError).issues).map((i) => [i.file, i.code])).toEqual([
      ['bundle.json', 'invalid_json'],
      ['entities/contact.json', 'invalid_json'],
    ]);
  });

  it('ignores files outside entities/ and in its sub-folders', async () => {
    const dir = path.join(tmp, 'extra-files');
    writeBundle(dir);
    mkdirSync(path.join(dir, 'entities', 'drafts'));
    writeFileSync(path.join(dir, 'entities', 'drafts', 'contact.json'), '{ not json');
    writeFileSync(path.join(dir, 'package.json'), '{ not json');
    writeFileSync(path.join(dir, 'entities', 'README.md'), '# notes');
    const raw = await loadBundle(dir);
    expect(raw.kinds.entity!.map((f) => f.file)).toEqual(['entities/company.json']);
  });

  const hasZip = spawnSync('zip', ['-v']).status === 0;

  describe.skipIf(!hasZip)('zip archives (zip CLI)', () => {
    const zip = (cwd: string, out: string, ...entries: string[]) => {
      const r = spawnSync('zip', ['-qr', out, ...entries], { cwd });
      if (r.status !== 0) throw new Error(`zip failed: ${r.stderr.toString()}`);
      return out;
    };

    it('loads a zip with bundle.json at its top level', async () => {
      const dir = path.join(tmp, 'zip-flat');
      writeBundle(dir);
      const file = zip(dir, path.join(tmp, 'flat.zip'), 'bundle.json', 'entities');
      const raw = await loadBundle(file);
      expect(raw.source).toBe(file);
      expect(raw.manifest).toEqual({ file: 'bundle.json', data: MINIMAL_MANIFEST });
      expect(expectValid(validateBundle(raw)).entities).toEqual([MINIMAL_ENTITY]);
    });

    it('strips a single top folder, as made by "compress folder"', async () => {
      const parent = path.join(tmp, 'zip-folder');
      writeBundle(path.join(parent, 'crm'));
      writeFileSync(path.join(parent, 'crm', 'README.md'), '# CRM');
      const raw = await loadBundle(zip(parent, path.join(tmp, 'folder.zip'), 'crm'));
      expect(raw.kinds.entity!.map((f) => f.file)).toEqual(['entities/company.json']);
      expectValid(validateBundle(raw));
    });

    it('reports a zip without bundle.json', async () => {
      const parent = path.join(tmp, 'zip-two-folders');
      writeBundle(path.join(parent, 'crm'));
      writeBundle(path.join(parent, 'tiers'));
      await expect(loadBundle(zip(parent, path.join(tmp, 'two-folders.zip'), 'crm', 'tiers'))).rejects.toMatchObject({
        issues: [
          {
            file: 'bundle.json',
            pointer: '',
            code: 'missing_manifest',
            message: 'The bundle has no bundle.json at its top level',
          },
        ],
      });
    });

    it('reports a file that is not a zip archive', async () => {
      const file = path.join(tmp, 'not-a.zip');
      writeFileSync(file, 'plain text');
      const error = await loadBundle(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BundleLoadError);
      expect((error as BundleLoadError).issues).toMatchObject([{ file: '', pointer: '', code: 'invalid_zip' }]);
      expect((error as BundleLoadError).issues[0]!.message).toMatch(/^The file is not a readable zip archive: /);
    });

    // Known bug: macOS "Compress" adds __MACOSX/<folder>/._*.json resource forks, so the archive has
    // two top folders and the bundle folder is not stripped: "The bundle has no bundle.json".
    it('strips the top folder of a macOS zip that also holds __MACOSX/', async () => {
      const parent = path.join(tmp, 'zip-macos');
      writeBundle(path.join(parent, 'crm'));
      mkdirSync(path.join(parent, '__MACOSX', 'crm', 'entities'), { recursive: true });
      const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]);
      writeFileSync(path.join(parent, '__MACOSX', 'crm', '._bundle.json'), appleDouble);
      writeFileSync(path.join(parent, '__MACOSX', 'crm', 'entities', '._company.json'), appleDouble);
      const raw = await loadBundle(zip(parent, path.join(tmp, 'macos.zip'), 'crm', '__MACOSX'));
      expect(raw.kinds.entity!.map((f) => f.file)).toEqual(['entities/company.json']);
    });

    // Known bug: a damaged entry rejects with the raw zlib error instead of a BundleLoadError.
    it('reports a damaged entry as a BundleLoadError', async () => {
      const dir = path.join(tmp, 'zip-damaged');
      writeBundle(dir, { ...MINIMAL_MANIFEST, description: t('x'.repeat(20) + 'abc'.repeat(3000)) });
      const file = zip(dir, path.join(tmp, 'damaged.zip'), 'bundle.json', 'entities');
      const buf = readFileSync(file);
      const data = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
      for (let i = data + 2; i < data + 40; i++) buf[i] = buf[i]! ^ 0xff;
      writeFileSync(file, buf);
      await expect(loadBundle(file)).rejects.toBeInstanceOf(BundleLoadError);
    });
  });
});

describe('validateBundle on arbitrary input (fast-check)', () => {
  const anyValue = fc.oneof(fc.jsonValue(), fc.anything());

  const expectWellFormedFailure = (result: ValidationResult) => {
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
    for (const i of result.issues) {
      expect(i.file).toMatch(/\S/);
      expect(i.code).toMatch(/\S/);
      expect(i.message).toMatch(/\S/);
      expect(typeof i.pointer).toBe('string');
    }
  };

  it('any value as bundle.json: no throw, ok:false with well-formed issues', () => {
    fc.assert(
      fc.property(anyValue, (manifest) => {
        expectWellFormedFailure(validateBundle(rawBundle(manifest, { 'entities/company.json': MINIMAL_ENTITY })));
      }),
    );
  });

  it('any value as an entity file: no throw, ok:false with well-formed issues', () => {
    fc.assert(
      fc.property(anyValue, (entity) => {
        expectWellFormedFailure(validateBundle(rawBundle(MINIMAL_MANIFEST, { 'entities/company.json': entity })));
      }),
    );
  });

  it('any values as both, with several entity files', () => {
    fc.assert(
      fc.property(anyValue, fc.array(anyValue, { minLength: 1, maxLength: 3 }), (manifest, entities) => {
        const files = Object.fromEntries(entities.map((e, i) => [`entities/e${i}.json`, e]));
        expectWellFormedFailure(validateBundle(rawBundle(manifest, files)));
      }),
    );
  });

  it('any text as bundle.json: a BundleLoadError or a failed validation, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const files = new Map([
          ['bundle.json', text],
          ['entities/company.json', JSON.stringify(MINIMAL_ENTITY)],
        ]);
        let raw: RawBundle;
        try {
          raw = fromFiles('memory', files);
        } catch (e) {
          expect(e).toBeInstanceOf(BundleLoadError);
          expect((e as BundleLoadError).issues).toMatchObject([{ file: 'bundle.json', code: 'invalid_json' }]);
          return;
        }
        expectWellFormedFailure(validateBundle(raw));
      }),
    );
  });

  it('a valid entity with any one value replaced: no throw, and issues are well-formed', () => {
    const entity = {
      ...MINIMAL_ENTITY,
      displayField: 'name',
      fields: [
        { name: 'name', type: 'string', label: t('Name'), maxLength: 50 },
        { name: 'employees', type: 'integer', label: t('Employees'), min: 0, max: 10 },
        { name: 'status', type: 'enum', label: t('Status'), values: [{ value: 'a', label: t('A') }] },
        { name: 'parent', type: 'reference', label: t('Parent'), entity: 'company' },
        {
          name: 'label',
          type: 'computed',
          label: t('Label'),
          resultType: 'string',
          expression: { cat: [{ var: 'name' }] },
        },
      ],
      indexes: [{ fields: ['employees'] }],
      rules: [{ name: 'r', expression: { '>': [{ var: 'employees' }, 0] }, message: t('R') }],
      sequence: { field: 'name', pattern: 'C-{#####}' },
      searchable: ['name'],
    };
    expectValid(validateBundle(rawBundle(MINIMAL_MANIFEST, { 'entities/company.json': entity })));
    const paths: string[][] = [];
    const walk = (node: unknown, at: string[]) => {
      if (at.length) paths.push(at);
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
    };
    walk(entity, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (at, value) => {
        const copy = structuredClone(entity) as Record<string, unknown>;
        let node = copy;
        for (const k of at.slice(0, -1)) node = node[k] as Record<string, unknown>;
        node[at.at(-1)!] = value;
        const result = validateBundle(rawBundle(MINIMAL_MANIFEST, { 'entities/company.json': copy }));
        for (const i of result.issues) {
          expect(i.file).toMatch(/\S/);
          expect(i.code).toMatch(/\S/);
          expect(i.message).toMatch(/\S/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
