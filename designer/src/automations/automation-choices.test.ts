import { describe, expect, it } from 'vitest';
import type { DraftContext } from '../editor-types.ts';
import { automationChoices } from './automation-choices.ts';

const context: DraftContext = {
  bundle: 'app',
  files: {
    'entities/ticket.json': {
      name: 'ticket',
      fields: [
        { name: 'title', type: 'string' },
        { name: 'due', type: 'date' },
        { name: 'closed_at', type: 'datetime' },
      ],
    },
    'workflows/ticket.json': {
      name: 'ticket',
      entity: 'ticket',
      states: [{ name: 'open', approval: { name: 'review' } }, { name: 'closed' }],
      transitions: [{ name: 'close' }],
    },
    'templates/closed.json': { name: 'closed' },
    'templates/nested/skip.json': { name: 'skip' },
  },
  otherEntities: { 'lib.thing': { name: 'thing', fields: [{ name: 'code', type: 'string' }] } },
  roles: ['app.agent', 'lib.viewer'],
  languages: ['fr', 'en', 'es', 'pt'],
};

describe('automationChoices', () => {
  it('offers the draft entity’s fields, date fields, workflow names, templates and roles', () => {
    const c = automationChoices(context, 'ticket');
    expect(c.trigger).toEqual({
      fields: ['title', 'due', 'closed_at'],
      dateFields: ['due', 'closed_at'],
      transitions: ['close'],
      states: ['open', 'closed'],
      approvals: ['review'],
    });
    expect(c.action.templates).toEqual(['closed']);
    expect(c.action.roles).toEqual(['agent', 'lib.viewer']);
    expect(c.action.entities).toEqual(['ticket', 'lib.thing']);
    expect(automationChoices(context, 'app.ticket').trigger.transitions).toEqual(['close']);
  });

  it('reads another bundle’s entity and has nothing to offer without one', () => {
    expect(automationChoices(context, 'lib.thing').fields).toEqual(['code']);
    expect(automationChoices(context, undefined).trigger).toEqual({
      fields: [],
      dateFields: [],
      transitions: [],
      states: [],
      approvals: [],
    });
  });
});
