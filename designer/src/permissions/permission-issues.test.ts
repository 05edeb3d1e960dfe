import type { PermissionsDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { cellIssues, cellKey, placeOf } from './permission-issues.ts';

const def: PermissionsDefinition = {
  name: 'crm',
  roles: [{ name: 'viewer', label: { en: 'Viewer' } }],
  grants: [
    { role: 'viewer', entity: 'visit', actions: ['read'], scope: 'all' },
    { role: 'viewer', entity: 'visit', actions: ['update', 'delete'], scope: 'own', condition: { x: 1 } },
  ],
};

describe('permission issues', () => {
  it('places an issue by its pointer', () => {
    expect(placeOf(def, '/grants/1/condition')).toEqual({
      tab: 'matrix',
      entity: 'visit',
      role: 'viewer',
      actions: ['update', 'delete'],
    });
    expect(placeOf(def, '/roles/0/inherits')).toEqual({ tab: 'roles', index: 0 });
    expect(placeOf(def, '/roles/7')).toEqual({ tab: 'file' });
    expect(placeOf(def, '/grants/10')).toEqual({ tab: 'file' });
    expect(placeOf(def, '')).toEqual({ tab: 'file' });
  });

  it('gives each cell of a grant the messages about that grant', () => {
    const m = cellIssues(def, [
      { file: 'permissions/crm.json', pointer: '/grants/1/condition', code: 'c', message: 'no field x' },
      { file: 'permissions/crm.json', pointer: '/name', code: 'n', message: 'bad name' },
    ]);
    expect([...m.entries()]).toEqual([
      [cellKey('viewer', 'visit', 'update'), ['no field x']],
      [cellKey('viewer', 'visit', 'delete'), ['no field x']],
    ]);
  });
});
