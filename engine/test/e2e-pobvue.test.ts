import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../src/auth/sessions.ts';
import { CORE, createTestEngine, REPO, TIERS, type TestEngine } from './harness.ts';
import type { Json } from './lab.ts';

// POBVue end to end over HTTP, with a requester, their manager and her own manager, a deputy,
// two site coordinators and a POB administrator: what the smoke test does not walk. A deputy
// decides for the manager during the delegated days and not after; the pending approver is
// reminded after a day and her manager told after two, on a moved clock; two stays compete for
// the last bed; a request sent back opens a new approval when resubmitted; a cancelled stay
// closes its approval; certificates raise their alert 30 days before they expire, once; two
// coordinators approving at once approve once; the requester gets one e-mail per decision.

const POBVUE = path.join(REPO, 'definitions/bundles/pobvue');
const DATA = '/api/v1/data';
const STAYS = `${DATA}/pobvue/stay_request`;
const MINUTE = 60_000;
const DAY = 86_400_000;

let t: TestEngine;
type U = { id: string; token: string };
let requester: U, manager: U, head: U, deputy: U, coordinator: U, coordinator2: U, opsHead: U, pobAdmin: U;
let employer: string;
let base: string;

const as = (u: U) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${u.token}`),
  post: (url: string, body: Json = {}) =>
    request(t.rawApp).post(url).set('authorization', `Bearer ${u.token}`).send(body),
  patch: (url: string, body: Json) => request(t.rawApp).patch(url).set('authorization', `Bearer ${u.token}`).send(body),
  del: (url: string) => request(t.rawApp).delete(url).set('authorization', `Bearer ${u.token}`),
});
const admin = {
  post: (url: string, body: Json = {}) => request(t.app).post(url).send(body),
};

async function ok(res: request.Test | Promise<request.Response>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body.data as Json;
}
const day = (offset: number) => new Date(t.engine.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
const drain = () => t.engine.jobs.drain();

/** A new session opened at the engine's (moved) time: access tokens last a day at most. */
async function signIn(u: U): Promise<U> {
  const session = await openSession(
    t.engine.db,
    t.engine.auth,
    { userId: u.id, companyId: t.companyId, mfa: false, pending: null, method: 'test' },
    { ip: '127.0.0.1', userAgent: 'e2e-pobvue' },
  );
  return { id: u.id, token: session.accessToken };
}

let people = 0;
async function person(): Promise<string> {
  people += 1;
  return (await ok(admin.post(`${DATA}/pobvue/person`, { first_name: 'Crew', last_name: `Member ${people}` }), 201))
    .id as string;
}

/** A draft of the requester for a new person, at the base unless said otherwise. */
async function draft(values: Json = {}): Promise<Json> {
  return ok(
    as(requester).post(STAYS, {
      person: await person(),
      employer,
      site: base,
      arrival: '2031-03-02',
      departure: '2031-03-16',
      reason: 'maintenance',
      ...values,
    }),
    201,
  );
}
async function submitted(values: Json = {}): Promise<Json> {
  const stay = await draft(values);
  await ok(as(requester).post(`${STAYS}/${String(stay.id)}/transitions/submit`));
  return stay;
}

const decide = (u: U, stay: Json, decision: 'approved' | 'rejected', comment?: string) =>
  as(u).post(`${STAYS}/${String(stay.id)}/approvals/decide`, { decision, ...(comment && { comment }) });

interface Step {
  id: string;
  name: string;
  status: string;
  decidedBy: { id: string; name: string } | null;
  onBehalfOf: { id: string; name: string } | null;
  comment: string | null;
}
interface Approval {
  name: string;
  status: string;
  closedAt: string | null;
  steps: Step[];
}
const approvalsOf = async (stay: Json) =>
  (await ok(as(requester).get(`${STAYS}/${String(stay.id)}/approvals`))) as unknown as Approval[];

interface HistoryStep {
  kind: string;
  transition: string;
  decision?: string;
  onBehalfOf?: string | null;
  to: string;
  actorId: string;
  actorName: string;
  comment: string | null;
}
const historyOf = async (stay: Json) =>
  (await ok(as(requester).get(`${STAYS}/${String(stay.id)}/workflow`))) as unknown as HistoryStep[];

const pendingOf = async (u: U) =>
  (await ok(as(u).get('/api/v1/approvals/pending'))) as unknown as { recordId: string; asDelegate: boolean }[];

interface Notice {
  title: string;
  message: string;
  priority: number;
  actions: { id: string; body: { step: string; decision: string } }[];
}
/** A user's notifications about one stay (its number is in every title), oldest first. */
const noticesOf = async (u: U, stay: Json): Promise<Notice[]> =>
  t.engine
    .db('sys_notifications')
    .where({ user_id: u.id })
    .whereLike('title', `%${String(stay.number)}%`)
    .orderBy('created_at')
    .select('title', 'message', 'priority', 'actions');
const titles = async (u: U, stay: Json) => (await noticesOf(u, stay)).map((n) => [n.title, n.priority]);

/** The e-mails queued for the requester about one stay, oldest first. */
const mailsAbout = async (stay: Json) =>
  (await t.engine
    .db('sys_mail')
    .where({ user_id: requester.id })
    .whereLike('subject', `%${String(stay.number)}%`)
    .orderBy('created_at')
    .select('subject', 'text', 'to_address')) as { subject: string; text: string; to_address: string }[];

beforeAll(async () => {
  t = await createTestEngine([CORE, TIERS, POBVUE], {
    ACCESS_TOKEN_SECONDS: '86400',
    SESSION_IDLE_SECONDS: '2592000',
  });
  const member = (role: string) => ({ memberships: [{ companyId: t.companyId, roles: [`pobvue.${role}`] }] });
  head = await t.userWithToken({ firstName: 'Hugo', lastName: 'Head', ...member('line_manager') });
  manager = await t.userWithToken({
    firstName: 'Mona',
    lastName: 'Manager',
    managerId: head.id,
    ...member('line_manager'),
  });
  deputy = await t.userWithToken({ firstName: 'Dario', lastName: 'Deputy', ...member('line_manager') });
  requester = await t.userWithToken({
    firstName: 'Remi',
    lastName: 'Requester',
    managerId: manager.id,
    ...member('requester'),
  });
  opsHead = await t.userWithToken({ firstName: 'Olga', lastName: 'Operations', ...member('viewer') });
  coordinator = await t.userWithToken({
    firstName: 'Cora',
    lastName: 'Coordinator',
    managerId: opsHead.id,
    ...member('site_coordinator'),
  });
  coordinator2 = await t.userWithToken({ firstName: 'Colin', lastName: 'Coordinator', ...member('site_coordinator') });
  pobAdmin = await t.userWithToken({ firstName: 'Paula', lastName: 'Admin', ...member('pob_admin') });
  employer = (await ok(admin.post(`${DATA}/tiers/company`, { legal_name: 'Gulf Crew Services', type: 'client' }), 201))
    .id as string;
  base = await siteWithBeds('CM-E2E-BASE', 40);
}, 60_000);
afterAll(() => t?.close());
beforeEach(() => t.engine.clock.set(new Date()));

/** A logistics base reached by road, requiring no certificate, with its beds declared. */
async function siteWithBeds(code: string, beds: number): Promise<string> {
  const site = await ok(
    admin.post(`${DATA}/core/site`, {
      code,
      name: `Base ${code}`,
      kind: 'base',
      country: 'CM',
      time_zone: 'Africa/Douala',
    }),
    201,
  );
  await ok(admin.post(`${DATA}/pobvue/site_capacity`, { site: site.id, beds, transfer_mode: 'road' }), 201);
  return site.id as string;
}

describe('delegation', () => {
  it('lets a deputy decide for the manager during the delegated days, on her behalf, and not after', async () => {
    const delegation = await ok(
      as(manager).post('/api/v1/delegations', {
        delegateId: deputy.id,
        startsOn: day(0),
        endsOn: day(2),
        reason: 'Offshore rotation',
      }),
      201,
    );
    const stay = await submitted();
    await drain();
    // The manager and her deputy are both asked, with the decision buttons.
    for (const u of [manager, deputy]) {
      const [asked, ...more] = await noticesOf(u, stay);
      expect(more).toEqual([]);
      expect(asked).toMatchObject({ title: `Stay ${String(stay.number)} awaits your approval`, priority: 2 });
      expect(asked!.actions.map((a) => a.id)).toEqual(['approve', 'reject']);
    }
    expect((await pendingOf(deputy)).filter((p) => p.recordId === stay.id)).toEqual([
      expect.objectContaining({ approval: 'stay_approval', step: 'manager', asDelegate: true }),
    ]);
    expect((await pendingOf(manager)).filter((p) => p.recordId === stay.id)).toEqual([
      expect.objectContaining({ step: 'manager', asDelegate: false }),
    ]);

    await ok(decide(deputy, stay, 'approved', 'Approved for Mona during her rotation'));
    const [approval] = await approvalsOf(stay);
    expect(approval!.steps[0]).toMatchObject({
      name: 'manager',
      status: 'approved',
      decidedBy: { id: deputy.id, name: 'Dario Deputy' },
      onBehalfOf: { id: manager.id, name: 'Mona Manager' },
      comment: 'Approved for Mona during her rotation',
    });
    expect(approval!.steps[1]!.status).toBe('pending');
    expect((await historyOf(stay)).at(-1)).toMatchObject({
      kind: 'decision',
      transition: 'stay_approval.manager',
      decision: 'approved',
      actorId: deputy.id,
      actorName: 'Dario Deputy',
      onBehalfOf: manager.id,
      comment: 'Approved for Mona during her rotation',
    });
    expect((await pendingOf(manager)).filter((p) => p.recordId === stay.id)).toEqual([]);

    // Three days on, the delegation has ended: the deputy no longer decides for her.
    const later = await submitted();
    t.engine.clock.advance(3 * DAY);
    const [deputyNow, managerNow] = [await signIn(deputy), await signIn(manager)];
    expect((await pendingOf(deputyNow)).filter((p) => p.recordId === later.id)).toEqual([]);
    const refused = await decide(deputyNow, later, 'approved');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_an_approver');
    expect((await pendingOf(managerNow)).filter((p) => p.recordId === later.id)).toEqual([
      expect.objectContaining({ step: 'manager', asDelegate: false }),
    ]);
    t.engine.clock.set(new Date());
    expect((await approvalsOf(later))[0]!.steps.map((s) => s.status)).toEqual(['pending', 'waiting']);
    await as(manager)
      .del(`/api/v1/delegations/${String(delegation.id)}`)
      .expect(204);
  });
});

describe('reminders and escalation', () => {
  it('remind the pending approver after 24 h and tell her manager after 48 h; a decided step is left alone', async () => {
    const stay = await submitted();
    const n = String(stay.number);
    const [managerStep] = (await approvalsOf(stay))[0]!.steps;
    await drain();
    t.engine.clock.advance(DAY + MINUTE);
    await drain();
    const [, reminder] = await noticesOf(manager, stay);
    expect(await titles(manager, stay)).toEqual([
      [`Stay ${n} awaits your approval`, 2],
      [`Reminder: stay ${n} still awaits your decision`, 2],
    ]);
    expect(reminder!.actions.map((a) => [a.id, a.body.step])).toEqual([
      ['approve', managerStep!.id],
      ['reject', managerStep!.id],
    ]);
    expect(await titles(head, stay)).toEqual([]);
    // The coordinators' step has not opened: they are neither asked nor reminded.
    expect(await titles(coordinator, stay)).toEqual([]);

    t.engine.clock.advance(DAY);
    await drain();
    expect(await titles(head, stay)).toEqual([[`Escalation: stay ${n} undecided for 48 h`, 3]]);
    expect(await titles(manager, stay)).toHaveLength(2);
    expect(await titles(requester, stay)).toEqual([]);

    // Back to today, the manager decides: her step is neither reminded nor escalated again, and
    // the coordinators' step runs its own clock, escalated to Cora's manager.
    t.engine.clock.set(new Date());
    await ok(decide(manager, stay, 'approved'));
    await drain();
    t.engine.clock.advance(2 * DAY + MINUTE);
    await drain();
    expect(await titles(manager, stay)).toHaveLength(2);
    expect(await titles(head, stay)).toHaveLength(1);
    for (const u of [coordinator, coordinator2]) {
      expect(await titles(u, stay)).toEqual([
        [`Stay ${n} awaits your approval`, 2],
        [`Reminder: stay ${n} still awaits your decision`, 2],
      ]);
    }
    expect(await titles(opsHead, stay)).toEqual([[`Escalation: stay ${n} undecided for 48 h`, 3]]);
    t.engine.clock.set(new Date());
    expect(((await ok(as(requester).get(`${STAYS}/${String(stay.id)}`))) as Json).state).toBe('submitted');
  });
});

describe('the last bed', () => {
  const FULL = (night: string) =>
    `The site is full on the night of ${night}: approved stays already take 2 of its 2 places (maximum POB), 3 with this stay. `;

  /** Two beds, one taken from the 1st to the 20th of `month` 2031, and two requests for the other. */
  async function lastBed(code: string, month: string): Promise<[Json, Json]> {
    const camp = await siteWithBeds(code, 2);
    const taken = await draft({ site: camp, arrival: `2031-${month}-01`, departure: `2031-${month}-20` });
    for (const name of ['submit', 'approve']) await ok(admin.post(`${STAYS}/${String(taken.id)}/transitions/${name}`));
    // Both requests pass submission (neither is approved yet) and their manager's step.
    const first = await submitted({ site: camp, arrival: `2031-${month}-10`, departure: `2031-${month}-14` });
    const second = await submitted({ site: camp, arrival: `2031-${month}-12`, departure: `2031-${month}-16` });
    for (const stay of [first, second]) await ok(decide(manager, stay, 'approved'));
    return [first, second];
  }

  it('goes to the stay the coordinator approves first; the second approval is refused, naming the night', async () => {
    const [first, second] = await lastBed('CM-E2E-CAMP', '04');
    const won = await ok(decide(coordinator, first, 'approved'));
    expect((won.record as Json).state).toBe('approved');
    const lost = await decide(coordinator, second, 'approved', 'Bed 2');
    expect(lost.status).toBe(422);
    expect(lost.body.error.code).toBe('validation_failed');
    expect(lost.body.error.details).toEqual([{ path: '(record)', code: 'guard', message: FULL('2031-04-12') }]);
    // Nothing of the refused decision is kept: the step still awaits a coordinator.
    expect(((await ok(as(requester).get(`${STAYS}/${String(second.id)}`))) as Json).state).toBe('submitted');
    const [approval] = await approvalsOf(second);
    expect(approval).toMatchObject({ status: 'open' });
    expect(approval!.steps.map((s) => [s.status, s.decidedBy])).toEqual([
      ['approved', { id: manager.id, name: 'Mona Manager' }],
      ['pending', null],
    ]);
    expect((await historyOf(second)).map((h) => h.transition)).toEqual(['submit', 'stay_approval.manager']);
    expect((await pendingOf(coordinator)).map((p) => p.recordId)).toContain(second.id);
    await drain();
    expect((await mailsAbout(second)).map((m) => m.subject)).toEqual([
      `Stay ${String(second.number)}: approved by Mona Manager`,
    ]);
  });

  it('goes to one stay only when two coordinators approve the two requests at the same moment', async () => {
    const [first, second] = await lastBed('CM-E2E-HUT', '05');
    const results = await Promise.all([
      decide(coordinator, first, 'approved'),
      decide(coordinator2, second, 'approved'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    // Whichever lost, the night both need is the 12th.
    expect(results.find((r) => r.status === 422)!.body.error.details).toEqual([
      { path: '(record)', code: 'guard', message: FULL('2031-05-12') },
    ]);
    const states = await Promise.all(
      [first, second].map(async (stay) => (await ok(as(requester).get(`${STAYS}/${String(stay.id)}`))).state),
    );
    expect(states.sort()).toEqual(['approved', 'submitted']);
  });
});

describe('a request sent back', () => {
  it('opens a new approval when resubmitted; the requester gets one e-mail per decision', async () => {
    const stay = await submitted();
    const n = String(stay.number);
    const url = `${STAYS}/${String(stay.id)}`;
    const back = await ok(decide(manager, stay, 'rejected', 'Cost centre missing: use CC-4410'));
    expect((back.record as Json).state).toBe('draft');
    // The requester corrects the draft and submits it again.
    const current = await ok(as(requester).get(url));
    await ok(as(requester).patch(url, { cost_centre: 'CC-4410', version: current.version }));
    await ok(as(requester).post(`${url}/transitions/submit`));
    const [sentBack, reopened] = await approvalsOf(stay);
    expect(sentBack).toMatchObject({ name: 'stay_approval', status: 'rejected' });
    expect(sentBack!.steps.map((s) => [s.name, s.status, s.comment])).toEqual([
      ['manager', 'rejected', 'Cost centre missing: use CC-4410'],
      ['site_coordinator', 'skipped', null],
    ]);
    expect(reopened).toMatchObject({ name: 'stay_approval', status: 'open', closedAt: null });
    expect(reopened!.steps.map((s) => s.status)).toEqual(['pending', 'waiting']);

    await ok(decide(manager, stay, 'approved'));
    const done = await ok(decide(coordinator, stay, 'approved', 'Bed 7, container C'));
    expect((done.record as Json).state).toBe('approved');
    expect(
      (await historyOf(stay)).map((h) => [h.kind, h.transition, h.decision ?? null, h.actorName, h.comment]),
    ).toEqual([
      ['transition', 'submit', null, 'Remi Requester', null],
      ['decision', 'stay_approval.manager', 'rejected', 'Mona Manager', 'Cost centre missing: use CC-4410'],
      ['transition', 'return_to_draft', null, 'Mona Manager', 'Cost centre missing: use CC-4410'],
      ['transition', 'submit', null, 'Remi Requester', null],
      ['decision', 'stay_approval.manager', 'approved', 'Mona Manager', null],
      ['decision', 'stay_approval.site_coordinator', 'approved', 'Cora Coordinator', 'Bed 7, container C'],
      ['transition', 'approve', null, 'Cora Coordinator', 'Bed 7, container C'],
    ]);

    await drain();
    const address = (await t.engine.db('sys_users').where({ id: requester.id }).first('email')).email as string;
    const mails = await mailsAbout(stay);
    expect(mails.map((m) => [m.subject, m.to_address])).toEqual([
      [`Stay ${n}: sent back for changes`, address],
      [`Stay ${n}: approved by Mona Manager`, address],
      [`Stay ${n}: approved by Cora Coordinator`, address],
    ]);
    expect(mails[0]!.text).toContain('“Cost centre missing: use CC-4410”');
    expect(mails[2]!.text).toContain('Their comment: “Bed 7, container C”');
  });
});

describe('a cancelled stay', () => {
  it('closes its pending approval as cancelled: nothing is decided nor reminded any more', async () => {
    const stay = await submitted();
    await drain();
    // The requester cancels with no grant to edit the stay: the transition grant is enough.
    const cancelled = await ok(
      as(requester).post(`${STAYS}/${String(stay.id)}/transitions/cancel`, { comment: 'Job postponed' }),
    );
    expect(cancelled.state).toBe('cancelled');
    const [approval, ...others] = await approvalsOf(stay);
    expect(others).toEqual([]);
    expect(approval).toMatchObject({ name: 'stay_approval', status: 'cancelled' });
    expect(approval!.closedAt).not.toBeNull();
    const late = await decide(manager, stay, 'approved');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('no_open_approval');
    expect((await historyOf(stay)).at(-1)).toMatchObject({
      transition: 'cancel',
      to: 'cancelled',
      actorName: 'Remi Requester',
      comment: 'Job postponed',
    });
    t.engine.clock.advance(2 * DAY + MINUTE);
    await drain();
    expect(await titles(manager, stay)).toEqual([[`Stay ${String(stay.number)} awaits your approval`, 2]]);
    expect(await titles(head, stay)).toEqual([]);
  });

  // Found by this test: a cancelled approval's steps stayed pending and were still listed.
  it('no longer appears among the steps awaiting the manager', async () => {
    const stay = await submitted();
    await ok(as(requester).post(`${STAYS}/${String(stay.id)}/transitions/cancel`, { comment: 'Job postponed' }));
    expect((await pendingOf(manager)).filter((p) => p.recordId === stay.id)).toEqual([]);
    expect((await approvalsOf(stay))[0]!.steps.map((s) => s.status)).not.toContain('pending');
  });
});

describe('two coordinators approving at once', () => {
  it('approve the stay once: one decides, the other is told nothing awaits a decision', async () => {
    const stay = await submitted();
    await ok(decide(manager, stay, 'approved'));
    const [a, b] = await Promise.all([
      decide(coordinator, stay, 'approved', 'Cora: bed 3'),
      decide(coordinator2, stay, 'approved', 'Colin: bed 5'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [coordinator, b] : [coordinator2, a];
    const winnerName = winner === coordinator ? 'Cora Coordinator' : 'Colin Coordinator';
    expect(loser.body.error).toMatchObject({
      code: 'no_open_approval',
      message: 'Nothing awaits a decision on this record',
    });
    const history = await historyOf(stay);
    expect(history.filter((h) => h.transition === 'approve').map((h) => h.actorName)).toEqual([winnerName]);
    expect(history.filter((h) => h.transition === 'stay_approval.site_coordinator').map((h) => h.actorId)).toEqual([
      winner.id,
    ]);
    const [approval, ...others] = await approvalsOf(stay);
    expect(others).toEqual([]);
    expect(approval!.status).toBe('approved');
    expect(approval!.steps[1]!.decidedBy).toEqual({ id: winner.id, name: winnerName });
    expect(((await ok(as(requester).get(`${STAYS}/${String(stay.id)}`))) as Json).state).toBe('approved');
    await drain();
    expect((await mailsAbout(stay)).map((m) => m.subject)).toEqual([
      `Stay ${String(stay.number)}: approved by Mona Manager`,
      `Stay ${String(stay.number)}: approved by ${winnerName}`,
    ]);
  });
});

describe('a certificate about to expire', () => {
  let survival: string;

  /** Runs the scheduler's tick at `iso` (a moved clock), and what it plans. */
  async function tickAt(iso: string): Promise<void> {
    t.engine.clock.set(new Date(iso));
    await t.engine.db('sys_outbox').insert({
      queue: 'automation',
      topic: 'automation.tick',
      payload: JSON.stringify({}),
      run_at: t.engine.clock.now(),
      created_at: t.engine.clock.now(),
    });
    await drain();
  }
  const alerts = async (u: U, expiresOn: string) =>
    (
      (await t.engine
        .db('sys_notifications')
        .where({ user_id: u.id, title: `A certificate expires on ${expiresOn}` })
        .orderBy('created_at')
        .select('message', 'priority')) as { message: string; priority: number }[]
    ).map((n) => [n.message.split(' ')[1], n.priority]);

  beforeAll(async () => {
    survival = (
      await ok(
        admin.post(`${DATA}/pobvue/certificate_type`, {
          code: 'E2E-BOSIET',
          name: 'Survival (e2e)',
          category: 'offshore_survival',
        }),
        201,
      )
    ).id as string;
  });

  it('warns the POB administrators and its recorder 30 days before, once, unless it was renewed', async () => {
    // Recorded by the requester (unverified), so they are told too.
    await ok(
      as(requester).post(`${DATA}/pobvue/certificate`, {
        person: await person(),
        type: survival,
        certificate_no: 'BOS-0001',
        issued_on: '2027-09-16',
        expires_on: '2031-09-15',
      }),
      201,
    );
    // Renewed ahead of time: a longer-lived certificate of the same type is already recorded.
    const renewedHolder = await person();
    for (const [no, issued, expires] of [
      ['BOS-0002', '2027-09-16', '2031-09-15'],
      ['BOS-0003', '2031-07-01', '2035-06-30'],
    ])
      await ok(
        admin.post(`${DATA}/pobvue/certificate`, {
          person: renewedHolder,
          type: survival,
          certificate_no: no,
          issued_on: issued,
          expires_on: expires,
          verified: true,
        }),
        201,
      );

    await tickAt('2031-08-15T12:00:00Z');
    expect(await alerts(pobAdmin, '2031-09-15')).toEqual([]);
    // 30 days before, past 07:00 in Lagos (06:00 UTC).
    await tickAt('2031-08-16T06:30:00Z');
    expect(await alerts(pobAdmin, '2031-09-15')).toEqual([['BOS-0001', 2]]);
    expect(await alerts(requester, '2031-09-15')).toEqual([['BOS-0001', 2]]);
    expect(await alerts(coordinator, '2031-09-15')).toEqual([]);
    // The next days' ticks (the trigger catches up on a week of late days) do not repeat it.
    for (const d of ['17', '18', '19', '20', '21', '22']) await tickAt(`2031-08-${d}T12:00:00Z`);
    expect(await alerts(pobAdmin, '2031-09-15')).toEqual([['BOS-0001', 2]]);
    expect(await alerts(requester, '2031-09-15')).toEqual([['BOS-0001', 2]]);
  });

  // Found by this test: finished jobs (and the keys that make a date fire once) were deleted
  // before a late date stopped being due, so it fired again a week later.
  it('does not warn again a week after the first alert', async () => {
    await ok(
      as(requester).post(`${DATA}/pobvue/certificate`, {
        person: await person(),
        type: survival,
        certificate_no: 'BOS-0004',
        issued_on: '2027-10-16',
        expires_on: '2031-10-15',
      }),
      201,
    );
    // The scheduler ticks every minute: a few ticks a day are enough to show it.
    for (let d = 15; d <= 24; d++) for (const at of ['12:00', '18:00', '18:01']) await tickAt(`2031-09-${d}T${at}:00Z`);
    expect(await alerts(pobAdmin, '2031-10-15')).toEqual([['BOS-0004', 2]]);
  });
});
