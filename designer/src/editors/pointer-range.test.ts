import { describe, expect, it } from 'vitest';
import { pointerRange } from './pointer-range.ts';

const doc = {
  name: 'site',
  fields: [
    { name: 'code', type: 'string' },
    { name: 'kind', type: 'enum', values: ['a', 'b'] },
  ],
  'a/b': { '~x': 1 },
};
const text = JSON.stringify(doc, null, 2);
const at = (pointer: string) => {
  const r = pointerRange(doc, pointer);
  return r && text.slice(r.start, r.end);
};

describe('pointerRange', () => {
  it('finds the printed value a pointer names', () => {
    expect(at('/name')).toBe('"site"');
    expect(at('/fields/1/type')).toBe('"enum"');
    expect(at('/fields/1/values')).toBe('[\n        "a",\n        "b"\n      ]');
    expect(at('/fields/0')).toBe(JSON.stringify(doc.fields[0], null, 2).replace(/\n/g, '\n    '));
  });

  it('unescapes ~1 and ~0', () => {
    expect(at('/a~1b/~0x')).toBe('1');
  });

  it('falls back to the deepest part that exists, and gives up when none does', () => {
    expect(at('/fields/1/label/en')).toBe(at('/fields/1'));
    expect(pointerRange(doc, '/nothing')).toBeNull();
    expect(pointerRange(doc, '')).toBeNull();
  });

  it('tells apart equal values at different places', () => {
    const twins = { a: 'x', b: 'x' };
    const r = pointerRange(twins, '/b');
    expect(r && JSON.stringify(twins, null, 2).slice(0, r.start)).toContain('"b": ');
  });
});
