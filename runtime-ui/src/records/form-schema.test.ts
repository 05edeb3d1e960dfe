import { describe, expect, it } from 'vitest';
import type { EntityMeta } from '../api/api-types.ts';
import { entityModel } from '../model/entity-model.ts';
import { buildSchema, changedValues, chooseUiSchema, formData, pruneUiSchema, withDateFormats } from './form-schema.ts';
import { placeErrors } from './server-errors.ts';

const meta: EntityMeta = {
  bundle: 'desk',
  name: 'ticket',
  definition: {
    name: 'ticket',
    label: { en: 'Ticket', fr: 'Ticket' },
    pluralLabel: { en: 'Tickets' },
    displayField: 'number',
    sequence: { field: 'number', pattern: 'T-{#####}' },
    fields: [
      { name: 'number', type: 'string', label: { en: 'Number' } },
      { name: 'title', type: 'string', label: { en: 'Title', fr: 'Titre' }, required: true },
      {
        name: 'kind',
        type: 'enum',
        label: { en: 'Kind' },
        values: [{ value: 'bug', label: { en: 'Bug' }, color: '#c62828' }],
      },
      { name: 'owner', type: 'reference', entity: 'core.person', label: { en: 'Owner' } },
      { name: 'notes', type: 'text', label: { en: 'Notes' } },
      { name: 'days', type: 'computed', label: { en: 'Days' }, expression: 1, resultType: 'integer' },
    ],
  },
  schema: {
    properties: {
      number: { type: 'string', readOnly: true },
      days: { type: ['integer', 'null'], readOnly: true },
    },
  },
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: { type: 'string', maxLength: 200 },
      kind: { type: ['string', 'null'], enum: ['bug', null] },
      owner: { type: ['string', 'null'] },
      notes: { type: ['string', 'null'] },
    },
  },
};
const model = entityModel(meta, 'fr', { state: 'State', created_at: 'Created', updated_at: 'Updated' });
const texts = { computed: 'Computed', assignedOnSave: 'Assigned on save' };

describe('buildSchema', () => {
  it('labels fields in the user’s language, drops null from types, and marks hints for our renderers', () => {
    const s = buildSchema(model, { mode: 'create', texts }) as { properties: Record<string, Record<string, unknown>> };
    // A new record has no number yet; its computed value is worked out as the user types.
    expect(Object.keys(s.properties)).toEqual(['title', 'kind', 'owner', 'notes', 'days']);
    expect(s.properties.days).toMatchObject({
      readOnly: true,
      'x-computed': { expression: 1, resultType: 'integer' },
    });
    expect(s.properties.title).toMatchObject({ type: 'string', title: 'Titre', maxLength: 200 });
    expect(s.properties.kind).toMatchObject({
      type: 'string',
      'x-enum': [{ value: 'bug', label: 'Bug', color: '#c62828' }],
    });
    expect(s.properties.owner).toMatchObject({ 'x-reference': 'core.person' });
    expect(s).toMatchObject({ required: ['title'] });
  });

  it('shows the sequence and computed fields read-only once the record exists, and what the user may not change', () => {
    const s = buildSchema(model, { mode: 'edit', texts, readonly: ['kind'], hidden: ['notes'] }) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(s.properties.number).toMatchObject({ readOnly: true, description: 'Assigned on save' });
    expect(s.properties.days).toMatchObject({ type: 'integer', readOnly: true, description: 'Computed' });
    expect(s.properties.kind).toMatchObject({ readOnly: true });
    expect(s.properties.notes).toBeUndefined();
  });
});

describe('renderer hints', () => {
  it('marks decimals with their scale, geopoints, and leaves computed fields without an expression out of a new record', () => {
    const m = entityModel(
      {
        ...meta,
        definition: {
          ...meta.definition,
          fields: [
            { name: 'rate', type: 'decimal', scale: 3, label: { en: 'Rate' } },
            { name: 'where', type: 'geopoint', label: { en: 'Where' } },
            { name: 'blank', type: 'computed', label: { en: 'Blank' }, expression: null, resultType: 'string' },
          ],
        },
        inputSchema: { type: 'object', properties: { rate: { type: 'number' }, where: { type: 'object' } } },
      },
      'en',
      { state: 'State', created_at: 'Created', updated_at: 'Updated' },
    );
    const s = buildSchema(m, { mode: 'create', texts }) as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(s.properties)).toEqual(['rate', 'where']);
    expect(s.properties.rate).toMatchObject({ 'x-decimal': { scale: 3 } });
    expect(s.properties.where).toMatchObject({ 'x-geopoint': true });
  });
});

