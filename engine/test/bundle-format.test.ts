import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBundleFolder } from '../src/bundle-admin/format-folder.ts';
import { REPO } from './harness.ts';

// Config as code: the shipped bundles are written exactly as the designer writes them, so an
// export of an installed bundle is its folder byte for byte and git diffs show only changes.

const SHIPPED = ['core', 'tiers', 'pobvue', 'mocvue'].map((b) => path.join(REPO, 'definitions/bundles', b));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'opsflux-format-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('opsflux format', () => {
  it.each(SHIPPED)('finds nothing to change in the shipped %s', async (dir) => {
    const result = await formatBundleFolder(dir, { check: true });
    expect(result.total).toBeGreaterThan(3);
    expect(result.unreadable).toEqual([]);
    expect(result.changed).toEqual([]);
  });

  it('rewrites a hand-edited file in the designer’s order and style, then leaves it alone', async () => {
    const dir = path.join(scratch, 'tiers');
    cpSync(SHIPPED[1]!, dir, { recursive: true });
    const file = path.join(dir, 'views/contacts.json');
    const view = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Keys reversed and squeezed on one line, as a quick hand edit might leave them.
    writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(view).reverse())));
    writeFileSync(path.join(dir, 'views/broken.json'), '{ "name": ');

    expect(await formatBundleFolder(dir, { check: true })).toMatchObject({
      changed: ['views/contacts.json'],
      unreadable: [{ file: 'views/broken.json' }],
    });
    expect(readFileSync(file, 'utf8').startsWith('{"')).toBe(true);
    await formatBundleFolder(dir);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(SHIPPED[1]!, 'views/contacts.json'), 'utf8'));
    expect((await formatBundleFolder(dir, { check: true })).changed).toEqual([]);
  });
});
