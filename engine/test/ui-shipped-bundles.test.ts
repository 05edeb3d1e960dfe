import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { CORE, createTestEngine, REPO, TIERS, type TestEngine } from './harness.ts';

// The shipped reference bundles give the runtime UI something real to draw: menus, lists, a
// board and forms, in four languages, cut down to what each role may do.

type Json = Record<string, unknown>;
let t: TestEngine;
beforeAll(async () => {
  const bundle = (name: string) => path.join(REPO, 'definitions/bundles', name);
  t = await createTestEngine([CORE, TIERS, bundle('pobvue'), bundle('mocvue')]);
});
afterAll(() => t?.close());

async function client(roles: string[]) {
  const { token } = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles }] });
  return (url: string, lang = 'fr') =>
    request(t.rawApp).get(url).set('authorization', `Bearer ${token}`).set('accept-language', lang);
}
const itemsOf = (menus: Json[]): Json[] => {
  const walk = (items: Json[]): Json[] => items.flatMap((i) => [i, ...walk((i.children as Json[] | undefined) ?? [])]);
  return menus.flatMap((m) => walk(m.items as Json[]));
};
const itemKeys = (menus: Json[]): string[] => {
  const walk = (items: Json[]): string[] =>
    items.flatMap((i) => [i.key as string, ...walk((i.children as Json[] | undefined) ?? [])]);
  return menus.flatMap((m) => walk(m.items as Json[]));
};

