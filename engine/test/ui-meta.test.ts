import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';

// The apps draw themselves from GET /api/v1/meta/ui and the entity meta: menus filtered by what
// each user may do, labels in their language, views and forms ready for the list and JSON Forms.

const DESK = path.join(import.meta.dirname, 'bundles/desk');
type Json = Record<string, unknown>;

let t: TestEngine;
let reader: string;
let agent: string;
let nobody: string;
beforeAll(async () => {
  t = await createTestEngine([DESK]);
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  reader = (await t.userWithToken(inHq(['desk.team_reader']))).token;
  agent = (await t.userWithToken(inHq(['desk.agent']))).token;
  nobody = (await t.userWithToken(inHq([]))).token;
});
afterAll(() => t?.close());

const get = (url: string, token?: string, lang = 'en') => {
  const r = request(token ? t.rawApp : t.app)
    .get(url)
    .set('accept-language', lang);
  return token ? r.set('authorization', `Bearer ${token}`) : r;
};

/** Item keys of every menu, depth first. */
function keys(menus: Json[]): string[] {
  const walk = (items: Json[]): string[] =>
    items.flatMap((i) => [i.key as string, ...walk((i.children as Json[] | undefined) ?? [])]);
  return menus.flatMap((m) => walk(m.items as Json[]));
}

describe('GET /api/v1/meta/ui', () => {
  it('gives an administrator every menu, ordered, in the language asked', async () => {
    const res = await get('/api/v1/meta/ui', undefined, 'fr-FR,fr;q=0.9');
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.language).toBe('fr');
    expect(data.menus.map((m: Json) => [m.key, m.label, m.order])).toEqual([
      ['desk.directory', 'Annuaire', 10],
      ['desk.work', 'Travail', 20],
    ]);
    expect(data.menus[1].items).toEqual([
      {
        key: 'desk.work/tickets',
        name: 'tickets',
        label: 'Demandes',
        icon: 'list',
        view: 'desk.tickets',
        entity: 'desk.ticket',
      },
      {
        key: 'desk.work/board',
        name: 'board',
        label: 'Tableau',
        icon: 'view_kanban',
        view: 'desk.board',
        entity: 'desk.ticket',
      },
      {
        key: 'desk.work/new_ticket',
        name: 'new_ticket',
        label: 'Nouvelle demande',
        icon: 'add',
        form: 'desk.ticket',
        entity: 'desk.ticket',
      },
      {
        key: 'desk.work/more',
        name: 'more',
        label: 'Plus',
        icon: null,
        children: [
          {
            key: 'desk.work/more/quick',
            name: 'quick',
            label: 'Demande rapide',
            icon: null,
            form: 'desk.quick_ticket',
            entity: 'desk.ticket',
          },
        ],
      },
    ]);
    expect(data.menus[0].items[1]).toEqual({
      key: 'desk.directory/inbox',
      name: 'inbox',
      label: 'Boîte de réception',
      icon: null,
      url: '/notifications',
    });
    expect(data.views.map((v: Json) => v.key).sort()).toEqual(['desk.board', 'desk.teams', 'desk.tickets']);
    expect(data.views.find((v: Json) => v.key === 'desk.board')).toEqual({
      key: 'desk.board',
      bundle: 'desk',
      name: 'board',
      entity: 'desk.ticket',
      label: 'Tableau',
      type: 'kanban',
    });
    expect(data.forms).toEqual([
      expect.objectContaining({ key: 'desk.quick_ticket', label: 'Demande rapide', wizard: true }),
      {
        key: 'desk.ticket',
        bundle: 'desk',
        name: 'ticket',
        entity: 'desk.ticket',
        label: 'Demande',
        wizard: false,
        create: true,
        update: true,
      },
    ]);
  });

  it('shows a user only the items of entities they may read, and forms they may create with', async () => {
    const teamsOnly = (await get('/api/v1/meta/ui', reader)).body.data;
    // The work menu held only ticket items: it is gone, its group with it.
    expect(keys(teamsOnly.menus)).toEqual(['desk.directory/teams', 'desk.directory/inbox']);
    expect(teamsOnly.views.map((v: Json) => v.key)).toEqual(['desk.teams']);
    expect(teamsOnly.forms).toEqual([]);

    const tickets = (await get('/api/v1/meta/ui', agent)).body.data;
    expect(keys(tickets.menus)).toEqual([
      'desk.directory/teams',
      'desk.directory/inbox',
      'desk.work/tickets',
      'desk.work/board',
      'desk.work/new_ticket',
      'desk.work/more',
      'desk.work/more/quick',
    ]);

    // Nothing readable: only the page links remain.
    const none = (await get('/api/v1/meta/ui', nobody)).body.data;
    expect(keys(none.menus)).toEqual(['desk.directory/inbox']);
    expect(none.views).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    const res = await request(t.rawApp).get('/api/v1/meta/ui');
    expect(res.status).toBe(401);
  });
});

