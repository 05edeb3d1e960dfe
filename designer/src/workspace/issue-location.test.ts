import { describe, expect, it } from 'vitest';
import type { DraftIssue } from '../editor-types.ts';
import { issueFile, issuesByFile, issueTarget } from './issue-location.ts';

const paths = ['bundle.json', 'entities/site.json', 'forms/site.json', 'permissions/tests/roles.json'];
const issue = (file: string, pointer = '/fields/0'): DraftIssue => ({ file, pointer, code: 'x', message: 'm' });

describe('issueFile', () => {
  it('takes the path the engine names as it is', () => {
    expect(issueFile(issue('entities/site.json'), paths)).toBe('entities/site.json');
    expect(issueFile(issue('permissions/tests/roles.json'), paths)).toBe('permissions/tests/roles.json');
  });

  it('accepts a name without .json, with ./ or with the bundle folder in front', () => {
    expect(issueFile(issue('forms/site'), paths)).toBe('forms/site.json');
    expect(issueFile(issue('./forms/site.json'), paths)).toBe('forms/site.json');
    expect(issueFile(issue('mybundle/entities/site.json'), paths)).toBe('entities/site.json');
    expect(issueFile(issue('mybundle\\entities\\site.json'), paths)).toBe('entities/site.json');
  });

  it('puts a bundle-wide issue on the manifest, and an unknown file nowhere', () => {
    expect(issueFile(issue(''), paths)).toBe('bundle.json');
    expect(issueFile(issue(''), ['entities/site.json'])).toBeNull();
    expect(issueFile(issue('views/gone.json'), paths)).toBeNull();
  });
});

describe('issueTarget and issuesByFile', () => {
  it('carries the pointer to the editor', () => {
    expect(issueTarget(issue('entities/site', '/fields/2/name'), paths)).toEqual({
      path: 'entities/site.json',
      pointer: '/fields/2/name',
    });
    expect(issueTarget(issue('nope.json'), paths)).toBeNull();
  });

  it('groups issues by file, unknown ones under the empty key', () => {
    const grouped = issuesByFile(
      [issue('entities/site.json'), issue('forms/site'), issue('x/y.json'), issue('entities/site.json', '/name')],
      paths,
    );
    expect(grouped.get('entities/site.json')?.map((i) => i.pointer)).toEqual(['/fields/0', '/name']);
    expect(grouped.get('forms/site.json')).toHaveLength(1);
    expect(grouped.get('')).toHaveLength(1);
  });
});
