import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './bundle-store.ts';

/** What canonicalJson wrote before it used safe-stable-stringify: stored checksums rest on it. */
function sortedByReplacer(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The same object with its keys in reverse order, all the way down. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('writes what JSON.stringify with sorted keys writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(sortedByReplacer(v));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (v) => {
        expect(canonicalJson(reversed(v))).toBe(canonicalJson(v));
      }),
    );
  });

  it('writes integer-like keys first, in numeric order, as JavaScript objects list them', () => {
    const value = { b: 1, '': 0, '10': 2, '9': 3, '4294967294': 4, '4294967295': 5, '01': 6, '-1': 7 };
    expect(canonicalJson(value)).toBe(sortedByReplacer(value));
    expect(canonicalJson(value)).toBe('{"9":3,"10":2,"4294967294":4,"":0,"-1":7,"01":6,"4294967295":5,"b":1}');
  });

  it('leaves out undefined properties and writes dates as JSON does', () => {
    const at = new Date('2026-11-21T10:00:00Z');
    expect(canonicalJson({ b: undefined, a: at, c: [undefined] })).toBe('{"a":"2026-11-21T10:00:00.000Z","c":[null]}');
  });

  it('writes a value nested 2,000 levels deep, as JSON.stringify does', () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 2000; i++) deep = i % 2 ? [deep] : { [`k${i}`]: deep, a: i };
    expect(canonicalJson(deep)).toBe(sortedByReplacer(deep));
  });

  it('throws on a cycle instead of hashing a placeholder', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(RangeError);
  });
});