describe('layouts', () => {
  it('puts two short fields to a row and long texts alone', () => {
    const schema = buildSchema(model, { mode: 'create', texts });
    expect(chooseUiSchema(model, schema, 'create')).toEqual({
      type: 'VerticalLayout',
      elements: [
        {
          type: 'HorizontalLayout',
          elements: [
            { type: 'Control', scope: '#/properties/title' },
            { type: 'Control', scope: '#/properties/kind' },
          ],
        },
        { type: 'Control', scope: '#/properties/owner' },
        { type: 'Control', scope: '#/properties/notes', options: { multi: true } },
        { type: 'Control', scope: '#/properties/days' },
      ],
    });
  });

  it('adds computed fields after the engine’s own form, which lists only writable ones', () => {
    const engineForm = {
      name: 'default',
      default: true,
      uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/title' }] },
    };
    const withForm = { ...model, forms: [engineForm] } as unknown as typeof model;
    const schema = buildSchema(withForm, { mode: 'create', texts });
    expect(chooseUiSchema(withForm, schema, 'create')).toEqual({
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/title' },
        { type: 'Control', scope: '#/properties/days' },
      ],
    });
    const bundleForm = { ...engineForm, default: false };
    const shipped = { ...model, forms: [bundleForm] } as unknown as typeof model;
    expect(chooseUiSchema(shipped, schema, 'create')).toEqual(bundleForm.uischema);
  });

  it('prunes controls of fields the form does not have, and the groups they empty', () => {
    const schema = { properties: { title: {} } };
    const layout = {
      type: 'VerticalLayout',
      elements: [
        { type: 'Group', label: 'Hidden', elements: [{ type: 'Control', scope: '#/properties/secret' }] },
        { type: 'Control', scope: '#/properties/title' },
      ],
    };
    expect(pruneUiSchema(layout, schema)).toEqual({
      type: 'VerticalLayout',
      elements: [{ type: 'Control', scope: '#/properties/title' }],
    });
  });
});

describe('values', () => {
  const schema = buildSchema(model, { mode: 'edit', texts });

  it('edits only the form’s fields, without nulls', () => {
    expect(formData(schema, { id: 'x', version: 3, title: 'A', kind: null, days: 2 })).toEqual({ title: 'A', days: 2 });
  });

  it('sends what changed, a cleared field as null, never a read-only field', () => {
    const base = { title: 'A', kind: 'bug', days: 2 };
    expect(changedValues(schema, base, { title: 'B', days: 5 })).toEqual({ title: 'B', kind: null });
  });
});

describe('placeErrors', () => {
  it('puts field errors under their control and keeps the rest for the top of the form', () => {
    const schema = buildSchema(model, { mode: 'create', texts });
    const placed = placeErrors(
      [
        { path: 'title', code: 'required', message: 'Give a title' },
        { path: 'values.owner', code: 'not_found', message: 'No such owner' },
        { path: '', code: 'rule', message: 'Something else' },
      ],
      schema,
    );
    expect(placed.fields.map((e) => [e.instancePath, e.message])).toEqual([
      ['/title', 'Give a title'],
      ['/owner', 'No such owner'],
    ]);
    expect(placed.other).toEqual(['Something else']);
  });
});

describe('withDateFormats', () => {
  it('shows dates in the user’s order unless the form chose a format', () => {
    const schema = {
      properties: { on: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' } },
    };
    const layout = {
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/on' },
        { type: 'Control', scope: '#/properties/at', options: { dateTimeFormat: 'HH:mm' } },
      ],
    };
    expect(withDateFormats(layout, schema, 'fr').elements).toEqual([
      { type: 'Control', scope: '#/properties/on', options: { dateFormat: 'DD/MM/YYYY' } },
      { type: 'Control', scope: '#/properties/at', options: { dateTimeFormat: 'HH:mm' } },
    ]);
  });
});
