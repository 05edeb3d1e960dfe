import path from 'node:path';
import { createAjv, isVisible, type UISchemaElement } from '@jsonforms/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPermissionTests } from '../src/access/permission-tests.ts';
import { applyBundle, prepareBundles } from '../src/bundles/bundle-service.ts';
import { systemContext } from '../src/data/request-context.ts';
import { loadSeed, readSeed } from '../src/seed/load-seed.ts';
import { generateMocvue } from '../../seeds/mocvue/generate.ts';
import { CORE, createTestEngine, REPO, type TestEngine } from './harness.ts';
import type { Json } from './lab.ts';
import { ids, viewRows } from './view-rows.ts';

// The shipped `mocvue` bundle on a fresh database: it applies, its demo data loads and every
// seeded change walks to its planned state; a change goes from its requester through the
// coordinator, the four parallel validations, a quorum of the board, implementation, the
// pre-start-up review (refused until training is done) and closure; a validation refuses one;
// a replacement in kind is recorded without approval; a temporary change past its end date
// raises an alert and an action; the bundle's permission cases hold.

const MOCVUE = path.join(REPO, 'definitions/bundles/mocvue');
const SEEDS = path.join(REPO, 'seeds');
const DATA = '/api/v1/data';
const CHANGES = `${DATA}/mocvue/change_request`;

let t: TestEngine;
type U = { id: string; token: string };
const users: Record<string, U> = {};
let site: string;

