import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpsError } from '../errors.ts';
import { checkPreferences, MAX_PREFERENCES_BYTES, type Preferences } from './preferences.ts';

// The preferences body is the one place a client writes free-form JSON the engine keeps: every
// key is known, every value bounded, the whole size-capped.

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/);
const viewKey = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), name).map(([b, v]) => `${b}.${v}`);
const viewPrefs = fc.record(
  {
    columns: fc.uniqueArray(name, { maxLength: 20 }),
    widths: fc.dictionary(name, fc.integer({ min: 40, max: 2000 }), { maxKeys: 10 }),
    pageSize: fc.integer({ min: 1, max: 500 }),
    sort: fc.array(fc.record({ field: name, direction: fc.constantFrom('asc' as const, 'desc' as const) }), {
      maxLength: 5,
    }),
  },
  { requiredKeys: [] },
);
const validPrefs: fc.Arbitrary<Partial<Preferences>> = fc.record(
  {
    sidebarCollapsed: fc.boolean(),
    theme: fc.constantFrom('light' as const, 'dark' as const, 'system' as const),
    density: fc.constantFrom('comfortable' as const, 'compact' as const),
    language: fc.constantFrom('fr' as const, 'en' as const, 'es' as const, 'pt' as const),
    views: fc.dictionary(viewKey, viewPrefs, { maxKeys: 10 }),
  },
  { requiredKeys: [] },
);
const KNOWN = ['sidebarCollapsed', 'theme', 'density', 'language', 'views'];

/** The error thrown, or undefined when the body was accepted. */
function refusal(body: unknown) {
  try {
    checkPreferences(body);
    return undefined;
  } catch (e) {
    if (!isOpsError(e)) throw e;
    return e;
  }
}

describe('preference payloads', () => {
  it('accept every well-formed object, unchanged', () => {
    fc.assert(
      fc.property(validPrefs, (p) => {
        expect(checkPreferences(p)).toEqual(p);
      }),
    );
  });

  it('refuse any unknown key, naming it', () => {
    const unknown = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !KNOWN.includes(k) && k !== '__proto__');
    fc.assert(
      fc.property(validPrefs, unknown, fc.jsonValue(), (p, key, value) => {
        const err = refusal({ ...p, [key]: value });
        expect(err?.status).toBe(422);
        // A name of spaces only is quoted in the path, so it can be seen.
        const named = err?.details.filter((d) => d.code === 'unknown_property').map((d) => d.path);
        expect([key, JSON.stringify(key)]).toContainEqual(named?.find((p) => p === key || p === JSON.stringify(key)));
      }),
    );
  });

  it('answer any JSON with acceptance or a 422 whose details name a place', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const err = refusal(body);
        if (!err) return;
        expect(err.status).toBe(422);
        expect(err.details.length).toBeGreaterThan(0);
        for (const d of err.details) expect(d.path).toMatch(/\S/);
      }),
      // A property named with spaces only (fast-check found it named nowhere once).
      { examples: [[{ ' ': '' }]] },
    );
  });

  it('refuse values out of their set or range', () => {
    for (const [body, path] of [
      [{ theme: 'blue' }, 'theme'],
      [{ density: 'cosy' }, 'density'],
      [{ language: 'de' }, 'language'],
      [{ views: { 'a.b': { pageSize: 0 } } }, 'views.a.b.pageSize'],
      [{ views: { 'a.b': { colour: 1 } } }, 'views.a.b.colour'],
    ] as const) {
      expect(refusal(body)?.details[0]?.path, JSON.stringify(body)).toBe(path);
    }
  });

  it('refuse a body over the size cap', () => {
    const views = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `bundle.view_${i}`,
        { columns: Array.from({ length: 20 }, (_, j) => `a_rather_long_col_${j}`) },
      ]),
    );
    expect(Buffer.byteLength(JSON.stringify({ views }))).toBeGreaterThan(MAX_PREFERENCES_BYTES);
    expect(refusal({ views })?.details).toEqual([expect.objectContaining({ path: '(body)', code: 'too_large' })]);
  });
});
