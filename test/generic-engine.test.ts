import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Words that belong to bundles, seeds and plugins, never to the engine or the apps. */
const BUSINESS =
  /\b(pob|pobvue|travelwiz|mocvue|helicopter|vessel|permit|incident|stay[_-]?request|offshore|lifeboat|muster|tiers|contact|supplier)\b/i;
const ROOT = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter(
      (f) =>
        !f.includes('node_modules') &&
        !f.includes(`${path.sep}dist${path.sep}`) &&
        !f.includes(`${path.sep}test${path.sep}`),
    );
}

describe('the engine and the apps know no business', () => {
  for (const part of ['engine/src', 'designer/src', 'runtime-ui/src', 'definitions/src']) {
    it(`${part} has no business word`, () => {
      const files = sources(path.join(ROOT, part));
      expect(files.length).toBeGreaterThan(0);
      const hits = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${path.relative(ROOT, f)}:${i + 1}` }))
          .filter(({ line }) => BUSINESS.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
      expect(hits).toEqual([]);
    });
  }
});
