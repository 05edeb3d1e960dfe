import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFiles } from './load-bundle.ts';
import { validateBundle } from './validate-bundle.ts';

// Automation definitions and approvals are checked against their bundle before anything is
// applied: every problem is named by file, pointer and code.

const entity = {
  name: 'ticket',
  label: { en: 'Ticket' },
  pluralLabel: { en: 'Tickets' },
  fields: [
    { name: 'title', type: 'string', label: { en: 'Title' }, required: true },
    { name: 'owner_id', type: 'string', label: { en: 'Owner' } },
    { name: 'due_on', type: 'date', label: { en: 'Due' } },
    { name: 'count', type: 'integer', label: { en: 'Count' } },
  ],
};
const states = [
  { name: 'open', label: { en: 'Open' }, initial: true, category: 'active' },
  { name: 'review', label: { en: 'Review' }, category: 'active' },
  { name: 'closed', label: { en: 'Closed' }, final: true, category: 'done' },
];
const transitions = [
  { name: 'submit', label: { en: 'Submit' }, from: ['open'], to: 'review' },
  { name: 'accept', label: { en: 'Accept' }, from: ['review'], to: 'closed' },
  { name: 'send_back', label: { en: 'Send back' }, from: ['review'], to: 'open' },
];
const permissions = { name: 'desk', roles: [{ name: 'lead', label: { en: 'Lead' } }] };

function validate(automations: object[], workflow: object = { states, transitions }) {
  const files = new Map<string, string>([
    ['bundle.json', JSON.stringify({ name: 'desk', version: '1.0.0', title: { en: 'Desk' } })],
    ['entities/ticket.json', JSON.stringify(entity)],
    ['workflows/ticket.json', JSON.stringify({ name: 'ticket_flow', entity: 'ticket', ...workflow })],
    ['permissions/desk.json', JSON.stringify(permissions)],
  ]);
  automations.forEach((a, i) => files.set(`automations/a${i}.json`, JSON.stringify(a)));
  const result = validateBundle(fromFiles('test', files));
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.file}#${i.pointer}`);
}

const create = { type: 'create', entity: 'ticket', values: { title: 'x' } };

