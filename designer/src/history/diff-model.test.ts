import { describe, expect, it } from 'vitest';
import {
  buildDiffModel,
  defaultComparison,
  describePointer,
  holdsFiles,
  pointerSegments,
  showValue,
} from './diff-model.ts';

describe('pointers in words', () => {
  it('unescapes segments and counts array positions from one', () => {
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(describePointer('/fields/2/label/en')).toBe('fields › 3 › label › en');
    expect(describePointer('')).toBe('');
    expect(describePointer('/')).toBe('');
  });

  it('shows strings as they are and other values as compact JSON, cut when long', () => {
    expect(showValue('Site')).toBe('Site');
    expect(showValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(showValue(null)).toBe('null');
    const long = showValue('x'.repeat(1000));
    expect(long).toHaveLength(240);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('buildDiffModel', () => {
  it('puts the manifest first, sorts the rest and counts files by status', () => {
    const model = buildDiffModel([
      { path: 'views/b.json', status: 'removed', changes: [] },
      { path: 'bundle.json', status: 'changed', changes: [{ pointer: '/version', before: '1.0.0', after: '1.1.0' }] },
      { path: 'entities/a.json', status: 'added', changes: [] },
    ]);
    expect(model.files.map((f) => f.path)).toEqual(['bundle.json', 'entities/a.json', 'views/b.json']);
    expect(model.counts).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('tells an added, a removed and a changed value apart, with the place in words', () => {
    const [file] = buildDiffModel([
      {
        path: 'entities/site.json',
        status: 'changed',
        changes: [
          { pointer: '/fields/1', after: { name: 'code', type: 'string' } },
          { pointer: '/fields/0/required', before: true },
          { pointer: '/label/fr', before: 'Site', after: 'Lieu' },
          { pointer: '/description', before: null, after: 'x' },
        ],
      },
    ]).files;
    expect(file?.lines).toEqual([
      {
        pointer: '/fields/1',
        place: 'fields › 2',
        kind: 'added',
        before: null,
        after: '{"name":"code","type":"string"}',
      },
      { pointer: '/fields/0/required', place: 'fields › 1 › required', kind: 'removed', before: 'true', after: null },
      { pointer: '/label/fr', place: 'label › fr', kind: 'changed', before: 'Site', after: 'Lieu' },
      { pointer: '/description', place: 'description', kind: 'changed', before: 'null', after: 'x' },
    ]);
  });
});

describe('holdsFiles', () => {
  it('keeps applies and leaves out the rows that hold no definition', () => {
    const ops = ['install', 'upgrade', 'rollback', 'activate', 'deactivate', 'uninstall', 'purge'];
    expect(ops.filter((operation) => holdsFiles({ operation }))).toEqual(['install', 'upgrade', 'rollback']);
  });
});

describe('defaultComparison', () => {
  it('compares the newest version with the draft, else with the version before it', () => {
    expect(defaultComparison(['3', '2', '1'], true)).toEqual({ from: '3', to: 'draft' });
    expect(defaultComparison(['3', '2', '1'], false)).toEqual({ from: '2', to: '3' });
    expect(defaultComparison(['1'], false)).toEqual({ from: null, to: null });
    expect(defaultComparison([], true)).toEqual({ from: null, to: null });
  });
});