const as = (u: U) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${u.token}`),
  post: (url: string, body: Json = {}) =>
    request(t.rawApp).post(url).set('authorization', `Bearer ${u.token}`).send(body),
  patch: (url: string, body: Json) => request(t.rawApp).patch(url).set('authorization', `Bearer ${u.token}`).send(body),
});
const admin = {
  get: (url: string) => request(t.app).get(url),
  post: (url: string, body: Json = {}) => request(t.app).post(url).send(body),
  patch: (url: string, body: Json) => request(t.app).patch(url).send(body),
};
const seedContext = () => systemContext(t.engine.db, t.engine.registry.current, t.engine.log, 'seed');
const today = () => t.engine.clock.now().toISOString().slice(0, 10);

async function ok(res: request.Test | Promise<request.Response>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body.data as Json;
}
const decide = (who: string, id: unknown, decision: 'approved' | 'rejected', comment?: string) =>
  ok(as(users[who]!).post(`${CHANGES}/${String(id)}/approvals/decide`, { decision, ...(comment && { comment }) }));
const fire = (who: string, id: unknown, name: string, body: Json = {}) =>
  as(users[who]!).post(`${CHANGES}/${String(id)}/transitions/${name}`, body);

const EVALUATION = {
  technical_basis: 'Vendor calculation and API 520 check.',
  safety_health_impact: 'No new hazard; HAZOP close-out attached.',
  procedure_changes: 'OP-ESK-220 revised.',
  start_date: '2031-03-01',
  risk_level: 'medium',
};

beforeAll(async () => {
  t = await createTestEngine([CORE, MOCVUE], { ACCESS_TOKEN_SECONDS: '86400', SESSION_IDLE_SECONDS: '2592000' });
  const roles: Record<string, string> = {
    requester: 'requester',
    coordinator: 'moc_coordinator',
    technical: 'technical_reviewer',
    safety: 'safety_reviewer',
    finance: 'finance_reviewer',
    operations: 'operations_reviewer',
    chair: 'cab_chair',
    hse: 'cab_hse',
    ops: 'cab_operations',
    engineering: 'cab_engineering',
  };
  for (const [who, role] of Object.entries(roles)) {
    users[who] = await t.userWithToken({
      firstName: who[0]!.toUpperCase() + who.slice(1),
      lastName: 'Tester',
      memberships: [{ companyId: t.companyId, roles: [`mocvue.${role}`] }],
    });
  }
  // The chair's role demands a second factor: the chair has enrolled one.
  await t.engine.db('sys_users').where({ id: users.chair!.id }).update({ totp_enabled_at: new Date() });
}, 60_000);
afterAll(() => t?.close());

describe('the mocvue bundle', () => {
  it('validates without a problem and re-applies as a no-op', async () => {
    const prepared = await prepareBundles(t.engine.db, [CORE, MOCVUE]);
    expect(prepared.flatMap((p) => p.issues)).toEqual([]);
    const mocvue = prepared.find((p) => p.name === 'mocvue')!.bundle!;
    expect(mocvue.entities.map((e) => e.name).sort()).toEqual(['change_request', 'moc_action', 'moc_document']);
    expect((await applyBundle(t.engine.db, mocvue)).noop).toBe(true);
  });

  it('passes its own permission cases', async () => {
    const bundle = t.engine.registry.current.bundles.get('mocvue')!;
    const results = await runPermissionTests(t.engine.db, t.engine.registry.current, bundle, t.engine.log);
    expect(results.length).toBeGreaterThanOrEqual(30);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('the mocvue demo data', () => {
  it('loads after core, and a second load adds nothing', async () => {
    await loadSeed(seedContext(), 'core', await readSeed(SEEDS, 'core'));
    const seed = await readSeed(SEEDS, 'mocvue');
    const counts = await loadSeed(seedContext(), 'mocvue', seed);
    expect(counts).toEqual(Object.fromEntries(Object.entries(seed).map(([e, rows]) => [e, rows.length])));
    const again = await loadSeed(seedContext(), 'mocvue', await readSeed(SEEDS, 'mocvue'));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    site = ((await admin.get(`${DATA}/core/site/CORE-SITE-CM-ESK-P1`)).body.data as Json).id as string;
  }, 60_000);

  it('has walked every seeded change to its planned state, with the guards on', async () => {
    // The seed fires each change's journey ($transitions) through the transition path.
    const { journeys } = generateMocvue();
    const workflow = t.engine.registry.current.entities.get('mocvue.change_request')!.workflow!;
    for (const j of journeys) {
      const expected = j.transitions.length ? workflow.transitions.get(j.transitions.at(-1)!.name)!.to : 'draft';
      expect(((await admin.get(`${CHANGES}/${j.externalId}`)).body.data as Json).state, j.externalId).toBe(expected);
    }
  }, 120_000);
});

describe('a change request over HTTP', () => {
  it('needs an end date when temporary', async () => {
    const res = await as(users.requester!).post(CHANGES, { title: 'Bypass', change_type: 'temporary' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'end_date', code: 'rule.temporary_has_end' }),
    ]);
  });

  it('goes through evaluation, validation, the board, implementation, pre-start-up review and closure', async () => {
    const change = await ok(
      as(users.requester!).post(CHANGES, {
        title: 'New PSV set pressure',
        change_type: 'permanent',
        site,
        unit_area: 'PSV-2203',
        description: 'Raise the set pressure.',
        justification: 'Spurious lifts.',
      }),
      201,
    );
    const url = `${CHANGES}/${String(change.id)}`;
    await ok(fire('requester', change.id, 'submit'));
    // The coordinator completes the evaluation; the requester may no longer change it.
    const current = await ok(as(users.requester!).get(url));
    const locked = await as(users.requester!).patch(url, { title: 'Changed', version: current.version });
    expect(locked.status).toBe(403);
    expect(locked.body.error?.code).toBe('forbidden');
    await ok(fire('coordinator', change.id, 'send_to_validation', { values: EVALUATION }));
    const [validation] = (await ok(as(users.requester!).get(`${url}/approvals`))) as unknown as Json[];
    expect(validation).toMatchObject({ name: 'validation', mode: 'parallel', status: 'open' });
    for (const who of ['technical', 'safety', 'finance']) await decide(who, change.id, 'approved');
    expect(((await decide('operations', change.id, 'approved')).record as Json).state).toBe('board_review');
    // Three seats of four are a quorum: the operations seat is not needed.
    await decide('chair', change.id, 'approved');
    await decide('hse', change.id, 'approved');
    expect(((await decide('engineering', change.id, 'approved')).record as Json).state).toBe('approved');
    await ok(fire('coordinator', change.id, 'start_implementation'));
    const untrained = await fire('coordinator', change.id, 'request_pssr', { values: { implemented_on: today() } });
    expect(untrained.status).toBe(422);
    expect(JSON.stringify(untrained.body)).toContain('People must be trained before start-up');
    await ok(
      fire('coordinator', change.id, 'request_pssr', {
        values: { implemented_on: today(), training_done_on: today() },
      }),
    );
    await decide('safety', change.id, 'approved');
    expect(((await decide('operations', change.id, 'approved')).record as Json).state).toBe('post_review');
    const closed = await ok(
      fire('coordinator', change.id, 'close', {
        values: { benefits_verified: 'No more spurious lifts.', lessons_learned: 'Check flare load first.' },
      }),
    );
    expect(closed.state).toBe('closed');
    await t.engine.jobs.drain();
    const mails = await t.engine.db('sys_mail').where({ user_id: users.requester!.id });
    expect(mails.map((m: { subject: string }) => m.subject)).toContain(
      `MOC ${String(change.number)} approved: New PSV set pressure`,
    );
  });

  it('is refused when one validation rejects it, and the requester is told why', async () => {
    const change = await ok(
      as(users.requester!).post(CHANGES, {
        title: 'Higher discharge temperature',
        change_type: 'permanent',
        site,
        description: 'Raise the limit.',
        justification: 'Coolers undersized.',
      }),
      201,
    );
    await ok(fire('requester', change.id, 'submit'));
    await ok(fire('coordinator', change.id, 'send_to_validation', { values: EVALUATION }));
    await decide('technical', change.id, 'approved');
    const refused = await decide('finance', change.id, 'rejected', 'No budget this year.');
    expect((refused.record as Json).state).toBe('refused');
    await t.engine.jobs.drain();
    const [mail] = await t.engine.db('sys_mail').where({
      user_id: users.requester!.id,
      subject: `MOC ${String(change.number)} refused: Higher discharge temperature`,
    });
    expect(mail.text).toContain('No budget this year.');
  });

  it('records a replacement in kind without approval, and only that', async () => {
    const body = { change_type: 'replacement_in_kind', site, unit_area: 'GD-311', description: 'Same model.' };
    const rik = await ok(as(users.requester!).post(CHANGES, { title: 'Gas detector', ...body }), 201);
    const recorded = await ok(
      fire('technical', rik.id, 'record_in_kind', {
        comment: 'Same make and model.',
        values: { technical_basis: 'Same part number.' },
      }),
    );
    expect(recorded.state).toBe('closed');
    const permanent = await ok(
      as(users.requester!).post(CHANGES, { title: 'Other detector', ...body, change_type: 'permanent' }),
      201,
    );
    const refused = await fire('coordinator', permanent.id, 'record_in_kind', {
      comment: 'Trying',
      values: { technical_basis: 'x' },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('Only a replacement in kind');
  });

  it('lets the board chair alone authorise an urgent change', async () => {
    const urgent = await ok(
      as(users.requester!).post(CHANGES, {
        title: 'Jumper to restore export',
        change_type: 'urgent',
        urgency_reason: 'Production shut in.',
        site,
        description: 'Route export through riser R-3.',
        justification: 'Riser R-2 leaks.',
      }),
      201,
    );
    await ok(fire('requester', urgent.id, 'submit'));
    // The chair may fill in what authorising needs, nothing else.
    const { technical_basis, safety_health_impact, procedure_changes } = EVALUATION;
    const beyond = await fire('chair', urgent.id, 'expedite', {
      comment: 'Authorised.',
      values: { technical_basis, safety_health_impact, procedure_changes },
    });
    expect(beyond.status).toBe(403);
    expect(beyond.body.error.code).toBe('forbidden');
    const authorised = await ok(
      fire('chair', urgent.id, 'expedite', {
        comment: 'Authorised.',
        values: { technical_basis, safety_health_impact },
      }),
    );
    expect(authorised.state).toBe('approved');
  });

  it('raises an alert and a restore-or-make-permanent action the day after a temporary change ends', async () => {
    const temporary = await ok(
      admin.post(CHANGES, {
        title: 'Temporary generator',
        change_type: 'temporary',
        site,
        description: 'Generator on deck.',
        justification: 'Main generator overhaul.',
        ...EVALUATION,
        start_date: '2031-04-01',
        end_date: '2031-04-20',
      }),
      201,
    );
    for (const name of ['submit', 'send_to_validation', 'to_board', 'approve'])
      await ok(admin.post(`${CHANGES}/${String(temporary.id)}/transitions/${name}`));
    await t.engine.jobs.drain();
    t.engine.clock.set(new Date('2031-04-21T06:05:00Z'));
    await t.engine.db('sys_outbox').insert({
      queue: 'automation',
      topic: 'automation.tick',
      payload: JSON.stringify({}),
      run_at: t.engine.clock.now(),
      created_at: t.engine.clock.now(),
    });
    await t.engine.jobs.drain();
    const actions = await t.engine
      .db('mocvue_moc_action')
      .where({ change_request: temporary.id, kind: 'restore_or_make_permanent' });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ status: 'open' });
    expect(String(actions[0].due_on instanceof Date ? actions[0].due_on.toISOString() : actions[0].due_on)).toContain(
      '2031-04-28',
    );
    const [alert] = await t.engine
      .db('sys_notifications')
      .where({ user_id: users.coordinator!.id, title: `Temporary change past its end: ${String(temporary.number)}` });
    expect(alert).toBeDefined();
  });
});

describe('the lists of version 1.2', () => {
  // The test before moved the clock years on.
  beforeAll(() => t.engine.clock.set(new Date()));

  it('"My changes" lists exactly the reader’s own requests, though every role reads the company’s', async () => {
    const body = { change_type: 'permanent', site, description: 'x', justification: 'y' };
    const mine = await ok(as(users.coordinator!).post(CHANGES, { title: 'Coordinator’s own', ...body }), 201);
    const requesters = (
      (await t.engine.db('mocvue_change_request').where({ created_by: users.requester!.id }).pluck('id')) as string[]
    ).sort();
    expect(requesters.length).toBeGreaterThanOrEqual(5);
    expect(ids(await viewRows(as(users.requester!).get, 'mocvue.my_changes'))).toEqual(requesters);
    expect(ids(await viewRows(as(users.coordinator!).get, 'mocvue.my_changes'))).toEqual([mine.id]);
    expect(await viewRows(as(users.safety!).get, 'mocvue.my_changes')).toEqual([]);
    expect((await viewRows(as(users.safety!).get, 'mocvue.change_requests')).length).toBeGreaterThan(requesters.length);
  });

  it('"My actions" lists the open actions assigned to the reader, next due first', async () => {
    const change = await ok(
      as(users.coordinator!).post(CHANGES, {
        title: 'Actions for two',
        change_type: 'permanent',
        site,
        description: 'x',
        justification: 'y',
      }),
      201,
    );
    const action = (title: string, assignee: string, due_on: string, done = false) =>
      ok(
        as(users.coordinator!).post(`${DATA}/mocvue/moc_action`, {
          change_request: change.id,
          title,
          kind: 'implementation',
          assignee,
          due_on,
          status: done ? 'done' : 'open',
          ...(done && { done_on: '2031-02-01' }),
        }),
        201,
      );
    const { technical, safety } = users as Record<string, U>;
    await action('Later', technical!.id, '2031-03-20');
    await action('Sooner', technical!.id, '2031-03-10');
    await action('Already done', technical!.id, '2031-02-01', true);
    await action('The safety one', safety!.id, '2031-03-15');
    const titlesOf = (rows: Json[]) => rows.map((r) => r.title);
    expect(titlesOf(await viewRows(as(technical!).get, 'mocvue.my_actions'))).toEqual(['Sooner', 'Later']);
    expect(titlesOf(await viewRows(as(safety!).get, 'mocvue.my_actions'))).toEqual(['The safety one']);
    expect(await viewRows(as(users.coordinator!).get, 'mocvue.my_actions')).toEqual([]);
    expect((await viewRows(as(technical!).get, 'mocvue.moc_actions_open')).length).toBeGreaterThanOrEqual(3);
  });

  it('"Temporary changes past their end date" lists those still in place from the day after their end', async () => {
    const temporary = async (title: string, end_date: string, approve: boolean) => {
      const change = await ok(
        admin.post(CHANGES, {
          title,
          change_type: 'temporary',
          site,
          description: 'Temporary bypass.',
          justification: 'Repair.',
          ...EVALUATION,
          end_date,
        }),
        201,
      );
      if (approve)
        for (const name of ['submit', 'send_to_validation', 'to_board', 'approve'])
          await ok(admin.post(`${CHANGES}/${String(change.id)}/transitions/${name}`));
      return change.id as string;
    };
    const endedBefore = await temporary('Ended on the 9th', '2033-05-09', true);
    const endsToday = await temporary('Ends on the 10th', '2033-05-10', true);
    const neverApproved = await temporary('Draft ended on the 1st', '2033-05-01', false);
    // Today, among all changes, seeded ones included: the view and the rule it says agree.
    const today = new Date().toISOString().slice(0, 10);
    const expected = (await t.engine
      .db('mocvue_change_request')
      .where({ change_type: 'temporary' })
      .whereIn('state', ['approved', 'implementing', 'pssr', 'post_review'])
      .where('end_date', '<', today)
      .whereNull('deleted_at')
      .pluck('id')) as string[];
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect(ids(await viewRows(admin.get, 'mocvue.temporary_changes_overdue'))).toEqual(expected.sort());
    const narrow = { id: { $in: [endedBefore, endsToday, neverApproved] } };
    try {
      // A viewer signed in on the moved clock (sessions follow the engine's clock), in UTC.
      t.engine.clock.set(new Date('2033-05-10T06:00:00Z'));
      const viewer = await t.userWithToken({
        timeZone: 'UTC',
        memberships: [{ companyId: t.companyId, roles: ['mocvue.viewer'] }],
      });
      const overdue = async () =>
        (await viewRows(as(viewer).get, 'mocvue.temporary_changes_overdue', narrow)).map((c) => c.title);
      expect(await overdue()).toEqual(['Ended on the 9th']);
      t.engine.clock.set(new Date('2033-05-11T05:00:00Z'));
      expect(await overdue()).toEqual(['Ended on the 9th', 'Ends on the 10th']);
    } finally {
      t.engine.clock.set(new Date());
    }
  });
});

describe('the change form of version 1.2', () => {
  it('lists the change’s documents and actions, and shows the implementation tab from approval on', async () => {
    const meta = (await request(t.app).get('/api/v1/meta/entities/mocvue/change_request').set('accept-language', 'en'))
      .body.data as { forms: { key: string; uischema: Json; variants: Json }[] };
    const form = meta.forms.find((f) => f.key === 'mocvue.change_request')!;
    const tabs = form.uischema.elements as Json[];
    const relatedIn = (tab: Json) => (tab.elements as Json[]).filter((el) => el.type === 'Related');
    const byLabel = (label: string) => tabs.find((c) => c.label === label)!;
    expect(relatedIn(byLabel('Technical basis'))).toEqual([
      {
        type: 'Related',
        entity: 'mocvue.moc_document',
        field: 'change_request',
        label: 'Documents linked to the change',
        columns: [
          { field: 'title', label: 'Title' },
          { field: 'kind', label: 'Kind' },
          { field: 'reference', label: 'Document reference' },
          { field: 'revision', label: 'Revision' },
        ],
        limit: 20,
      },
    ]);
    const implementation = byLabel('Implementation and review');
    expect(relatedIn(implementation)).toEqual([
      {
        type: 'Related',
        entity: 'mocvue.moc_action',
        field: 'change_request',
        label: 'Actions of the change',
        columns: [
          { field: 'title', label: 'Title' },
          { field: 'kind', label: 'Kind' },
          { field: 'due_on', label: 'Due on' },
          { field: 'status', label: 'Status' },
          { field: 'done_on', label: 'Done on' },
        ],
        limit: 20,
      },
    ]);
    // As JSON Forms draws the tabs: the implementation one only from approval on.
    const ajv = createAjv();
    const shownIn = (state?: string) =>
      tabs
        .filter((tab) => isVisible(tab as unknown as UISchemaElement, state ? { state } : {}, '', ajv, {}))
        .map((tab) => tab.label);
    const workflow = t.engine.registry.current.entities.get('mocvue.change_request')!.workflow!;
    const from = ['approved', 'implementing', 'pssr', 'post_review', 'closed'];
    expect(shownIn()).not.toContain('Implementation and review');
    expect(shownIn()).toHaveLength(6);
    for (const state of workflow.states.keys()) {
      const shown = shownIn(state);
      expect(shown.includes('Implementation and review'), state).toBe(from.includes(state));
      expect(shown.length, state).toBe(from.includes(state) ? 7 : 6);
    }
    // The seeded urgent change being implemented lists its actions through the request the app makes.
    const seeded = await ok(admin.get(`${CHANGES}/MOC-CHG-006`));
    expect(seeded.state).toBe('implementing');
    const query = new URLSearchParams({
      filter: JSON.stringify({ change_request: seeded.id }),
      fields: 'title,kind,due_on,status,done_on',
      limit: '20',
    });
    const actions = (await ok(admin.get(`${DATA}/mocvue/moc_action?${query}`))) as unknown as Json[];
    expect(actions.map((a) => a.kind).sort()).toEqual(['documentation', 'training']);
  });
});