describe('automation checks', () => {
  it('accept sound automations of every trigger kind', () => {
    expect(
      validate([
        { name: 'a', entity: 'ticket', trigger: { type: 'record.created' }, actions: [create] },
        { name: 'b', entity: 'ticket', trigger: { type: 'field.changed', field: 'count', to: 3 }, actions: [create] },
        { name: 'c', entity: 'ticket', trigger: { type: 'transition', transition: 'submit' }, actions: [create] },
        { name: 'd', trigger: { type: 'schedule', cron: '0 2 * * 1-5', timezone: 'Africa/Lagos' }, actions: [create] },
        { name: 'e', entity: 'ticket', trigger: { type: 'date', field: 'due_on', offsetDays: -30 }, actions: [create] },
        { name: 'f', trigger: { type: 'webhook', secretEnv: 'DESK_SECRET' }, actions: [create] },
        {
          name: 'g',
          entity: 'ticket',
          trigger: { type: 'record.updated' },
          condition: { '>': [{ var: 'record.count' }, 2] },
          actions: [
            { type: 'notify', to: { roles: ['lead'], fields: ['owner_id'] }, title: { en: '{{record.title}}' } },
            { type: 'update', values: { count: 0 } },
            { type: 'transition', transition: 'submit' },
            { type: 'webhook', url: 'https://hooks.example.com/x', format: 'slack', text: { en: 'hi' } },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('name unknown entities, fields, transitions, states, roles and bad schedules', () => {
    expect(
      validate([
        { name: 'a', entity: 'nope', trigger: { type: 'record.created' }, actions: [create] },
        { name: 'b', entity: 'ticket', trigger: { type: 'field.changed', field: 'colour' }, actions: [create] },
        { name: 'c', entity: 'ticket', trigger: { type: 'transition', transition: 'fly' }, actions: [create] },
        { name: 'd', trigger: { type: 'schedule', cron: '61 * * * *' }, actions: [create] },
        { name: 'e', trigger: { type: 'schedule', cron: '0 2 * * *', timezone: 'Mars/Olympus' }, actions: [create] },
        { name: 'f', entity: 'ticket', trigger: { type: 'date', field: 'title', offsetDays: 1 }, actions: [create] },
        {
          name: 'g',
          entity: 'ticket',
          trigger: { type: 'record.updated' },
          actions: [
            { type: 'notify', to: { roles: ['boss'] }, title: { en: 'x' } },
            { type: 'update', values: { colour: 'red' } },
            { type: 'transition', transition: 'fly' },
            { type: 'create', entity: 'ticket', values: { title: { nope: [] } } },
          ],
        },
        { name: 'h', trigger: { type: 'record.created' }, actions: [create] },
        { name: 'i', trigger: { type: 'schedule', cron: '* * * * *' }, actions: [{ type: 'update', values: {} }] },
      ]),
    ).toEqual([
      'automation.unknown_entity automations/a0.json#/entity',
      'automation.unknown_field automations/a1.json#/trigger/field',
      'automation.unknown_transition automations/a2.json#/trigger/transition',
      'automation.cron automations/a3.json#/trigger/cron',
      'automation.timezone automations/a4.json#/trigger/timezone',
      'automation.date_field automations/a5.json#/trigger/field',
      'automation.unknown_role automations/a6.json#/actions/0/to/roles/0',
      'automation.unknown_field automations/a6.json#/actions/1/values/colour',
      'automation.unknown_transition automations/a6.json#/actions/2/transition',
      'automation.value automations/a6.json#/actions/3/values/title',
      'automation.entity_missing automations/a7.json#',
      'automation.no_record automations/a8.json#/actions/0',
    ]);
  });

  it('speak of the branch the author meant when the shape is wrong', () => {
    const issues = validate([
      { name: 'a', entity: 'ticket', trigger: { type: 'date', field: 'due_on' }, actions: [create] },
    ]);
    expect(issues).toEqual(['schema.required automations/a0.json#/trigger']);
    expect(validate([{ name: 'a', trigger: { type: 'sometimes' }, actions: [create] }])).toEqual([
      'schema.enum automations/a0.json#/trigger/type',
    ]);
  });

  it('never throw on arbitrary automation documents', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (trigger, actions) => {
        const issues = validate([{ name: 'a', entity: 'ticket', trigger, actions }]);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('approval checks', () => {
  const withApproval = (approval: object) => ({
    states: states.map((s) => (s.name === 'review' ? { ...s, approval } : s)),
    transitions,
  });
  const sound = {
    name: 'review',
    mode: 'sequential',
    steps: [
      { name: 'lead', label: { en: 'Lead' }, approvers: { role: 'lead' } },
      { name: 'owner', label: { en: 'Owner' }, approvers: { field: 'owner_id' } },
      { name: 'boss', label: { en: 'Manager' }, approvers: { manager: true } },
    ],
    onApproved: 'accept',
    onRejected: 'send_back',
    reminderHours: 24,
    escalation: { afterHours: 48 },
  };

  it('accept a sound approval', () => {
    expect(validate([], withApproval(sound))).toEqual([]);
    expect(validate([], withApproval({ ...sound, mode: 'quorum', quorum: 2 }))).toEqual([]);
  });

  it('name outcomes that do not leave the state, bad quorums, unknown roles and fields', () => {
    const at = 'workflows/ticket.json#/states/1/approval';
    expect(
      validate(
        [],
        withApproval({
          ...sound,
          mode: 'quorum',
          quorum: 4,
          onApproved: 'submit',
          onRejected: 'vanish',
          steps: [
            { name: 'lead', label: { en: 'Lead' }, approvers: { role: 'chief' } },
            { name: 'lead', label: { en: 'Lead' }, approvers: { field: 'count' } },
          ],
        }),
      ),
    ).toEqual([
      `approval.transition_from ${at}/onApproved`,
      `approval.unknown_transition ${at}/onRejected`,
      `approval.quorum ${at}/quorum`,
      `approval.unknown_role ${at}/steps/0/approvers/role`,
      `approval.duplicate_step ${at}/steps/1/name`,
      `approval.user_field ${at}/steps/1/approvers/field`,
    ]);
  });
});
