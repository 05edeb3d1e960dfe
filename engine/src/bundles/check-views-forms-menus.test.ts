import { describe, expect, it } from 'vitest';
import type { Bundle } from './bundle-types.ts';
import { fromFiles } from './load-bundle.ts';
import { validateBundle } from './validate-bundle.ts';

// Views, forms and menus are checked against the entities they show before anything is applied:
// every problem is named by file, pointer and code.

const en = (s: string) => ({ en: s });
const ticket = {
  name: 'ticket',
  label: en('Ticket'),
  pluralLabel: en('Tickets'),
  displayField: 'title',
  fields: [
    { name: 'title', type: 'string', label: en('Title'), required: true, index: true },
    { name: 'kind', type: 'enum', label: en('Kind'), values: [{ value: 'bug', label: en('Bug') }] },
    { name: 'notes', type: 'text', label: en('Notes') },
    { name: 'count', type: 'integer', label: en('Count') },
    { name: 'desk', type: 'reference', label: en('Desk'), entity: 'desk' },
  ],
};
const desk = {
  name: 'desk',
  label: en('Desk'),
  pluralLabel: en('Desks'),
  fields: [{ name: 'code', type: 'string', label: en('Code'), index: true }],
};
const workflow = {
  name: 'ticket_flow',
  entity: 'ticket',
  states: [
    { name: 'open', label: en('Open'), initial: true, category: 'active' },
    { name: 'closed', label: en('Closed'), final: true, category: 'done' },
  ],
  transitions: [{ name: 'close', label: en('Close'), from: ['open'], to: 'closed' }],
};

type Files = Record<string, object>;

function validate(files: Files, opts: { workflow?: boolean; available?: Map<string, Bundle>; deps?: object } = {}) {
  const all = new Map<string, string>([
    ['bundle.json', JSON.stringify({ name: 'help', version: '1.0.0', title: en('Help'), dependencies: opts.deps })],
    ['entities/ticket.json', JSON.stringify(ticket)],
    ['entities/desk.json', JSON.stringify(desk)],
  ]);
  if (opts.workflow !== false) all.set('workflows/ticket.json', JSON.stringify(workflow));
  for (const [f, data] of Object.entries(files)) all.set(f, JSON.stringify(data));
  const result = validateBundle(fromFiles('test', all), { available: opts.available ?? new Map() });
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.file}#${i.pointer}`);
}

const list = { name: 'tickets', entity: 'ticket', label: en('Tickets'), type: 'list', columns: [{ field: 'title' }] };

describe('view checks', () => {
  it('accept sound lists and boards', () => {
    expect(
      validate({
        'views/tickets.json': {
          ...list,
          columns: [{ field: 'title', width: 240 }, { field: 'state' }, { field: 'created_at', label: en('Opened') }],
          sort: [
            { field: 'state', direction: 'asc' },
            { field: 'title', direction: 'desc' },
          ],
          filter: { kind: { $in: ['bug'] }, 'desk.code': { $startsWith: 'A' }, $or: [{ count: { $gt: 1 } }] },
          pageSize: 100,
        },
        'views/board.json': {
          ...list,
          name: 'board',
          type: 'kanban',
          kanban: { groupBy: 'state', cardFields: ['kind', 'desk'] },
        },
        'views/by_kind.view.json': {
          ...list,
          name: 'by_kind',
          type: 'kanban',
          kanban: { groupBy: 'kind', cardFields: [] },
        },
      }),
    ).toEqual([]);
  });

  it('accept placeholders for the reader and the date in filters, and name bad ones', () => {
    expect(
      validate({
        'views/mine.json': {
          ...list,
          name: 'mine',
          filter: { created_by: { $user: 'id' }, created_at: { $gte: { $now: -48 } } },
        },
      }),
    ).toEqual([]);
    expect(
      validate({ 'views/bad.json': { ...list, name: 'bad', filter: { created_by: { $user: 'shoe_size' } } } }),
    ).toEqual(['view.filter views/bad.json#/filter']);
  });

  it('name unknown entities, columns, unsortable sorts, bad filters and groupings', () => {
    expect(
      validate({
        'views/a.json': { ...list, name: 'a', entity: 'nope' },
        'views/b.json': {
          ...list,
          name: 'b',
          columns: [{ field: 'colour' }, { field: 'title' }, { field: 'title' }],
          sort: [
            { field: 'notes', direction: 'asc' },
            { field: 'colour', direction: 'asc' },
          ],
          filter: { count: { $contains: 'x' } },
        },
        'views/c.json': { ...list, name: 'c', type: 'kanban', kanban: { groupBy: 'count', cardFields: ['nope'] } },
        'views/d.json': { ...list, name: 'd', filter: { 'title.code': 'x' } },
        'views/e.json': { ...list, name: 'e', kanban: { groupBy: 'kind', cardFields: [] } },
        'views/f.json': { ...list, name: 'g' },
      }),
    ).toEqual([
      'view.file_name views/f.json#/name',
      'view.unknown_entity views/a.json#/entity',
      'view.unknown_field views/b.json#/columns/0/field',
      'view.duplicate_column views/b.json#/columns/2/field',
      'view.not_sortable views/b.json#/sort/0/field',
      'view.unknown_field views/b.json#/sort/1/field',
      'view.filter views/b.json#/filter',
      'view.group_by views/c.json#/kanban/groupBy',
      'view.unknown_field views/c.json#/kanban/cardFields/0',
      'view.filter views/d.json#/filter',
      'view.kanban_unused views/e.json#/kanban',
    ]);
  });

  it('want kanban settings on a board, and a workflow to group by state', () => {
    expect(validate({ 'views/a.json': { ...list, name: 'a', type: 'kanban' } })).toEqual([
      'schema.required views/a.json#',
    ]);
    expect(
      validate(
        { 'views/a.json': { ...list, name: 'a', type: 'kanban', kanban: { groupBy: 'state', cardFields: [] } } },
        { workflow: false },
      ),
    ).toEqual(['view.group_by views/a.json#/kanban/groupBy']);
  });

  it('show an entity of a dependency', () => {
    const dep = validateBundle(
      fromFiles(
        'dep',
        new Map([
          ['bundle.json', JSON.stringify({ name: 'base', version: '1.0.0', title: en('Base') })],
          ['entities/desk.json', JSON.stringify(desk)],
          [
            'views/desks.json',
            JSON.stringify({
              name: 'desks',
              entity: 'desk',
              label: en('Desks'),
              type: 'list',
              columns: [{ field: 'code' }],
            }),
          ],
        ]),
      ),
    );
    if (!dep.ok) throw new Error(JSON.stringify(dep.issues));
    const available = new Map([['base', dep.bundle]]);
    const deps = { base: '^1.0.0' };
    const view = { ...list, name: 'v', entity: 'base.desk', columns: [{ field: 'code' }], filter: { code: 'A' } };
    const menu = { name: 'm', label: en('M'), items: [{ name: 'desks', label: en('Desks'), view: 'base.desks' }] };
    expect(validate({ 'views/v.json': view, 'menus/m.json': menu }, { available, deps })).toEqual([]);
    expect(
      validate(
        {
          'views/v.json': { ...view, columns: [{ field: 'title' }] },
          'menus/m.json': { ...menu, items: [{ ...menu.items[0], view: 'base.nope' }] },
        },
        { available, deps },
      ),
    ).toEqual(['view.unknown_field views/v.json#/columns/0/field', 'menu.unknown_view menus/m.json#/items/0/view']);
  });
});

