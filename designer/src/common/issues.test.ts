import { describe, expect, it } from 'vitest';
import { indexIn, issuesAt, issuesOutside, under } from './issues.ts';

const issue = (pointer: string) => ({ file: 'entities/a.json', pointer, code: 'x', message: 'm' });

describe('issue pointers', () => {
  it('places issues under a part of the file', () => {
    expect(under('/fields/2/label', '/fields/2')).toBe(true);
    expect(under('/fields/20', '/fields/2')).toBe(false);
    const all = [issue('/fields/1'), issue('/fields/1/values/0'), issue('/rules/0'), issue(''), issue('/name')];
    expect(issuesAt(all, '/fields/1')).toHaveLength(2);
    expect(issuesOutside(all, ['/fields', '/rules']).map((i) => i.pointer)).toEqual(['', '/name']);
    expect(indexIn('/fields/3/label', 'fields')).toBe(3);
    expect(indexIn('/fields', 'fields')).toBeNull();
    expect(indexIn(undefined, 'fields')).toBeNull();
  });
});
