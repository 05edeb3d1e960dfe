import { describe, expect, it } from 'vitest';
import { entityOptions, findEntity, workflowStates } from './entity-lookup.ts';

const site = { name: 'site', label: { en: 'Site', fr: 'Site' }, pluralLabel: { en: 'Sites' }, fields: [] };
const context = {
  bundle: 'ops',
  files: {
    'bundle.json': { name: 'ops' },
    'entities/request.json': {
      name: 'request',
      label: { en: 'Request', fr: 'Demande' },
      pluralLabel: { en: 'R' },
      fields: [],
    },
    'workflows/request.json': { name: 'request', entity: 'request', states: [{ name: 'draft' }, { name: 'done' }] },
  },
  otherEntities: { 'core.site': site, 'ops.request': { name: 'old' } },
};

describe('entity lookup', () => {
  it('lists the draft entities first, then the other bundles', () => {
    expect(entityOptions(context, 'fr')).toEqual([
      { value: 'request', label: 'Demande (request)', bundle: 'ops' },
      { value: 'core.site', label: 'Site (core.site)', bundle: 'core' },
    ]);
  });

  it('finds a definition by its reference', () => {
    expect(findEntity(context, 'request')?.name).toBe('request');
    expect(findEntity(context, 'ops.request')?.name).toBe('request');
    expect(findEntity(context, 'core.site')).toBe(site);
    expect(findEntity(context, 'core.nothing')).toBeNull();
  });

  it("reads the states of the entity's workflow in the draft", () => {
    expect(workflowStates(context, 'request')).toEqual(['draft', 'done']);
    expect(workflowStates(context, 'core.site')).toEqual([]);
  });
});