const control = (field: string) => ({ type: 'Control', scope: `#/properties/${field}` });

describe('form checks', () => {
  it('accept the records that refer to this one, and rules on the workflow state', () => {
    expect(
      validate({
        'forms/desk.json': {
          name: 'desk',
          entity: 'desk',
          layout: {
            type: 'VerticalLayout',
            elements: [
              control('code'),
              { type: 'Related', entity: 'ticket', field: 'desk', columns: ['title', 'kind', 'state'], limit: 5 },
              { type: 'Related', entity: 'help.ticket', field: 'desk', label: en('Tickets of this desk') },
            ],
          },
        },
        'forms/ticket.json': {
          name: 'ticket',
          entity: 'ticket',
          layout: {
            type: 'VerticalLayout',
            elements: [
              control('title'),
              {
                ...control('notes'),
                rule: { effect: 'DISABLE', condition: { scope: '#/properties/state', schema: { enum: ['closed'] } } },
              },
            ],
          },
        },
      }),
    ).toEqual([]);
  });

  it('name related entities that do not exist or do not refer to the form’s entity', () => {
    const related = (el: object) => ({ type: 'Related', entity: 'ticket', field: 'desk', ...el });
    expect(
      validate({
        'forms/desk.json': {
          name: 'desk',
          entity: 'desk',
          layout: {
            type: 'VerticalLayout',
            elements: [
              related({ entity: 'nope' }),
              related({ field: 'title' }),
              related({ field: 'colour' }),
              related({ columns: ['title', 'shoe_size'] }),
              related({ entity: 'desk', field: 'code' }),
            ],
          },
        },
      }),
    ).toEqual([
      'form.unknown_entity forms/desk.json#/layout/elements/0/entity',
      'form.related_field forms/desk.json#/layout/elements/1/field',
      'form.unknown_field forms/desk.json#/layout/elements/2/field',
      'form.unknown_field forms/desk.json#/layout/elements/3/columns/1',
      'form.related_field forms/desk.json#/layout/elements/4/field',
    ]);
  });

  it('accept layouts, groups, categories, wizards, rules and variants', () => {
    expect(
      validate({
        'forms/ticket.json': {
          name: 'ticket',
          entity: 'ticket',
          label: en('Ticket'),
          wizard: true,
          layout: {
            type: 'Categorization',
            elements: [
              {
                type: 'Category',
                label: en('What'),
                elements: [
                  { type: 'HorizontalLayout', elements: [control('title'), control('kind')] },
                  { type: 'Label', text: en('Say what happened') },
                ],
              },
              {
                type: 'Category',
                label: en('Details'),
                elements: [
                  {
                    type: 'Group',
                    label: en('More'),
                    elements: [{ ...control('notes'), label: en('Story'), options: { multi: true } }],
                    rule: { effect: 'SHOW', condition: { scope: '#/properties/kind', schema: { const: 'bug' } } },
                  },
                ],
              },
            ],
          },
          variants: { closed: { type: 'VerticalLayout', elements: [control('title'), control('state')] } },
        },
      }),
    ).toEqual([]);
  });

  it('name unknown fields, fields placed twice, bad rules, wizards and variants', () => {
    expect(
      validate({
        'forms/a.json': {
          name: 'a',
          entity: 'ticket',
          wizard: true,
          layout: {
            type: 'VerticalLayout',
            elements: [
              control('title'),
              control('colour'),
              { type: 'Group', label: en('G'), elements: [control('title')] },
              {
                ...control('notes'),
                rule: { effect: 'HIDE', condition: { scope: '#/properties/nope', schema: { type: 'strin' } } },
              },
            ],
          },
          variants: { lost: { type: 'VerticalLayout', elements: [control('title')] } },
        },
        'forms/b.json': { name: 'b', entity: 'nope', layout: control('title') },
      }),
    ).toEqual([
      'form.wizard forms/a.json#/layout/type',
      'form.unknown_field forms/a.json#/layout/elements/1/scope',
      'form.duplicate_field forms/a.json#/layout/elements/2/elements/0/scope',
      'form.unknown_field forms/a.json#/layout/elements/3/rule/condition/scope',
      'form.rule_schema forms/a.json#/layout/elements/3/rule/condition/schema',
      'form.unknown_state forms/a.json#/variants/lost',
      'form.unknown_entity forms/b.json#/entity',
    ]);
  });

  it('refuse variants without a workflow, and categories outside a categorization', () => {
    const form = { name: 'a', entity: 'ticket', layout: control('title') };
    expect(
      validate({ 'forms/a.json': { ...form, variants: { open: control('title') } } }, { workflow: false }),
    ).toEqual(['form.no_workflow forms/a.json#/variants']);
    expect(
      validate({
        'forms/a.json': { ...form, layout: { type: 'Category', label: en('C'), elements: [control('title')] } },
      }),
    ).toEqual(['schema.enum forms/a.json#/layout/type']);
  });
});

