import { describe, expect, it } from 'vitest';
import { changedFiles } from './changed-files.ts';
import { mergeChanged } from './merge-changed.ts';

describe('mergeChanged', () => {
  const files = { 'a.json': { v: 1 }, 'b.json': { v: 1 }, 'c.json': { v: 1 } };

  it('takes others’ new and removed files, and keeps the object when nothing changed', () => {
    expect(mergeChanged(files, { 'b.json': { v: 2 }, 'c.json': null, 'd.json': { v: 1 } }, new Set())).toEqual({
      'a.json': { v: 1 },
      'b.json': { v: 2 },
      'd.json': { v: 1 },
    });
    expect(mergeChanged(files, {}, new Set())).toBe(files);
    expect(mergeChanged(files, undefined, new Set())).toBe(files);
  });

  it('keeps our content for a file we are about to save', () => {
    expect(mergeChanged(files, { 'a.json': { v: 9 } }, new Map([['a.json', { v: 5 }]]))['a.json']).toEqual({ v: 1 });
  });
});

describe('changedFiles', () => {
  it('returns only the files whose content differs, by value', () => {
    const before = { 'a.json': { x: 1 }, 'b.json': { y: [1] } };
    expect(changedFiles(before, { 'a.json': { x: 1 }, 'b.json': { y: [1, 2] }, 'c.json': {} })).toEqual({
      'b.json': { y: [1, 2] },
      'c.json': {},
    });
    expect(changedFiles(before, { ...before })).toEqual({});
  });
});