describe('GET /api/v1/meta/views/:bundle/:view', () => {
  it('returns one view with labels, defaults and board lanes', async () => {
    const list = await get('/api/v1/meta/views/desk/tickets', agent, 'fr');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual({
      key: 'desk.tickets',
      bundle: 'desk',
      name: 'tickets',
      entity: 'desk.ticket',
      label: 'Demandes',
      description: null,
      type: 'list',
      columns: [
        { field: 'number', label: 'Numéro', width: 120 },
        { field: 'title', label: 'Titre', width: null },
        { field: 'priority', label: 'Priorité', width: null },
        { field: 'state', label: 'État', width: null },
        { field: 'created_at', label: 'Ouverte le', width: null },
      ],
      sort: [{ field: 'due_on', direction: 'asc' }],
      filter: { state: { $ne: 'closed' } },
      pageSize: 25,
      kanban: null,
    });
    const board = (await get('/api/v1/meta/views/desk/board', agent)).body.data;
    expect(board.pageSize).toBe(50);
    expect(board.kanban).toEqual({
      groupBy: 'state',
      cardFields: ['priority', 'team'],
      lanes: [
        { value: 'open', label: 'Open', color: '#1565c0' },
        { value: 'closed', label: 'Closed', color: '#2e7d32' },
      ],
    });
  });

  it('answers 404 for an unknown view and 403 for a view of an entity the user may not read', async () => {
    expect((await get('/api/v1/meta/views/desk/nope', agent)).status).toBe(404);
    expect((await get('/api/v1/meta/views/nope/tickets', agent)).status).toBe(404);
    const res = await get('/api/v1/meta/views/desk/tickets', reader);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('serves list settings the data API accepts as they are', async () => {
    const view = (await get('/api/v1/meta/views/desk/tickets', agent)).body.data;
    const sort = view.sort.map((s: Json) => `${s.direction === 'desc' ? '-' : ''}${String(s.field)}`).join(',');
    const res = await get(
      `/api/v1/data/desk/ticket?limit=${view.pageSize}&sort=${sort}&filter=${encodeURIComponent(JSON.stringify(view.filter))}`,
      agent,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('GET /api/v1/meta/entities/:bundle/:entity', () => {
  it('adds field labels, the workflow, views and forms in French', async () => {
    const res = await get('/api/v1/meta/entities/desk/ticket', agent, 'fr');
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d).toMatchObject({ language: 'fr', title: 'Demande', pluralTitle: 'Demandes', displayField: 'title' });
    expect(d.fields.find((f: Json) => f.name === 'priority')).toEqual({
      name: 'priority',
      type: 'enum',
      label: 'Priorité',
      description: null,
      required: false,
      readOnly: false,
      sortable: true,
      sensitive: false,
      values: [
        { value: 'low', label: 'Basse', color: '#9e9e9e' },
        { value: 'high', label: 'Haute', color: '#c62828' },
      ],
    });
    expect(d.fields.find((f: Json) => f.name === 'number')).toMatchObject({ readOnly: true, label: 'Numéro' });
    expect(d.fields.find((f: Json) => f.name === 'team')).toMatchObject({ target: 'desk.team', label: 'Équipe' });
    expect(d.systemFields).toContainEqual({ name: 'state', label: 'État', type: 'state' });
    expect(d.systemFields).toContainEqual({ name: 'created_at', label: 'Créé le', type: 'datetime' });
    expect(d.workflow).toEqual({
      name: 'ticket_flow',
      label: 'Traitement des demandes',
      initial: 'open',
      states: [
        { name: 'open', label: 'Ouverte', category: 'active', color: '#1565c0', initial: true, final: false },
        { name: 'closed', label: 'Fermée', category: 'done', color: '#2e7d32', initial: false, final: true },
      ],
      transitions: [
        {
          name: 'close',
          label: 'Fermer',
          from: ['open'],
          to: 'closed',
          commentRequired: true,
          requiredFields: ['resolution'],
        },
      ],
    });
    expect(d.views.map((v: Json) => [v.key, v.label])).toEqual([
      ['desk.board', 'Tableau'],
      ['desk.tickets', 'Demandes'],
    ]);
    // The form named after the entity comes first: records open in it.
    expect(d.forms.map((f: Json) => f.key)).toEqual(['desk.ticket', 'desk.quick_ticket']);
    const form = d.forms[0];
    expect(form).toMatchObject({ label: 'Demande', default: false, wizard: false });
    expect(form.uischema).toEqual({
      type: 'VerticalLayout',
      elements: [
        {
          type: 'HorizontalLayout',
          elements: [
            { type: 'Control', scope: '#/properties/title', label: 'Titre' },
            { type: 'Control', scope: '#/properties/priority', label: 'Priorité' },
          ],
        },
        {
          type: 'Group',
          label: 'Détails',
          elements: [
            { type: 'Control', scope: '#/properties/team', label: 'Équipe' },
            { type: 'Control', scope: '#/properties/due_on', label: 'Échéance' },
            { type: 'Control', scope: '#/properties/story', label: "Ce qui s'est passé", options: { multi: true } },
          ],
          rule: { effect: 'SHOW', condition: { scope: '#/properties/priority', schema: { const: 'high' } } },
        },
      ],
    });
    expect(form.variants.closed.elements.map((e: Json) => e.label)).toEqual(['Titre', 'Résolution']);
    const wizard = d.forms.find((f: Json) => f.key === 'desk.quick_ticket');
    expect(wizard.uischema).toMatchObject({
      type: 'Categorization',
      options: { variant: 'stepper', showNavButtons: true },
      elements: [
        { type: 'Category', label: 'Quoi' },
        { type: 'Category', label: 'Quand' },
      ],
    });
  });

  it('gives an entity no bundle ships a form for the default form: writable fields, two short ones a row', async () => {
    const d = (await get('/api/v1/meta/entities/desk/team', agent)).body.data;
    expect(d.workflow).toBeNull();
    expect(d.forms).toEqual([
      {
        key: 'desk.team.default',
        bundle: 'desk',
        name: 'default',
        entity: 'desk.team',
        label: 'Team',
        description: null,
        default: true,
        wizard: false,
        uischema: {
          type: 'VerticalLayout',
          elements: [
            {
              type: 'HorizontalLayout',
              elements: [
                { type: 'Control', scope: '#/properties/name', label: 'Name' },
                { type: 'Control', scope: '#/properties/email', label: 'E-mail' },
              ],
            },
            { type: 'Control', scope: '#/properties/charter', label: 'Charter', options: { multi: true } },
            { type: 'Control', scope: '#/properties/size', label: 'Size' },
          ],
        },
        variants: {},
      },
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents the UI meta routes, every reference resolving', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(doc.paths['/api/v1/meta/ui'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/meta/views/{bundle}/{view}'].get.responses['404']).toBeDefined();
    expect(doc.paths['/api/v1/meta/entities/{bundle}/{entity}'].get).toBeDefined();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref], ref).toBeDefined();
  });
});
