import fc from 'fast-check';
import type { EntityDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import {
  addField,
  changeFieldType,
  moveField,
  removeField,
  renameField,
  renameVars,
  uniqueName,
  updateField,
} from './entity-ops.ts';

const entity = (): EntityDefinition => ({
  name: 'visit',
  label: { en: 'Visit' },
  pluralLabel: { en: 'Visits' },
  displayField: 'number',
  sequence: { field: 'number', pattern: 'V-{#####}' },
  searchable: ['summary'],
  fields: [
    { name: 'number', type: 'string', label: { en: 'Number' }, maxLength: 20 },
    { name: 'outcome', type: 'enum', label: { en: 'Outcome' }, values: [{ value: 'open', label: { en: 'Open' } }] },
    { name: 'summary', type: 'text', label: { en: 'Summary' } },
    {
      name: 'title',
      type: 'computed',
      label: { en: 'Title' },
      resultType: 'string',
      expression: { cat: [{ var: 'number' }, { var: ['summary', ''] }] },
    },
  ],
  indexes: [{ fields: ['number', 'outcome'] }],
  rules: [{ name: 'r', expression: { '!!': { var: 'summary' } }, message: { en: 'Say it' }, field: 'summary' }],
});

describe('entity edits', () => {
  it('renames an existing field with renamedFrom and fixes what names it', () => {
    const next = renameField(entity(), 2, 'notes', false);
    expect(next.fields[2]).toMatchObject({ name: 'notes', renamedFrom: 'summary' });
    expect(next.searchable).toEqual(['notes']);
    expect(next.rules?.[0]).toMatchObject({ field: 'notes', expression: { '!!': { var: 'notes' } } });
    expect(next.fields[3]).toMatchObject({ expression: { cat: [{ var: 'number' }, { var: ['notes', ''] }] } });
    const again = renameField(renameField(entity(), 0, 'ref', false), 0, 'code', false);
    expect(again.fields[0]).toMatchObject({ name: 'code', renamedFrom: 'number' });
    expect(again).toMatchObject({
      displayField: 'code',
      sequence: { field: 'code' },
      indexes: [{ fields: ['code', 'outcome'] }],
    });
  });

  it('does not mark a field added in this draft', () => {
    const next = renameField(entity(), 1, 'result', true);
    expect(next.fields[1]).toEqual({ ...entity().fields[1], name: 'result' });
  });

  it('renaming back to the first name gives the entity it started from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), (index, to) => {
        fc.pre(!entity().fields.some((f) => f.name === to));
        const from = entity().fields[index]!.name;
        const there = renameField(entity(), index, to, false);
        expect(there.fields[index]).toMatchObject({ name: to, renamedFrom: from });
        expect(renameField(there, index, from, false)).toEqual(entity());
      }),
    );
  });

  it('renames one field only while another bears the same name', () => {
    const twice = renameField(entity(), 1, 'number', true);
    const next = renameField(twice, 1, 'numbers', true);
    expect(next.fields.map((f) => f.name)).toEqual(['number', 'numbers', 'summary', 'title']);
    expect(next.displayField).toBe('number');
  });

  it('renames var paths only on whole segments', () => {
    expect(renameVars({ and: [{ var: 'a' }, { var: 'a.b' }, { var: 'ab' }, { var: ['a', 1] }] }, 'a', 'z')).toEqual({
      and: [{ var: 'z' }, { var: 'z.b' }, { var: 'ab' }, { var: ['z', 1] }],
    });
  });

  it('removes a field with the settings that named it', () => {
    const next = removeField(entity(), 0);
    expect(next.fields.map((f) => f.name)).toEqual(['outcome', 'summary', 'title']);
    expect(next.displayField).toBeUndefined();
    expect(next.sequence).toBeUndefined();
    expect(next.indexes).toEqual([{ fields: ['outcome'] }]);
    const noSummary = removeField(entity(), 2);
    expect(noSummary.searchable).toBeUndefined();
    expect(noSummary.rules?.[0]?.field).toBeUndefined();
  });

  it('adds fields under fresh names, valid for their type', () => {
    const one = addField(entity(), 'enum');
    const two = addField(one, 'reference');
    expect(two.fields.slice(-2)).toMatchObject([
      { name: 'new_field', type: 'enum', values: [{ value: 'value_1' }] },
      { name: 'new_field_2', type: 'reference', entity: 'visit' },
    ]);
    expect(uniqueName('a', ['a', 'a_2'])).toBe('a_3');
  });

  it('keeps common and shared options across a type change, drops the others', () => {
    const e = updateField(entity(), 0, { required: true, unique: true, pattern: '^V' });
    const asText = changeFieldType(e, 0, 'text');
    expect(asText.fields[0]).toEqual({
      name: 'number',
      type: 'text',
      label: { en: 'Number' },
      maxLength: 20,
      required: true,
    });
    const asEnum = changeFieldType(e, 0, 'enum');
    expect(asEnum.fields[0]).toMatchObject({ type: 'enum', unique: true, values: [{ value: 'value_1' }] });
    expect(updateField(e, 0, { pattern: undefined }).fields[0]).not.toHaveProperty('pattern');
  });

  it('moves fields', () => {
    expect(moveField(entity(), 0, 2).fields.map((f) => f.name)).toEqual(['outcome', 'summary', 'number', 'title']);
    expect(moveField(entity(), 0, 9)).toEqual(entity());
  });
});
