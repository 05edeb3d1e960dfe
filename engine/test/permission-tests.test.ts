import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPermissionTests } from '../src/access/permission-tests.ts';
import { shippedBundles } from '../src/cli/shipped-bundles.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

/**
 * Every shipped bundle's permission test cases run in the suite: a permission change that
 * opens a hole (or closes a door someone relies on) fails here before it is published.
 */
const bundles = shippedBundles(path.join(REPO, 'definitions/bundles'));

let t: TestEngine;
beforeAll(async () => {
  t = await createTestEngine(bundles);
});
afterAll(() => t?.close());

describe('shipped permission tests', () => {
  it('every shipped bundle with permissions ships test cases', () => {
    for (const b of bundles) {
      const bundle = t.engine.registry.current.bundles.get(path.basename(b))!;
      if (bundle.permissions.length) expect(existsSync(path.join(b, 'permissions/tests')), b).toBe(true);
    }
  });

  for (const location of bundles) {
    const name = path.basename(location);
    it(`${name}: every case gives the expected decision`, async () => {
      const bundle = t.engine.registry.current.bundles.get(name)!;
      const results = await runPermissionTests(t.engine.db, t.engine.registry.current, bundle, t.engine.log);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      if (bundle.permissions.length) expect(results.length).toBeGreaterThan(0);
    });
  }

  it('reports a case whose expectation the grants contradict', async () => {
    const tiers = t.engine.registry.current.bundles.get('tiers')!;
    const wrong = {
      ...tiers,
      permissionTests: {
        'permissions/tests/wrong.json': {
          cases: [
            {
              name: 'a viewer deletes a company (wrong on purpose)',
              user: { roles: ['viewer'], company: 'A' },
              entity: 'company',
              record: { values: { legal_name: 'Wrong Expectations Ltd', type: 'client' } },
              action: 'delete' as const,
              expect: 'allow' as const,
              visibleFields: ['notes'],
            },
          ],
        },
      },
    };
    const [result] = await runPermissionTests(t.engine.db, t.engine.registry.current, wrong, t.engine.log);
    expect(result!.ok).toBe(false);
    expect(result!.problems).toEqual([
      'expected allow, the engine says deny',
      '"notes" should be visible but is hidden',
    ]);
  });
});
