import { describe, expect, it } from 'vitest';
import type { Abilities, UiMeta } from '../api/api-types.ts';
import { flattenNav, navFromBundles, navFromMenus } from './navigation.ts';

const abilities = (entities: Record<string, string[]>): Abilities => ({
  unrestricted: false,
  systemRoles: [],
  companyId: null,
  rules: [],
  entities: Object.fromEntries(
    Object.entries(entities).map(([k, actions]) => [
      k,
      { label: k, actions, restrictedFields: [], readonlyFields: [] },
    ]),
  ),
});

describe('navFromBundles', () => {
  it('gives one group per bundle and one item per entity the user may read', () => {
    const groups = navFromBundles(
      [
        {
          name: 'desk',
          version: '1.0.0',
          title: { en: 'Desk', fr: 'Bureau' },
          entities: [
            { name: 'ticket', pluralLabel: { en: 'Tickets', fr: 'Tickets' } },
            { name: 'secret', pluralLabel: { en: 'Secrets' } },
          ],
        },
        { name: 'empty', version: '1.0.0', entities: [{ name: 'hidden' }] },
      ],
      'fr',
      abilities({ 'desk.ticket': ['read'], 'desk.secret': ['create'] }),
    );
    expect(groups).toEqual([
      { key: 'desk', label: 'Bureau', items: [{ key: 'desk.ticket', label: 'Tickets', to: '/data/desk/ticket' }] },
    ]);
  });
});

describe('navFromMenus', () => {
  const ui: UiMeta = {
    menus: [
      {
        name: 'late',
        bundle: 'desk',
        label: 'Later',
        items: [{ name: 'x', label: 'X', url: '/x' }],
      },
      {
        name: 'main',
        bundle: 'desk',
        label: { en: 'Desk' },
        order: 1,
        icon: 'work',
        items: [
          { name: 'open', label: { en: 'Open tickets' }, view: 'open_tickets', icon: 'list' },
          { name: 'new', label: { en: 'New ticket' }, form: 'desk.ticket_form' },
          {
            name: 'group',
            label: { en: 'More' },
            children: [{ name: 'other', label: { en: 'Other' }, view: 'other' }],
          },
        ],
      },
    ],
    views: [
      { name: 'open_tickets', bundle: 'desk', entity: 'ticket', label: 'Open', type: 'list', columns: [] },
      { key: 'desk.other', name: 'other', entity: 'desk.secret', label: 'Other', type: 'list', columns: [] },
    ],
    forms: [{ key: 'desk.ticket_form', name: 'ticket_form', entity: 'desk.ticket' }],
  };

  it('orders menus, qualifies views and forms, and drops what the user may not open', () => {
    const groups = navFromMenus(ui, 'en', abilities({ 'desk.ticket': ['read'] }));
    expect(groups.map((g) => g.label)).toEqual(['Desk', 'Later']);
    expect(groups[0]!.items).toEqual([
      { key: 'desk.main/open', label: 'Open tickets', icon: 'list', to: '/views/desk.open_tickets' },
    ]);
  });

  it('keeps groups whose children the user may open, and flattens them for shortcuts', () => {
    const groups = navFromMenus(ui, 'en', abilities({ 'desk.ticket': ['read', 'create'], 'desk.secret': ['read'] }));
    expect(flattenNav(groups).map((i) => i.to)).toEqual([
      '/views/desk.open_tickets',
      '/forms/desk.ticket_form',
      '/views/desk.other',
      '/x',
    ]);
  });
});