describe('shipped menus, views and forms', () => {
  it('show a third-party viewer the lists only, in French', async () => {
    const get = await client(['tiers.viewer']);
    const ui = (await get('/api/v1/meta/ui')).body.data;
    expect(ui.menus.map((m: Json) => m.label)).toEqual(['Tiers']);
    expect(itemKeys(ui.menus)).toEqual([
      'tiers.tiers/companies',
      'tiers.tiers/suppliers',
      'tiers.tiers/companies_by_type',
      'tiers.tiers/contacts',
    ]);
    expect(ui.forms).toEqual([]);
  });

  it('give an editor the creation forms and a manager of references the core menu, in every language', async () => {
    const get = await client(['tiers.editor', 'core.manager']);
    for (const [lang, tiers, core] of [
      ['fr', 'Tiers', 'Référentiels'],
      ['en', 'Third parties', 'Reference data'],
      ['es', 'Terceros', 'Referenciales'],
      ['pt', 'Terceiros', 'Referenciais'],
    ] as const) {
      const ui = (await get('/api/v1/meta/ui', lang)).body.data;
      expect(ui.menus.map((m: Json) => m.label)).toEqual([tiers, core]);
    }
    const ui = (await get('/api/v1/meta/ui')).body.data;
    expect(itemKeys(ui.menus)).toEqual(
      expect.arrayContaining(['tiers.tiers/new/company', 'tiers.tiers/new/contact', 'core.core/new_site']),
    );
  });

  it('describe a company in French, with its board lanes and the form in groups', async () => {
    const get = await client(['tiers.viewer']);
    const d = (await get('/api/v1/meta/entities/tiers/company')).body.data;
    expect(d.title).toBe('Société');
    expect(d.fields.find((f: Json) => f.name === 'legal_name').label).toBe('Raison sociale');
    const board = d.views.find((v: Json) => v.key === 'tiers.companies_by_type');
    expect(board.kanban.lanes.map((l: Json) => l.label)).toEqual(['Client', 'Fournisseur', 'Partenaire', 'Concurrent']);
    const form = d.forms[0];
    expect(form.key).toBe('tiers.company');
    expect(form.uischema.elements.map((g: Json) => g.label)).toEqual(['Identité', 'Coordonnées', 'Évaluation']);
    // Entities with no shipped form get the default one.
    const unit = (await get('/api/v1/meta/entities/core/unit')).body.data;
    expect(unit.forms.map((f: Json) => [f.key, f.default])).toEqual([['core.unit.default', true]]);
  });

  it('serve list settings the data API runs for the user', async () => {
    const get = await client(['tiers.viewer', 'core.viewer']);
    const ui = (await get('/api/v1/meta/ui')).body.data;
    for (const { key } of ui.views as Json[]) {
      const [bundle, name] = String(key).split('.');
      const view = (await get(`/api/v1/meta/views/${bundle}/${name}`)).body.data;
      const [, entity] = String(view.entity).split('.');
      const sort = view.sort.map((s: Json) => `${s.direction === 'desc' ? '-' : ''}${String(s.field)}`).join(',');
      const query = new URLSearchParams({ limit: String(view.pageSize), ...(sort && { sort }) });
      if (view.filter) query.set('filter', JSON.stringify(view.filter));
      const res = await get(`/api/v1/data/${bundle}/${entity}?${query}`);
      expect(res.status, `${String(key)}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it('refuse to save a filter on a field hidden from the user', async () => {
    const { token } = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: ['tiers.viewer'] }] });
    const res = await request(t.rawApp)
      .post('/api/v1/me/saved-filters')
      .set('authorization', `Bearer ${token}`)
      .send({ view: 'tiers.suppliers', name: 'Reliable', filter: { reliability_score: { $gte: 4 } } });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ path: 'filter.reliability_score', code: 'field_not_readable' });
  });

  it('give POBVue and MOCVue readers their own lists, bound to who reads and to today, in four languages', async () => {
    const added: Record<string, Record<string, string[]>> = {
      'pobvue.pobvue/stays/mine': {
        view: ['pobvue.my_stay_requests'],
        labels: ['Mes demandes', 'My requests', 'Mis solicitudes', 'Os meus pedidos'],
      },
      'pobvue.pobvue/certificates/expiring': {
        view: ['pobvue.certificates_expiring'],
        labels: [
          'Expirent dans les 30 jours',
          'Expiring within 30 days',
          'Caducan en los próximos 30 días',
          'Expiram nos próximos 30 dias',
        ],
      },
      'mocvue.mocvue/changes/mine': {
        view: ['mocvue.my_changes'],
        labels: ['Mes modifications', 'My changes', 'Mis cambios', 'As minhas alterações'],
      },
      'mocvue.mocvue/changes/temporary_overdue': {
        view: ['mocvue.temporary_changes_overdue'],
        labels: ['Temporaires échues', 'Temporary past their end', 'Temporales vencidos', 'Temporárias vencidas'],
      },
      'mocvue.mocvue/actions/mine': {
        view: ['mocvue.my_actions'],
        labels: ['Mes actions', 'My actions', 'Mis acciones', 'As minhas ações'],
      },
    };
    const get = await client(['pobvue.requester', 'mocvue.technical_reviewer']);
    for (const [i, lang] of (['fr', 'en', 'es', 'pt'] as const).entries()) {
      const items = itemsOf((await get('/api/v1/meta/ui', lang)).body.data.menus);
      for (const [key, { view, labels }] of Object.entries(added)) {
        const item = items.find((it) => it.key === key);
        expect(item, `${key} in ${lang}`).toMatchObject({ label: labels![i], view: view![0] });
      }
    }
    // Every list of both bundles runs for the user, placeholders bound, in their language.
    const ui = (await get('/api/v1/meta/ui', 'pt')).body.data;
    const keys = (ui.views as Json[]).map((v) => String(v.key));
    expect(keys).toEqual(expect.arrayContaining(Object.values(added).map((a) => a.view![0])));
    for (const key of keys.filter((k) => /^(pobvue|mocvue)\./.test(k))) {
      const [bundle, name] = key.split('.');
      const view = (await get(`/api/v1/meta/views/${bundle}/${name}`, 'pt')).body.data;
      const query = new URLSearchParams({ limit: String(view.pageSize) });
      if (view.filter) query.set('filter', JSON.stringify(view.filter));
      const res = await get(`/api/v1/data/${String(view.entity).replace('.', '/')}?${query}`, 'pt');
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });
});
