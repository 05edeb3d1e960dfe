import { describe, expect, it } from 'vitest';
import { fromFiles } from './load-bundle.ts';
import { validateBundle } from './validate-bundle.ts';

// Workflow definitions are checked against their bundle before anything is applied.

const entity = {
  name: 'ticket',
  label: { en: 'Ticket' },
  pluralLabel: { en: 'Tickets' },
  fields: [
    { name: 'title', type: 'string', label: { en: 'Title' }, required: true },
    { name: 'owner_id', type: 'string', label: { en: 'Owner' } },
    { name: 'count', type: 'integer', label: { en: 'Count' } },
  ],
};
const states = [
  { name: 'open', label: { en: 'Open' }, initial: true, category: 'active' },
  { name: 'closed', label: { en: 'Closed' }, final: true, category: 'done' },
];
const close = { name: 'close', label: { en: 'Close' }, from: ['open'], to: 'closed' };

function validate(workflow: object, permissions?: object) {
  const files = new Map<string, string>([
    ['bundle.json', JSON.stringify({ name: 'desk', version: '1.0.0', title: { en: 'Desk' } })],
    ['entities/ticket.json', JSON.stringify(entity)],
    ['workflows/ticket.json', JSON.stringify({ name: 'ticket_flow', entity: 'ticket', ...workflow })],
  ]);
  if (permissions) files.set('permissions/desk.json', JSON.stringify({ name: 'desk', ...permissions }));
  const result = validateBundle(fromFiles('test', files));
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.pointer}`);
}

describe('workflow checks', () => {
  it('accepts a sound workflow', () => {
    expect(validate({ states, transitions: [close] })).toEqual([]);
  });

  it('needs exactly one initial state', () => {
    const two = states.map((s) => ({ ...s, initial: true }));
    expect(validate({ states: two, transitions: [close] })).toContain('workflow.initial /states');
  });

  it('refuses unknown states, final sources, unknown fields and roles, and stray guard variables', () => {
    const issues = validate({
      states,
      transitions: [
        close,
        { name: 'reopen', label: { en: 'Reopen' }, from: ['closed', 'limbo'], to: 'nowhere', roles: ['boss'] },
        {
          name: 'bump',
          label: { en: 'Bump' },
          from: ['open'],
          to: 'open',
          requiredFields: ['missing'],
          userField: 'count',
          guard: { '>': [{ var: 'record.nope' }, { var: 'record.count' }] },
        },
        {
          name: 'poke',
          label: { en: 'Poke' },
          from: ['open'],
          to: 'open',
          guard: { explode: [{ var: 'env.secret' }] },
        },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'workflow.from_final /transitions/1/from/0',
        'workflow.unknown_state /transitions/1/from/1',
        'workflow.unknown_state /transitions/1/to',
        'workflow.unknown_role /transitions/1/roles/0',
        'workflow.unknown_field /transitions/2/requiredFields/0',
        'workflow.user_field /transitions/2/userField',
        'workflow.guard_variable /transitions/2/guard',
        'workflow.guard_invalid /transitions/3/guard',
        'workflow.guard_variable /transitions/3/guard',
      ]),
    );
  });

  it('finds unreachable states and dead ends that are not final', () => {
    const more = [...states, { name: 'orphan', label: { en: 'Orphan' }, category: 'active' }];
    expect(validate({ states: more, transitions: [close] })).toEqual(
      expect.arrayContaining(['workflow.unreachable /states', 'workflow.dead_end /states']),
    );
  });

  it('lets grants name transitions of the workflow, and no other', () => {
    const permissions = {
      roles: [{ name: 'agent', label: { en: 'Agent' } }],
      grants: [
        { role: 'agent', entity: 'ticket', actions: ['read', 'transition:close', 'transition:fly'], scope: 'all' },
      ],
    };
    expect(validate({ states, transitions: [close] }, permissions)).toEqual([
      'permissions.unknown_transition /grants/0/actions/2',
    ]);
  });
});
