import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, fromStored, toStored } from '../bundles/bundle-store.ts';
import type { Bundle } from '../bundles/bundle-types.ts';
import { fromFiles, loadBundle } from '../bundles/load-bundle.ts';
import { validateBundle } from '../bundles/validate-bundle.ts';
import { bundleToFiles } from './bundle-to-files.ts';
import { publishVersion } from './draft-check.ts';
import { checkContent, pathProblem } from './draft-paths.ts';
import { renamedContent } from './draft-store.ts';

const SHIPPED = path.resolve(import.meta.dirname, '../../../definitions/bundles');

async function validated(folder: string, available: Map<string, Bundle>): Promise<Bundle> {
  const result = validateBundle(await loadBundle(folder), { available });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.bundle;
}

describe('bundleToFiles', () => {
  it('gives back the files of each shipped bundle, which load and validate to the same bundle', async () => {
    const available = new Map<string, Bundle>();
    for (const name of ['core', 'tiers', 'pobvue', 'mocvue']) {
      const folder = path.join(SHIPPED, name);
      const bundle = await validated(folder, available);
      // As the database gives it back: no file names but the entities'.
      const files = bundleToFiles(fromStored(toStored(bundle)));
      const onDisk = (await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
      expect([...files.keys()].sort(), name).toEqual(onDisk);
      expect([...files.keys()][0]).toBe('bundle.json');
      const again = validateBundle(fromFiles(name, new Map([...files].map(([p, c]) => [p, JSON.stringify(c)]))), {
        available,
      });
      expect(again.ok, name).toBe(true);
      expect(checksum(again.ok ? again.bundle : bundle), name).toBe(checksum(bundle));
      available.set(name, bundle);
    }
  });

  it('gives back the extensions of a bundle (extensions/<name>.json), which validate to the same bundle', async () => {
    const core = await validated(path.join(SHIPPED, 'core'), new Map());
    const available = new Map([['core', core]]);
    const folder = path.resolve(import.meta.dirname, '../../test/bundles/extend-v1');
    const bundle = await validated(folder, available);
    const files = bundleToFiles(fromStored(toStored(bundle)));
    expect([...files.keys()]).toContain('extensions/site_extras.json');
    const onDisk = (await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
    expect([...files.keys()].sort()).toEqual(onDisk);
    const again = validateBundle(fromFiles('x', new Map([...files].map(([p, c]) => [p, JSON.stringify(c)]))), {
      available,
    });
    expect(again.ok && checksum(again.bundle)).toBe(checksum(bundle));
  });
});

describe('draft paths', () => {
  it('accepts the files a bundle folder holds and nothing outside the kinds folders', () => {
    for (const ok of ['bundle.json', 'entities/site.json', 'permissions/tests/roles.json', 'views/a-b_c.view.json'])
      expect(pathProblem(ok), ok).toBeUndefined();
    for (const bad of [
      '',
      '/bundle.json',
      'entities/',
      'entities/.x.json',
      'entities/a/b.json',
      'i18n/en.json',
      'entities/x.json/',
      'entities/../bundle.json',
      'entities/x.JSON',
      'entities\\x.json',
      'entities/a.b.c.json',
    ])
      expect(pathProblem(bad), bad).toBeDefined();
  });

  it('never lets a path climb out of its folder or hide (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (p) => {
        if (pathProblem(p) !== undefined) return;
        const segments = p.split('/');
        expect(segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))).toBe(false);
        expect(p).toMatch(/\.json$/);
        expect(p.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes JSON objects only, refusing too deep, too large and NUL (property: it never throws otherwise)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          checkContent(v);
          expect(v !== null && typeof v === 'object' && !Array.isArray(v)).toBe(true);
        } catch (e) {
          expect((e as { status?: number }).status).toBeGreaterThanOrEqual(400);
        }
      }),
    );
  });
});

describe('publishing', () => {
  it('keeps a greater draft version and bumps the patch otherwise', () => {
    expect(publishVersion('2.0.0', '1.4.2')).toBe('2.0.0');
    expect(publishVersion('1.4.2', '1.4.2')).toBe('1.4.3');
    expect(publishVersion('1.0.0', '1.4.2')).toBe('1.4.3');
    expect(publishVersion('0.1.0', undefined)).toBe('0.1.0');
  });

  it('renames a definition with its file; an entity keeps its first name in renamedFrom', () => {
    expect(renamedContent('views/a.json', 'views/b.json', { name: 'a', x: 1 })).toEqual({ name: 'b', x: 1 });
    expect(renamedContent('views/a.json', 'views/b.json', { name: 'other' })).toEqual({ name: 'other' });
    const once = renamedContent('entities/a.json', 'entities/b.json', { name: 'a' });
    expect(once).toEqual({ name: 'b', renamedFrom: 'a' });
    expect(renamedContent('entities/b.json', 'entities/c.json', once)).toEqual({ name: 'c', renamedFrom: 'a' });
    expect(renamedContent('entities/b.json', 'entities/a.json', once)).toEqual({ name: 'a' });
  });
});