describe('menu checks', () => {
  const files = {
    'views/tickets.json': list,
    'forms/ticket.json': { name: 'ticket', entity: 'ticket', layout: control('title') },
  };
  it('accept items opening views, forms and pages, nested three deep', () => {
    expect(
      validate({
        ...files,
        'menus/main.json': {
          name: 'main',
          label: en('Help desk'),
          icon: 'support_agent',
          order: 10,
          items: [
            { name: 'tickets', label: en('Tickets'), icon: 'list', view: 'tickets' },
            { name: 'new', label: en('New ticket'), form: 'help.ticket' },
            {
              name: 'more',
              label: en('More'),
              children: [
                { name: 'inbox', label: en('Inbox'), url: '/notifications' },
                {
                  name: 'deep',
                  label: en('Deep'),
                  children: [{ name: 'last', label: en('Last'), view: 'help.tickets' }],
                },
              ],
            },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('name unknown targets, items with none or two, twin names and deep nesting', () => {
    const deep = { name: 'd4', label: en('4'), url: '/x' };
    expect(
      validate({
        ...files,
        'menus/main.json': {
          name: 'main',
          label: en('Help'),
          items: [
            { name: 'a', label: en('A'), view: 'nope' },
            { name: 'a', label: en('A'), form: 'other.ticket' },
            { name: 'b', label: en('B') },
            { name: 'c', label: en('C'), view: 'tickets', url: '/x' },
            {
              name: 'd1',
              label: en('1'),
              children: [{ name: 'd2', label: en('2'), children: [{ name: 'd3', label: en('3'), children: [deep] }] }],
            },
          ],
        },
        'menus/bad_url.json': {
          name: 'bad_url',
          label: en('X'),
          items: [{ name: 'x', label: en('X'), url: '//evil.example' }],
        },
      }),
    ).toEqual(['schema.pattern menus/bad_url.json#/items/0/url']);
    expect(
      validate({
        ...files,
        'menus/main.json': {
          name: 'main',
          label: en('Help'),
          items: [
            { name: 'a', label: en('A'), view: 'nope' },
            { name: 'a', label: en('A'), form: 'other.ticket' },
            { name: 'b', label: en('B') },
            { name: 'c', label: en('C'), view: 'tickets', url: '/x' },
            {
              name: 'd1',
              label: en('1'),
              children: [{ name: 'd2', label: en('2'), children: [{ name: 'd3', label: en('3'), children: [deep] }] }],
            },
          ],
        },
      }),
    ).toEqual([
      'menu.unknown_view menus/main.json#/items/0/view',
      'menu.duplicate_item menus/main.json#/items/1/name',
      'menu.unknown_form menus/main.json#/items/1/form',
      'menu.target menus/main.json#/items/2',
      'menu.target menus/main.json#/items/3',
      'menu.too_deep menus/main.json#/items/4/children/0/children/0/children/0',
    ]);
  });
});
