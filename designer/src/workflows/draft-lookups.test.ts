import { describe, expect, it } from 'vitest';
import { draftEntities, draftWorkflows, entityFields, guardVariables, roleOptions } from './draft-lookups.ts';
import { selectionOfPointer } from './selection.ts';

const context = {
  bundle: 'crm',
  files: {
    'entities/visit.json': {
      name: 'visit',
      fields: [{ name: 'subject', type: 'text' }, { name: 'cost' }, null, { type: 'x' }],
    },
    'entities/broken.json': 'not an object',
    'workflows/visit_flow.json': {
      entity: 'visit',
      transitions: [{ name: 'plan' }, { label: 'nameless' }, { name: 'close' }],
    },
    'permissions/crm.json': { name: 'crm' },
  },
  otherEntities: { 'core.site': { name: 'site', fields: [{ name: 'code', type: 'text' }] } },
  roles: ['crm.viewer', 'crm.editor', 'core.viewer', 'crm.viewer'],
};

describe('draft lookups', () => {
  it('reads the entities and their fields, of this draft or another bundle', () => {
    expect([...draftEntities(context).keys()]).toEqual(['visit']);
    expect(entityFields(context, 'visit')).toEqual([
      { name: 'subject', type: 'text' },
      { name: 'cost', type: 'text' },
    ]);
    expect(entityFields(context, 'core.site')).toEqual([{ name: 'code', type: 'text' }]);
    expect(entityFields(context, 'nothing')).toEqual([]);
  });

  it('writes own roles by name and others qualified, once each', () => {
    expect(roleOptions(context)).toEqual(['viewer', 'editor', 'core.viewer']);
  });

  it('finds the transitions of an entity’s workflow', () => {
    expect(draftWorkflows(context).get('visit')).toEqual({ transitions: ['plan', 'close'] });
  });

  it('offers a guard the record, the user, the time and the facts', () => {
    expect(guardVariables([{ name: 'cost', type: 'number' }], ['peak'])).toEqual([
      'record.cost',
      'user.id',
      'user.roles',
      'now',
      'facts.peak',
    ]);
  });

  it('turns an issue pointer into what to select', () => {
    expect(selectionOfPointer('/states/2/label/fr')).toEqual({ kind: 'state', index: 2 });
    expect(selectionOfPointer('/transitions/0')).toEqual({ kind: 'transition', index: 0 });
    expect(selectionOfPointer('/statesx/1')).toBeNull();
    expect(selectionOfPointer(undefined)).toBeNull();
  });
});
