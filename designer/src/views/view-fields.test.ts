import type { EntityDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { columnChoices, groupChoices, sortChoices } from './view-fields.ts';

const entity: EntityDefinition = {
  name: 'visit',
  label: { en: 'Visit' },
  pluralLabel: { en: 'Visits' },
  sequence: { field: 'number', pattern: 'V-{###}' },
  fields: [
    { name: 'number', type: 'string', label: { en: 'N' } },
    { name: 'company', type: 'reference', entity: 'tiers.company', label: { en: 'C' } },
    { name: 'day', type: 'date', label: { en: 'D' }, index: true },
    { name: 'outcome', type: 'enum', label: { en: 'O' }, values: [{ value: 'a', label: { en: 'A' } }] },
    { name: 'notes', type: 'text', label: { en: 'T' } },
  ],
  indexes: [{ fields: ['outcome', 'day'] }],
};

describe('view field choices', () => {
  it('offers columns, sorts and board groupings the engine accepts', () => {
    expect(columnChoices(entity, true).slice(0, 6)).toEqual(['number', 'company', 'day', 'outcome', 'notes', 'state']);
    expect(sortChoices(entity, false)).toEqual([
      'company',
      'day',
      'outcome',
      'number',
      'id',
      'created_at',
      'updated_at',
    ]);
    expect(groupChoices(entity, true)).toEqual(['outcome', 'state']);
    expect(groupChoices(null, false)).toEqual([]);
  });
});
