import type { GrantDefinition, PermissionsDefinition } from '@opsflux/definitions';
import { PERMISSION_SCOPES } from '@opsflux/definitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import tiers from '../../../definitions/bundles/tiers/permissions/tiers.json';
import {
  ancestors,
  type CellRule,
  cellRules,
  fromMatrix,
  inheritanceCycle,
  type PermissionMatrix,
  setCell,
  toMatrix,
} from './permission-matrix.ts';
import { addRole, removeRole, renameRole } from './permission-roles.ts';

const name = fc.constantFrom('viewer', 'editor', 'manager');
const entity = fc.constantFrom('company', 'contact', 'core.site');
const action = fc.constantFrom(
  'read',
  'create',
  'update',
  'delete',
  'restore',
  'export',
  'import',
  'transition:submit',
);
const field = fc.constantFrom('notes', 'score', 'title', 'owner');
const rule: fc.Arbitrary<CellRule> = fc.record(
  {
    scope: fc.constantFrom(...PERMISSION_SCOPES),
    condition: fc.option(
      fc.record(
        { status: fc.constantFrom({ $eq: 'open' }, { $in: ['a', 'b'] }), owner: fc.constant({ $user: 'id' }) },
        {
          requiredKeys: [],
        },
      ),
      { nil: undefined },
    ),
    hiddenFields: fc.uniqueArray(field, { maxLength: 2 }),
    readonlyFields: fc.uniqueArray(field, { maxLength: 2 }),
  },
  { requiredKeys: ['scope'] },
);
const grant: fc.Arbitrary<GrantDefinition> = fc
  .tuple(name, entity, fc.uniqueArray(action, { minLength: 1, maxLength: 4 }), rule)
  .map(([role, e, actions, r]) => ({ role, entity: e, actions: actions as GrantDefinition['actions'], ...r }));
const grants = fc.array(grant, { maxLength: 12 });

/** Every (role, entity, action, rule) a list of grants allows: what must survive any rewrite. */
const tuples = (list: readonly GrantDefinition[]) =>
  Object.entries(toMatrix(list))
    .flatMap(([r, es]) =>
      Object.entries(es).flatMap(([e, as]) => Object.entries(as).map(([a, rules]) => JSON.stringify([r, e, a, rules]))),
    )
    .sort();

describe('permission matrix', () => {
  it('reads a shipped bundle cell by cell', () => {
    const m = toMatrix((tiers as PermissionsDefinition).grants ?? []);
    expect(cellRules(m, 'viewer', 'company', 'read')).toEqual([
      { scope: 'all', hiddenFields: ['notes', 'reliability_score'] },
    ]);
    expect(cellRules(m, 'editor', 'contact', 'delete')).toEqual([{ scope: 'own' }]);
    expect(cellRules(m, 'viewer', 'contact', 'delete')).toEqual([]);
  });

  it('matrix → definition → matrix gives the same matrix', () => {
    fc.assert(
      fc.property(grants, (list) => {
        const m: PermissionMatrix = toMatrix(list);
        expect(toMatrix(fromMatrix(m))).toEqual(m);
      }),
    );
  });

  it('definition → matrix → definition allows exactly the same things', () => {
    fc.assert(
      fc.property(grants, (list) => {
        expect(tuples(fromMatrix(toMatrix(list)))).toEqual(tuples(list));
      }),
    );
  });

  it('setting a cell changes that cell only, and leaves untouched grants as they were', () => {
    fc.assert(
      fc.property(grants, name, entity, action, fc.array(rule, { maxLength: 3 }), (list, r, e, a, rules) => {
        const next = setCell(list, r, e, a, rules);
        const before = toMatrix(list);
        const after = toMatrix(next);
        expect(cellRules(after, r, e, a)).toEqual(
          cellRules(toMatrix(rules.map((x) => ({ role: r, entity: e, actions: [a as 'read'], ...x }))), r, e, a),
        );
        const others = (m: PermissionMatrix) =>
          tuples(fromMatrix(m)).filter((t) => !t.startsWith(JSON.stringify([r, e, a]).slice(0, -1)));
        expect(others(after)).toEqual(others(before));
        // Apart from the action set, every grant stays as it was, in its place.
        const without = (gs: GrantDefinition[]) =>
          gs
            .map((g) => (g.role === r && g.entity === e ? { ...g, actions: g.actions.filter((x) => x !== a) } : g))
            .filter((g) => g.actions.length > 0);
        expect(without(next)).toEqual(without(list));
        expect(next.every((g) => g.actions.length > 0)).toBe(true);
      }),
    );
  });

  it('adds an action to an existing grant with the same rule rather than a new grant', () => {
    const list: GrantDefinition[] = [{ role: 'viewer', entity: 'visit', actions: ['read'], scope: 'company' }];
    expect(setCell(list, 'viewer', 'visit', 'export', [{ scope: 'company' }])).toEqual([
      { role: 'viewer', entity: 'visit', actions: ['read', 'export'], scope: 'company' },
    ]);
    expect(setCell(list, 'viewer', 'visit', 'read', [])).toEqual([]);
  });

  it('follows inheritance and finds cycles', () => {
    const roles = [
      { name: 'viewer' },
      { name: 'editor', inherits: ['viewer'] },
      { name: 'manager', inherits: ['editor', 'core.viewer'] },
    ];
    expect(ancestors(roles, 'manager').sort()).toEqual(['core.viewer', 'editor', 'viewer']);
    expect(inheritanceCycle(roles)).toBeNull();
    expect(inheritanceCycle([...roles.slice(1), { name: 'viewer', inherits: ['manager'] }])).toBe('editor');
  });
});

describe('role edits', () => {
  const def = (): PermissionsDefinition => ({
    name: 'crm',
    roles: [
      { name: 'viewer', label: { en: 'Viewer' } },
      { name: 'editor', label: { en: 'Editor' }, inherits: ['crm.viewer'] },
    ],
    grants: [
      { role: 'viewer', entity: 'visit', actions: ['read'], scope: 'all' },
      { role: 'editor', entity: 'visit', actions: ['update'], scope: 'own' },
    ],
  });

  it('renames a role in grants and inheritance, in either spelling', () => {
    const next = renameRole(def(), 0, 'reader', 'crm');
    expect(next.roles?.map((r) => [r.name, r.inherits])).toEqual([
      ['reader', undefined],
      ['editor', ['crm.reader']],
    ]);
    expect(next.grants?.map((g) => g.role)).toEqual(['reader', 'editor']);
  });

  it('removes a role with its grants and the inheritance from it', () => {
    const next = removeRole(def(), 0, 'crm');
    expect(next.roles).toEqual([{ name: 'editor', label: { en: 'Editor' } }]);
    expect(next.grants?.map((g) => g.role)).toEqual(['editor']);
    expect(addRole(next, 'auditor').roles?.at(-1)).toEqual({ name: 'auditor', label: { en: 'auditor' } });
  });
});
