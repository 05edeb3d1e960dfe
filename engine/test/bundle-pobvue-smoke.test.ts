import path from 'node:path';
import { createAjv, isEnabled, isVisible, type UISchemaElement } from '@jsonforms/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPermissionTests } from '../src/access/permission-tests.ts';
import { applyBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { systemContext } from '../src/data/request-context.ts';
import { loadSeed, readSeed } from '../src/seed/load-seed.ts';
import { generatePobvue } from '../../seeds/pobvue/generate.ts';
import { CORE, createTestEngine, REPO, TIERS, type TestEngine } from './harness.ts';
import type { Json } from './lab.ts';
import { ids, viewRows } from './view-rows.ts';

// The shipped `pobvue` bundle on a fresh database, with its dependencies: it applies, its demo
// data loads and every seeded stay walks through the workflow to its planned state with the
// guards on; a stay created over HTTP is submitted and approved by the manager then the site
// coordinator; the guards refuse a full night and a missing or lapsing certificate with a message
// that names the night, the numbers and the dates; the bundle's permission cases hold.

const POBVUE = path.join(REPO, 'definitions/bundles/pobvue');
const SEEDS = path.join(REPO, 'seeds');
const DATA = '/api/v1/data';
const STAYS = `${DATA}/pobvue/stay_request`;

let t: TestEngine;
type U = { id: string; token: string };
let requester: U, manager: U, coordinator: U;

const admin = {
  post: (url: string, body: Json = {}, lang = 'en') => request(t.app).post(url).set('accept-language', lang).send(body),
  patch: (url: string, body: Json) => request(t.app).patch(url).send(body),
  get: (url: string) => request(t.app).get(url),
};
const as = (u: U) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${u.token}`),
  post: (url: string, body: Json = {}) =>
    request(t.rawApp).post(url).set('authorization', `Bearer ${u.token}`).send(body),
  patch: (url: string, body: Json) => request(t.rawApp).patch(url).set('authorization', `Bearer ${u.token}`).send(body),
});

async function created(url: string, body: Json): Promise<Json> {
  const res = await admin.post(url, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Json;
}
const idOf = async (entity: string, externalId: string) =>
  ((await admin.get(`${DATA}/${entity}/${externalId}`).expect(200)).body.data as Json).id as string;

const seedContext = () => systemContext(t.engine.db, t.engine.registry.current, t.engine.log, 'seed');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let employer: string;

beforeAll(async () => {
  t = await createTestEngine([CORE, TIERS, POBVUE], {
    ACCESS_TOKEN_SECONDS: '86400',
    SESSION_IDLE_SECONDS: '2592000',
  });
  const member = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  manager = await t.userWithToken({ firstName: 'Mona', lastName: 'Manager', ...member(['pobvue.line_manager']) });
  requester = await t.userWithToken({
    firstName: 'Remi',
    lastName: 'Requester',
    managerId: manager.id,
    ...member(['pobvue.requester']),
  });
  coordinator = await t.userWithToken({
    firstName: 'Cora',
    lastName: 'Coordinator',
    ...member(['pobvue.site_coordinator']),
  });
}, 60_000);
afterAll(() => t?.close());

describe('the pobvue bundle', () => {
  it('validates without a problem and re-applies as a no-op', async () => {
    const prepared = await prepareBundles(t.engine.db, [CORE, TIERS, POBVUE]);
    expect(prepared.flatMap((p) => p.issues)).toEqual([]);
    const pobvue = prepared.find((p) => p.name === 'pobvue')!.bundle!;
    expect(pobvue.entities.map((e) => e.name).sort()).toEqual([
      'certificate',
      'certificate_type',
      'person',
      'site_capacity',
      'stay_request',
    ]);
    expect((await applyBundle(t.engine.db, pobvue)).noop).toBe(true);
  });

  it('passes its own permission cases', async () => {
    const bundle = t.engine.registry.current.bundles.get('pobvue')!;
    const results = await runPermissionTests(t.engine.db, t.engine.registry.current, bundle, t.engine.log);
    expect(results.length).toBeGreaterThanOrEqual(40);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('the pobvue demo data', () => {
  it('loads after core and tiers, and a second load adds nothing', async () => {
    for (const bundle of ['core', 'tiers']) await loadSeed(seedContext(), bundle, await readSeed(SEEDS, bundle));
    const seed = await readSeed(SEEDS, 'pobvue');
    const counts = await loadSeed(seedContext(), 'pobvue', seed);
    expect(counts).toEqual(Object.fromEntries(Object.entries(seed).map(([e, rows]) => [e, rows.length])));
    const again = await loadSeed(seedContext(), 'pobvue', await readSeed(SEEDS, 'pobvue'));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    employer = await idOf('tiers/company', 'TIERS-CO-0001');
  }, 300_000);

  it('computes the maximum POB as the least of beds and lifeboat seats on each side', async () => {
    const res = await admin.get(`${DATA}/pobvue/site_capacity/POB-CAP-CG-LOE-WHP1`).expect(200);
    expect(res.body.data).toMatchObject({ beds: 12, lifeboat_port: 10, lifeboat_starboard: 10, max_pob: 10 });
    const base = await admin.get(`${DATA}/pobvue/site_capacity/POB-CAP-CM-DLA-BASE`).expect(200);
    expect(base.body.data).toMatchObject({ beds: 60, max_pob: 60 });
  });

  it('has walked every seeded stay to its planned state, with the guards on', async () => {
    // The seed fires each stay's journey ($transitions) through the transition path.
    const { journeys } = generatePobvue();
    const rows = (await t.engine
      .db('pobvue_stay_request')
      .whereNotNull('external_id')
      .select('external_id', 'state')) as {
      external_id: string;
      state: string;
    }[];
    const planned = new Map(journeys.map((j) => [j.externalId, j.state]));
    expect(rows.filter((r) => planned.get(r.external_id) !== r.state)).toEqual([]);
  }, 300_000);

  it('refuses one more person on the wellhead platform the seed fills, naming the night', async () => {
    // The seed's crew of ten arrives on days 4 and 5 and leaves on day 18: day 5 is full.
    const site = await idOf('core/site', 'CORE-SITE-CG-LOE-WHP1');
    const fullNight = day(5);
    const person = await idOf('pobvue/person', 'POB-PERSON-0002');
    const stay = await created(STAYS, {
      person,
      employer,
      site,
      arrival: day(5),
      departure: day(6),
      reason: 'inspection',
    });
    const res = await admin.post(`${STAYS}/${String(stay.id)}/transitions/submit`);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const guard = (res.body.error.details as { code: string; message: string }[]).find((d) => d.code === 'guard')!;
    expect(guard.message).toContain(
      `The site is full on the night of ${fullNight}: approved stays already take 10 of its 10 places (maximum POB), 11 with this stay.`,
    );
  });
});

describe('a stay request over HTTP', () => {
  let site: string;
  let person: string;
  let capacity: Json;

  beforeAll(async () => {
    const s = await created(`${DATA}/core/site`, {
      code: 'CM-TEST-P7',
      name: 'Test platform P7',
      kind: 'offshore',
      country: 'CM',
      time_zone: 'Africa/Douala',
      location: { latitude: 4.2, longitude: 8.9 },
    });
    site = s.id as string;
    capacity = await created(`${DATA}/pobvue/site_capacity`, {
      site,
      beds: 3,
      lifeboat_port: 2,
      lifeboat_starboard: 3,
      transfer_mode: 'helicopter',
      requires_survival: true,
      requires_medical: true,
      requires_huet: true,
    });
    person = (await created(`${DATA}/pobvue/person`, { first_name: 'Tess', last_name: 'Tester' })).id as string;
  });

  const certificate = async (code: string, issued: string, expires: string, verified = true) =>
    created(`${DATA}/pobvue/certificate`, {
      person,
      type: await idOf('pobvue/certificate_type', `POB-CTYPE-${code}`),
      issued_on: issued,
      expires_on: expires,
      verified,
    });
  const draft = async (body: Json = {}) =>
    (
      await as(requester)
        .post(STAYS, {
          person,
          employer,
          site,
          arrival: '2031-05-01',
          departure: '2031-05-15',
          reason: 'maintenance',
          ...body,
        })
        .expect(201)
    ).body.data as Json;
  const submit = (id: unknown, lang = 'en') => admin.post(`${STAYS}/${String(id)}/transitions/submit`, {}, lang);
  const guardOf = (res: request.Response) =>
    (res.body.error.details as { code: string; message: string }[]).find((d) => d.code === 'guard')?.message;

  it('refuses a departure that does not follow the arrival', async () => {
    const res = await as(requester).post(STAYS, { person, site, arrival: '2031-05-01', departure: '2031-05-01' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'departure', code: 'rule.departure_after_arrival' }),
    ]);
  });

  it('names the certificates missing through the departure date, in the reader’s language', async () => {
    const stay = await draft();
    const none = await submit(stay.id);
    expect(none.status).toBe(422);
    expect(guardOf(none)).toContain('An offshore survival certificate (BOSIET, or its refresher FOET)');
    expect(guardOf(none)).toContain('An offshore medical fitness certificate');
    expect(guardOf(none)).toContain('a HUET certificate');
    // A survival certificate lapsing the day before departure does not do; nor does an unverified one.
    await certificate('T-BOSIET', '2028-01-10', '2031-05-14');
    await certificate('MED-OFF', '2030-01-10', '2032-01-09', false);
    const lapsing = await submit(stay.id, 'fr');
    expect(guardOf(lapsing)).toContain(
      'Il manque un certificat de survie en mer (BOSIET, ou son recyclage FOET) vérifié et valide du 2031-05-01 jusqu’au départ le 2031-05-15.',
    );
    expect(guardOf(lapsing)).toContain('Il manque une aptitude médicale offshore vérifiée');
  });

  it('accepts certificates valid through the departure day, HUET included in FOET', async () => {
    await certificate('FOET', '2027-05-15', '2031-05-15');
    const medical = (
      await admin.get(`${DATA}/pobvue/certificate?filter=${encodeURIComponent(JSON.stringify({ person }))}`)
    ).body.data.find((c: Json) => c.verified === false) as Json;
    await admin
      .patch(`${DATA}/pobvue/certificate/${String(medical.id)}`, { verified: true, version: medical.version })
      .expect(200);
    const stay = await draft();
    const res = await as(requester).post(`${STAYS}/${String(stay.id)}/transitions/submit`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.state).toBe('submitted');
  });

  it('asks the requester’s manager, then the site coordinator; their approvals approve the stay', async () => {
    await certificate('T-FOET', '2030-01-01', '2034-01-01');
    const stay = await draft({ arrival: '2031-06-01', departure: '2031-06-15' });
    await as(requester)
      .post(`${STAYS}/${String(stay.id)}/transitions/submit`)
      .expect(200);
    const [approval] = (
      await as(requester)
        .get(`${STAYS}/${String(stay.id)}/approvals`)
        .expect(200)
    ).body.data;
    expect(approval).toMatchObject({ name: 'stay_approval', mode: 'sequential', status: 'open' });
    expect(approval.steps[0].approvers).toEqual([{ id: manager.id, name: 'Mona Manager' }]);
    await t.engine.jobs.drain();
    const [asked] = await t.engine.db('sys_notifications').where({ user_id: manager.id });
    expect(asked).toMatchObject({ title: `Stay ${String(stay.number)} awaits your approval` });
    expect((asked.actions as { id: string }[]).map((a) => a.id)).toEqual(['approve', 'reject']);
    await as(manager)
      .post(`${STAYS}/${String(stay.id)}/approvals/decide`, { decision: 'approved' })
      .expect(200);
    // The coordinator decides with no grant to edit the stay: the step is their authority.
    const current = (
      await as(coordinator)
        .get(`${STAYS}/${String(stay.id)}`)
        .expect(200)
    ).body.data as Json;
    const moved = await as(coordinator).patch(`${STAYS}/${String(stay.id)}`, {
      arrival: '2031-06-02',
      version: current.version,
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error.code).toBe('forbidden');
    const done = await as(coordinator).post(`${STAYS}/${String(stay.id)}/approvals/decide`, {
      decision: 'approved',
      comment: 'Bed 14',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data.record.state).toBe('approved');
    await t.engine.jobs.drain();
    const mails = await t.engine.db('sys_mail').where({ user_id: requester.id }).orderBy('created_at');
    expect(mails.map((m: { subject: string }) => m.subject)).toEqual([
      `Stay ${String(stay.number)}: approved by Mona Manager`,
      `Stay ${String(stay.number)}: approved by Cora Coordinator`,
    ]);
  });

  it('sends a rejected request back to draft with its comment', async () => {
    const stay = await draft({ arrival: '2031-07-01', departure: '2031-07-15' });
    await as(requester)
      .post(`${STAYS}/${String(stay.id)}/transitions/submit`)
      .expect(200);
    const refused = await as(manager).post(`${STAYS}/${String(stay.id)}/approvals/decide`, { decision: 'rejected' });
    expect(refused.status).toBe(422);
    const back = await as(manager)
      .post(`${STAYS}/${String(stay.id)}/approvals/decide`, { decision: 'rejected', comment: 'Wrong cost centre' })
      .expect(200);
    expect(back.body.data.record.state).toBe('draft');
  });

  it('refuses the same person twice over the same nights', async () => {
    const stay = await draft({ arrival: '2031-06-10', departure: '2031-06-20' });
    const res = await submit(stay.id);
    expect(guardOf(res)).toBe('This person already has an approved stay over these dates.');
  });

  it('refuses a night above the maximum POB, naming the night and the numbers', async () => {
    // The lifeboats to port seat 2: the approved stay of June and one more fill 1 June.
    const other = (await created(`${DATA}/pobvue/person`, { first_name: 'Otto', last_name: 'Other' })).id as string;
    for (const [code, expires] of [
      ['T-BOSIET', '2032-01-01'],
      ['MED-OFF', '2032-01-01'],
    ] as const)
      await created(`${DATA}/pobvue/certificate`, {
        person: other,
        type: await idOf('pobvue/certificate_type', `POB-CTYPE-${code}`),
        issued_on: '2029-01-01',
        expires_on: expires,
        verified: true,
      });
    const second = await draft({ person: other, arrival: '2031-05-28', departure: '2031-06-03' });
    await submit(second.id).expect(200);
    await admin.post(`${STAYS}/${String(second.id)}/transitions/approve`).expect(200);
    const third = (await created(`${DATA}/pobvue/person`, { first_name: 'Theo', last_name: 'Third' })).id as string;
    const stay = await draft({ person: third, arrival: '2031-05-30', departure: '2031-06-04' });
    const res = await submit(stay.id);
    expect(res.status).toBe(422);
    expect(guardOf(res)).toContain(
      'The site is full on the night of 2031-06-01: approved stays already take 2 of its 2 places (maximum POB), 3 with this stay.',
    );
  });

  it('warns coordinators when a site loses beds or lifeboat seats', async () => {
    await admin
      .patch(`${DATA}/pobvue/site_capacity/${String(capacity.id)}`, {
        lifeboat_starboard: 1,
        version: capacity.version,
      })
      .expect(200);
    await t.engine.jobs.drain();
    const warned = await t.engine.db('sys_notifications').where({ user_id: coordinator.id }).pluck('title');
    expect(warned).toContain('Maximum POB lowered from 2 to 1');
  });
});

describe('the lists of version 1.2', () => {
  it('"My requests" lists exactly the reader’s own stays, whatever else they may read', async () => {
    const site = await idOf('core/site', 'CORE-SITE-CM-DLA-BASE');
    const person = await idOf('pobvue/person', 'POB-PERSON-0003');
    const stay = { person, employer, site, arrival: '2032-01-05', departure: '2032-01-09', reason: 'inspection' };
    const mine = (await as(manager).post(STAYS, stay).expect(201)).body.data as Json;
    await as(requester).post(STAYS, stay).expect(201);
    const createdBy = async (u: U) =>
      ((await t.engine.db('pobvue_stay_request').where({ created_by: u.id }).pluck('id')) as string[]).sort();
    const requesters = await createdBy(requester);
    expect(requesters.length).toBeGreaterThanOrEqual(6);
    expect(ids(await viewRows(as(requester).get, 'pobvue.my_stay_requests'))).toEqual(requesters);
    // The manager reads every stay of the company, the coordinator every stay: the view narrows to theirs.
    expect((await viewRows(as(manager).get, 'pobvue.stay_requests')).length).toBeGreaterThan(requesters.length);
    expect(ids(await viewRows(as(manager).get, 'pobvue.my_stay_requests'))).toEqual([mine.id]);
    expect((await viewRows(as(coordinator).get, 'pobvue.stay_requests')).length).toBeGreaterThan(requesters.length + 1);
    expect(await viewRows(as(coordinator).get, 'pobvue.my_stay_requests')).toEqual([]);
  });

  it('"Expiring within 30 days" runs from today to 30 days on, lapsed ones left out, and follows the clock', async () => {
    // Every certificate the database holds, seeded ones included, against the clock of today.
    const today = new Date().toISOString().slice(0, 10);
    const expected = (await t.engine
      .db('pobvue_certificate')
      .whereNull('deleted_at')
      .whereBetween('expires_on', [today, day(30)])
      .pluck('id')) as string[];
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(ids(await viewRows(admin.get, 'pobvue.certificates_expiring'))).toEqual(expected.sort());

    // On a moved clock, with a coordinator signed in then (sessions follow the engine's clock).
    const type = await idOf('pobvue/certificate_type', 'POB-CTYPE-MED-OFF');
    try {
      t.engine.clock.set(new Date('2032-02-10T06:00:00Z'));
      const clerk = await t.userWithToken({
        timeZone: 'UTC',
        memberships: [{ companyId: t.companyId, roles: ['pobvue.site_coordinator'] }],
      });
      const holder = (
        (await as(clerk).post(`${DATA}/pobvue/person`, { first_name: 'Ida', last_name: 'Expiry' })).body.data as Json
      ).id as string;
      for (const expires_on of ['2032-02-09', '2032-02-10', '2032-03-11', '2032-03-12'])
        await as(clerk)
          .post(`${DATA}/pobvue/certificate`, { person: holder, type, issued_on: '2030-03-12', expires_on })
          .expect(201);
      const expiring = async () =>
        (await viewRows(as(clerk).get, 'pobvue.certificates_expiring', { person: holder })).map((c) => c.expires_on);
      // Lapsed yesterday: out; today and 30 days on: in; 31 days on: not yet.
      expect(await expiring()).toEqual(['2032-02-10', '2032-03-11']);
      t.engine.clock.set(new Date('2032-02-11T05:00:00Z'));
      expect(await expiring()).toEqual(['2032-03-11', '2032-03-12']);
    } finally {
      t.engine.clock.set(new Date());
    }
  });
});

describe('the forms of version 1.2', () => {
  it('list a person’s certificates and stays under the person, with labels in the reader’s language', async () => {
    const meta = (await request(t.app).get('/api/v1/meta/entities/pobvue/person').set('accept-language', 'fr')).body
      .data as { forms: { key: string; uischema: Json }[] };
    const form = meta.forms.find((f) => f.key === 'pobvue.person')!;
    const related: Json[] = [];
    const walk = (el: Json) => {
      if (el.type === 'Related') related.push(el);
      ((el.elements as Json[] | undefined) ?? []).forEach(walk);
    };
    walk(form.uischema);
    expect(related).toEqual([
      {
        type: 'Related',
        entity: 'pobvue.certificate',
        field: 'person',
        label: 'Certificats de la personne',
        columns: [
          { field: 'expires_on', label: 'Expire le' },
          { field: 'certificate_no', label: 'N° de certificat' },
          { field: 'issued_on', label: 'Délivré le' },
          { field: 'verified', label: 'Vérifié' },
        ],
        limit: 20,
      },
      {
        type: 'Related',
        entity: 'pobvue.stay_request',
        field: 'person',
        label: 'Séjours de la personne',
        columns: [
          { field: 'number', label: 'Numéro' },
          { field: 'state', label: 'État' },
          { field: 'arrival', label: 'Arrivée' },
          { field: 'departure', label: 'Départ' },
        ],
        limit: 10,
      },
    ]);
    // The request the app makes for each: the records pointing at this person, those columns.
    const person = await idOf('pobvue/person', 'POB-PERSON-0002');
    for (const el of related) {
      const columns = (el.columns as { field: string }[]).map((c) => c.field).join(',');
      const query = new URLSearchParams({ filter: JSON.stringify({ person }), fields: columns, limit: '20' });
      const res = await admin.get(`${DATA}/${String(el.entity).replace('.', '/')}?${query}`).expect(200);
      expect((res.body.data as Json[]).every((r) => r.person === undefined || r.person === person)).toBe(true);
    }
    const held = await admin.get(`${DATA}/pobvue/certificate?filter=${encodeURIComponent(JSON.stringify({ person }))}`);
    expect(held.body.data.length).toBeGreaterThan(0);
  });

  it('lock person, site and dates from approval on with rules on the state, in one layout', async () => {
    const meta = (await admin.get('/api/v1/meta/entities/pobvue/stay_request').expect(200)).body.data as {
      forms: { key: string; uischema: Json; variants: Json }[];
    };
    const form = meta.forms.find((f) => f.key === 'pobvue.stay_request')!;
    expect(form.variants).toEqual({});
    // As JSON Forms draws it: which controls are disabled, which notes shown, in each state.
    const ajv = createAjv();
    const drawn = (state?: string) => {
      const data = state ? { state } : {};
      const locked: string[] = [];
      const notes: string[] = [];
      const walk = (el: Json) => {
        const ui = el as unknown as UISchemaElement;
        if (!isVisible(ui, data, '', ajv, {})) return;
        if (el.type === 'Control' && !isEnabled(ui, data, '', ajv, {}))
          locked.push(String(el.scope).split('/').at(-1)!);
        if (el.type === 'Label') notes.push(String(el.text).split(' ').slice(0, 4).join(' '));
        ((el.elements as Json[] | undefined) ?? []).forEach(walk);
      };
      walk(form.uischema);
      return { locked, notes };
    };
    const open = { locked: [], notes: ['On submission, and again'] };
    const checked = {
      locked: ['person', 'site', 'arrival', 'departure'],
      notes: ["The site's capacity and"],
    };
    expect(drawn()).toEqual(open);
    for (const state of ['draft', 'submitted', 'rejected', 'cancelled']) expect(drawn(state), state).toEqual(open);
    for (const state of ['approved', 'on_site', 'completed']) expect(drawn(state), state).toEqual(checked);
  });
});
