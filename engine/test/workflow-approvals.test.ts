import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// Approvals driven over HTTP by several users in several roles: sequential steps resolved from
// the requester's manager and a role, a quorum of parallel steps, rejections that send the
// record back with their comment, delegation for a range of days, reminders and escalations on
// a moved clock, concurrent decisions, and the history auditors read.

const BUNDLE = path.join(REPO, 'engine/test/bundles/approve');
const BASE = '/api/v1/data/approve/purchase';

let t: TestEngine;
type U = { id: string; token: string };
let boss: U, requester: U, lead: U, finance: U, cfo: U, deputy: U, bigBoss: U, outsider: U;

const as = (u: U) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${u.token}`),
  post: (url: string, body: object = {}) =>
    request(t.rawApp).post(url).set('authorization', `Bearer ${u.token}`).send(body),
  del: (url: string) => request(t.rawApp).delete(url).set('authorization', `Bearer ${u.token}`),
});
const day = (offset = 0) => new Date(t.engine.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const notificationsOf = async (u: U) =>
  (await t.engine.db('sys_notifications').where({ user_id: u.id }).orderBy('created_at')) as {
    title: string;
    priority: number;
    actions: { id: string; url: string; body: { step: string; decision: string } }[];
  }[];

async function submitted(title = 'Laptop') {
  const p = (await as(requester).post(BASE, { title, amount: 1200 }).expect(201)).body.data;
  await as(requester).post(`${BASE}/${p.id}/transitions/submit`).expect(200);
  return p.id as string;
}

beforeAll(async () => {
  t = await createTestEngine([BUNDLE], { ACCESS_TOKEN_SECONDS: '86400', SESSION_IDLE_SECONDS: '2592000' });
  const member = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  bigBoss = await t.userWithToken({ firstName: 'Big', lastName: 'Boss', ...member(['approve.buyer']) });
  boss = await t.userWithToken({
    firstName: 'Bea',
    lastName: 'Boss',
    managerId: bigBoss.id,
    ...member(['approve.buyer']),
  });
  requester = await t.userWithToken({
    firstName: 'Rui',
    lastName: 'Requester',
    managerId: boss.id,
    ...member(['approve.buyer']),
  });
  lead = await t.userWithToken({
    firstName: 'Lea',
    lastName: 'Lead',
    managerId: bigBoss.id,
    ...member(['approve.lead']),
  });
  finance = await t.userWithToken({ firstName: 'Fin', lastName: 'Ance', ...member(['approve.finance']) });
  cfo = await t.userWithToken({ firstName: 'Cee', lastName: 'Fo', ...member(['approve.cfo']) });
  deputy = await t.userWithToken({ firstName: 'Dee', lastName: 'Puty', ...member(['approve.buyer']) });
  outsider = await t.userWithToken({ firstName: 'Out', lastName: 'Sider', ...member(['approve.buyer']) });
});
afterAll(() => t?.close());
beforeEach(() => t.engine.clock.set(new Date()));

describe('a sequential approval', () => {
  it('asks the requester’s manager, then the lead; the last approval moves the record on', async () => {
    const id = await submitted();
    const [review] = (await as(requester).get(`${BASE}/${id}/approvals`).expect(200)).body.data;
    expect(review).toMatchObject({ name: 'review', status: 'open', mode: 'sequential' });
    expect(review.steps.map((s: { status: string }) => s.status)).toEqual(['pending', 'waiting']);
    expect(review.steps[0].approvers).toEqual([{ id: boss.id, name: 'Bea Boss' }]);
    // Only the manager is asked now, and told so with decision buttons.
    expect((await as(boss).get('/api/v1/approvals/pending')).body.data).toEqual([
      expect.objectContaining({ recordId: id, step: 'manager', approval: 'review', asDelegate: false }),
    ]);
    expect((await as(deputy).get('/api/v1/approvals/pending')).body.data).toEqual([]);
    expect((await as(lead).get('/api/v1/approvals/pending')).body.data).toEqual([]);
    await t.engine.jobs.drain();
    const [asked] = await notificationsOf(boss);
    expect(asked!.title).toBe('Laptop awaits your decision (manager)');
    expect(asked!.actions.map((a) => a.id)).toEqual(['approve', 'reject']);
    expect(asked!.actions[0]!.url).toBe(`${BASE}/${id}/approvals/decide`);

    const refused = await as(lead).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(403);
    expect(refused.body.error.code).toBe('not_an_approver');
    // The button's call works as is.
    await as(boss).post(asked!.actions[0]!.url, asked!.actions[0]!.body).expect(200);
    expect((await as(lead).get('/api/v1/approvals/pending')).body.data).toHaveLength(1);
    const done = await as(lead)
      .post(`${BASE}/${id}/approvals/decide`, { decision: 'approved', comment: 'ok' })
      .expect(200);
    expect(done.body.data.record.state).toBe('board');
    const history = (await as(requester).get(`${BASE}/${id}/workflow`)).body.data;
    expect(
      history.map((h: { kind: string; transition: string; decision?: string; actorName: string }) => [
        h.kind,
        h.transition,
        h.decision ?? null,
        h.actorName,
      ]),
    ).toEqual([
      ['transition', 'submit', null, 'Rui Requester'],
      ['decision', 'review.manager', 'approved', 'Bea Boss'],
      ['decision', 'review.lead', 'approved', 'Lea Lead'],
      ['transition', 'pass', null, 'Lea Lead'],
    ]);
    const audit = await t.engine
      .db('sys_audit')
      .where({ record_id: id, action: 'approval.decide' })
      .count('* as n')
      .first();
    expect(audit).toEqual({ n: 2 });
  });

  it('cannot be bypassed by firing its outcome by hand', async () => {
    const id = await submitted();
    const options = (await as(boss).get(`${BASE}/${id}/transitions`)).body.data.transitions;
    const pass = options.find((o: { name: string }) => o.name === 'pass');
    expect(pass.obstacles).toEqual([
      {
        code: 'approval',
        message: 'The approval "review" decides this: approvers approve or reject',
        params: { approval: 'review' },
      },
    ]);
    const res = await as(boss).post(`${BASE}/${id}/transitions/pass`).expect(403);
    expect(res.body.error.message).toMatch(/approval "review"/);
  });

  it('a rejection needs a comment and sends the record back with it', async () => {
    const id = await submitted('Chair');
    const bare = await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'rejected' }).expect(422);
    expect(bare.body.error.details[0]).toMatchObject({ path: 'comment', code: 'required' });
    const res = await as(boss)
      .post(`${BASE}/${id}/approvals/decide`, { decision: 'rejected', comment: 'Too expensive' })
      .expect(200);
    expect(res.body.data.record.state).toBe('draft');
    const history = (await as(requester).get(`${BASE}/${id}/workflow`)).body.data;
    expect(history.at(-1)).toMatchObject({ transition: 'send_back', comment: 'Too expensive', to: 'draft' });
    const [approval] = (await as(requester).get(`${BASE}/${id}/approvals`)).body.data;
    expect(approval.status).toBe('rejected');
    expect(approval.steps.map((s: { status: string }) => s.status)).toEqual(['rejected', 'skipped']);
    // Submitting again opens a new approval.
    await as(requester).post(`${BASE}/${id}/transitions/submit`).expect(200);
    expect(
      (await as(requester).get(`${BASE}/${id}/approvals`)).body.data.map((a: { status: string }) => a.status),
    ).toEqual(['rejected', 'open']);
  });

  it('refuses bad decisions with a clear error and changes nothing', async () => {
    const id = await submitted();
    const bad = await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'maybe' }).expect(422);
    expect(bad.body.error.details[0].path).toBe('decision');
    await as(boss)
      .post(`${BASE}/${id}/approvals/decide`, { decision: 'approved', step: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    const draft = (await as(requester).post(BASE, { title: 'Nothing to decide' }).expect(201)).body.data;
    const none = await as(boss).post(`${BASE}/${draft.id}/approvals/decide`, { decision: 'approved' }).expect(409);
    expect(none.body.error.code).toBe('no_open_approval');
    const [review] = (await as(requester).get(`${BASE}/${id}/approvals`)).body.data;
    expect(review.steps[0].status).toBe('pending');
  });
});

describe('approvers', () => {
  it('decide with no grant to edit or fire transitions: the step is their authority', async () => {
    const id = await submitted('Monitor');
    await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    // The lead may only read purchases, yet decides the step awaiting them.
    await as(lead).post(`${BASE}/${id}/transitions/pass`).expect(403);
    await as(lead).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    expect((await as(lead).get(`${BASE}/${id}`).expect(200)).body.data.state).toBe('board');
    // Finance may "update" with every field read-only: allowed on the record, on no field.
    const record = (await as(finance).get(`${BASE}/${id}`).expect(200)).body.data;
    const refused = await request(t.rawApp)
      .patch(`${BASE}/${id}`)
      .set('authorization', `Bearer ${finance.token}`)
      .send({ title: 'Cheaper monitor', version: record.version })
      .expect(403);
    expect(refused.body.error.code).toBe('field_not_writable');
  });
});

describe('a quorum', () => {
  it('two of three settle it; concurrent decisions fire the outcome once', async () => {
    const id = await submitted('Server');
    await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    await as(lead).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    const [, board] = (await as(requester).get(`${BASE}/${id}/approvals`)).body.data;
    expect(board).toMatchObject({ name: 'board', mode: 'quorum', quorum: 2 });
    expect(board.steps.map((s: { status: string }) => s.status)).toEqual(['pending', 'pending', 'pending']);
    const [a, b] = await Promise.all([
      as(finance).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }),
      as(cfo).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 200]);
    const record = (await as(requester).get(`${BASE}/${id}`)).body.data;
    expect(record.state).toBe('accepted');
    const accepts = (await as(requester).get(`${BASE}/${id}/workflow`)).body.data.filter(
      (h: { transition: string }) => h.transition === 'accept',
    );
    expect(accepts).toHaveLength(1);
    const [, settled] = (await as(requester).get(`${BASE}/${id}/approvals`)).body.data;
    expect(settled.status).toBe('approved');
    expect(settled.steps.map((s: { status: string }) => s.status).sort()).toEqual(['approved', 'approved', 'skipped']);
  });

  it('is refused once the quorum cannot be reached any more', async () => {
    const id = await submitted('Desk');
    await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    await as(lead).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    await as(finance)
      .post(`${BASE}/${id}/approvals/decide`, { decision: 'rejected', comment: 'No budget' })
      .expect(200);
    expect((await as(requester).get(`${BASE}/${id}`)).body.data.state).toBe('board');
    await as(cfo).post(`${BASE}/${id}/approvals/decide`, { decision: 'rejected', comment: 'Agreed' }).expect(200);
    expect((await as(requester).get(`${BASE}/${id}`)).body.data.state).toBe('refused');
  });
});

describe('delegation', () => {
  it('lets a delegate decide for the approver during the delegated days, and says so', async () => {
    const id = await submitted('Phone');
    const bad = await as(boss)
      .post('/api/v1/delegations', { delegateId: deputy.id, startsOn: day(2), endsOn: day(1) })
      .expect(422);
    expect(bad.body.error.details[0].path).toBe('endsOn');
    await as(boss)
      .post('/api/v1/delegations', { delegateId: boss.id, startsOn: day(), endsOn: day(1) })
      .expect(422);
    const later = (
      await as(boss)
        .post('/api/v1/delegations', { delegateId: deputy.id, startsOn: day(5), endsOn: day(9) })
        .expect(201)
    ).body.data;
    await as(deputy).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(403);
    const now = (
      await as(boss)
        .post('/api/v1/delegations', {
          delegateId: deputy.id,
          startsOn: day(),
          endsOn: day(3),
          reason: 'Offshore rotation',
        })
        .expect(201)
    ).body.data;
    const pending = (await as(deputy).get('/api/v1/approvals/pending')).body.data;
    expect(pending.filter((p: { recordId: string }) => p.recordId === id)).toEqual([
      expect.objectContaining({ step: 'manager', asDelegate: true }),
    ]);
    await as(deputy).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved', comment: 'for Bea' }).expect(200);
    const [review] = (await as(requester).get(`${BASE}/${id}/approvals`)).body.data;
    expect(review.steps[0]).toMatchObject({
      status: 'approved',
      decidedBy: { id: deputy.id, name: 'Dee Puty' },
      onBehalfOf: { id: boss.id, name: 'Bea Boss' },
    });
    await as(boss).del(`/api/v1/delegations/${now.id}`).expect(204);
    await as(boss).del(`/api/v1/delegations/${later.id}`).expect(204);
    await as(outsider).del(`/api/v1/delegations/${now.id}`).expect(404);
    const mine = (await as(boss).get('/api/v1/delegations')).body.data;
    expect(mine.every((d: { revokedAt: string | null }) => d.revokedAt)).toBe(true);
  });
});

describe('reminders and escalations', () => {
  it('remind the approvers after a day and escalate to their managers after two', async () => {
    // Other tests left steps pending: only this record's steps are looked at.
    await t.engine.db('sys_approval_steps').where({ status: 'pending' }).update({ status: 'skipped' });
    await t.engine.jobs.drain();
    await t.engine.db('sys_notifications').delete();
    const id = await submitted('Truck');
    await t.engine.jobs.drain();
    t.engine.clock.advance(24 * 3_600_000 + 60_000);
    await t.engine.jobs.drain();
    expect((await notificationsOf(boss)).map((n) => n.title)).toEqual([
      'Truck awaits your decision (manager)',
      'Reminder: Truck',
    ]);
    expect(await notificationsOf(bigBoss)).toEqual([]);
    t.engine.clock.advance(24 * 3_600_000);
    await t.engine.jobs.drain();
    const escalated = await notificationsOf(bigBoss);
    expect(escalated.map((n) => [n.title, n.priority])).toEqual([['Escalated: Truck', 3]]);
    // A decided step is not reminded again. (Back to today: access tokens last a day at most.)
    t.engine.clock.set(new Date());
    await as(boss).post(`${BASE}/${id}/approvals/decide`, { decision: 'approved' }).expect(200);
    await t.engine.jobs.drain();
    const before = (await notificationsOf(boss)).length;
    t.engine.clock.advance(72 * 3_600_000);
    await t.engine.jobs.drain();
    expect((await notificationsOf(boss)).length).toBe(before);
    // The requester heard of the decision.
    expect((await notificationsOf(requester)).map((n) => n.title)).toContain('manager: approved');
  });
});

describe('the API description', () => {
  it('documents the approval, delegation, job, automation and webhook routes', async () => {
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body;
    expect(doc.paths[`${BASE}/{id}/approvals`].get).toBeDefined();
    expect(
      doc.paths[`${BASE}/{id}/approvals/decide`].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['decision']);
    expect(Object.keys(doc.paths['/api/v1/delegations'])).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/approvals/pending'].get).toBeDefined();
    expect(doc.paths['/api/v1/admin/jobs/{id}/retry'].post).toBeDefined();
    expect(doc.paths['/api/v1/admin/automations/{key}/dry-run'].post).toBeDefined();
    expect(doc.paths['/api/v1/hooks/{bundle}/{automation}'].post.security).toEqual([]);
  });
});

describe('counts per state', () => {
  it('group the records the caller may read, under the list filter, and refuse what cannot group', async () => {
    const groups = (await as(requester).get(`${BASE}/groups?by=state`).expect(200)).body.data as {
      value: string;
      count: number;
    }[];
    const listed = (await as(requester).get(`${BASE}?limit=500`).expect(200)).body.data as { state: string }[];
    const expected = new Map<string, number>();
    for (const r of listed) expected.set(r.state, (expected.get(r.state) ?? 0) + 1);
    expect(new Map(groups.map((g) => [g.value, g.count]))).toEqual(expected);
    const filtered = (
      await as(requester).get(`${BASE}/groups?by=state&filter=${encodeURIComponent('{"state":"draft"}')}`)
    ).body.data;
    expect(filtered).toEqual([{ value: 'draft', count: expected.get('draft') }]);
    const bad = await as(requester).get(`${BASE}/groups?by=title`).expect(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'by', code: 'not_groupable' });
    expect((await as(requester).get(`${BASE}/groups`).expect(400)).body.error.details[0].path).toBe('by');
    // Someone of another company counts nothing of ours.
    const [other] = await t.engine.db('sys_companies').insert({ code: 'OTHER', legal_name: 'Other' }).returning('id');
    const stranger = await t.userWithToken({ memberships: [{ companyId: other.id, roles: ['approve.buyer'] }] });
    expect((await as(stranger).get(`${BASE}/groups?by=state`).expect(200)).body.data).toEqual([]);
  });
});
