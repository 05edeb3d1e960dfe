import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CORE, createTestEngine, REPO, type TestEngine } from './harness.ts';
import type { Json } from './lab.ts';

// MOCVue end to end over HTTP, with a requester, the MOC coordinator, four reviewers (two with
// their own manager), the four board seats: what the smoke test does not walk. Two board
// rejections refuse a change once three approvals can no longer be reached; a pre-start-up
// review that rejects sends the change back to implementation and a second one starts it up; all
// four reviewers deciding at the same moment settle the validation once; a validation still
// pending is reminded and then escalated to the reviewer's manager on a moved clock; a requester
// withdraws a request under evaluation without any grant to edit it.

const MOCVUE = path.join(REPO, 'definitions/bundles/mocvue');
const DATA = '/api/v1/data';
const CHANGES = `${DATA}/mocvue/change_request`;
const MINUTE = 60_000;
const HOUR = 3_600_000;

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
async function ok(res: request.Test | Promise<request.Response>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body.data as Json;
}
const today = () => t.engine.clock.now().toISOString().slice(0, 10);
const drain = () => t.engine.jobs.drain();

const decide = (who: string, change: Json, decision: 'approved' | 'rejected', comment?: string) =>
  as(users[who]!).post(`${CHANGES}/${String(change.id)}/approvals/decide`, {
    decision,
    ...(comment && { comment }),
  });
const fire = (who: string, change: Json, name: string, body: Json = {}) =>
  ok(as(users[who]!).post(`${CHANGES}/${String(change.id)}/transitions/${name}`, body));
const read = (change: Json) => ok(as(users.requester!).get(`${CHANGES}/${String(change.id)}`));

interface Approval {
  name: string;
  status: string;
  steps: { name: string; status: string; decidedBy: { id: string; name: string } | null; comment: string | null }[];
}
const approvalsOf = async (change: Json) =>
  (await ok(as(users.requester!).get(`${CHANGES}/${String(change.id)}/approvals`))) as unknown as Approval[];
interface HistoryStep {
  kind: string;
  transition: string;
  decision?: string;
  to: string;
  actorName: string;
  comment: string | null;
}
const historyOf = async (change: Json) =>
  (await ok(as(users.requester!).get(`${CHANGES}/${String(change.id)}/workflow`))) as unknown as HistoryStep[];

/** A user's notifications about one change (its number is in every title): title and priority. */
const titles = async (who: string, change: Json) =>
  (
    (await t.engine
      .db('sys_notifications')
      .where({ user_id: users[who]!.id })
      .whereLike('title', `%${String(change.number)}%`)
      .orderBy('created_at')
      .select('title', 'priority')) as { title: string; priority: number }[]
  ).map((n) => [n.title, n.priority]);

const EVALUATION = {
  technical_basis: 'Vendor calculation and API 520 check.',
  safety_health_impact: 'No new hazard; HAZOP close-out attached.',
  procedure_changes: 'OP-ESK-220 revised.',
  start_date: '2031-03-01',
  risk_level: 'medium',
};
const REVIEWERS = ['technical', 'safety', 'finance', 'operations'];

let titlesUsed = 0;
/** A change of the requester's, submitted and evaluated: awaiting the four validations. */
async function inValidation(): Promise<Json> {
  titlesUsed += 1;
  const change = await ok(
    as(users.requester!).post(CHANGES, {
      title: `Relief valve change ${titlesUsed}`,
      change_type: 'permanent',
      site,
      unit_area: 'PSV-2203',
      description: 'Raise the set pressure.',
      justification: 'Spurious lifts.',
    }),
    201,
  );
  await fire('requester', change, 'submit');
  await fire('coordinator', change, 'send_to_validation', { values: EVALUATION });
  return change;
}
async function onBoard(): Promise<Json> {
  const change = await inValidation();
  for (const who of REVIEWERS) await ok(decide(who, change, 'approved'));
  return change;
}
/** Approved by the board and being implemented, people trained today. */
async function implementing(): Promise<Json> {
  const change = await onBoard();
  for (const who of ['chair', 'hse', 'engineering']) await ok(decide(who, change, 'approved'));
  await fire('coordinator', change, 'start_implementation');
  return change;
}

beforeAll(async () => {
  t = await createTestEngine([CORE, MOCVUE], { ACCESS_TOKEN_SECONDS: '86400', SESSION_IDLE_SECONDS: '2592000' });
  const member = (role: string) => ({ memberships: [{ companyId: t.companyId, roles: [`mocvue.${role}`] }] });
  users.techLead = await t.userWithToken({ firstName: 'Tomas', lastName: 'Techlead', ...member('viewer') });
  users.cfo = await t.userWithToken({ firstName: 'Fiona', lastName: 'Finance-Director', ...member('viewer') });
  const roles: Record<string, [string, string?]> = {
    requester: ['requester'],
    coordinator: ['moc_coordinator'],
    technical: ['technical_reviewer', users.techLead.id],
    safety: ['safety_reviewer'],
    finance: ['finance_reviewer', users.cfo.id],
    operations: ['operations_reviewer'],
    chair: ['cab_chair'],
    hse: ['cab_hse'],
    ops: ['cab_operations'],
    engineering: ['cab_engineering'],
  };
  for (const [who, [role, managerId]] of Object.entries(roles)) {
    users[who] = await t.userWithToken({
      firstName: who[0]!.toUpperCase() + who.slice(1),
      lastName: 'Tester',
      ...(managerId && { managerId }),
      ...member(role),
    });
  }
  // The chair's role demands a second factor: the chair has enrolled one.
  await t.engine.db('sys_users').where({ id: users.chair!.id }).update({ totp_enabled_at: new Date() });
  site = (
    await ok(
      request(t.app)
        .post(`${DATA}/core/site`)
        .send({
          code: 'CM-E2E-P1',
          name: 'Esso platform P1',
          kind: 'offshore',
          country: 'CM',
          time_zone: 'Africa/Douala',
          location: { latitude: 4.1, longitude: 8.7 },
        }),
      201,
    )
  ).id as string;
}, 60_000);
afterAll(() => t?.close());
beforeEach(() => t.engine.clock.set(new Date()));

describe('the change advisory board', () => {
  it('refuses a change at the second rejection: three approvals of four can no longer be reached', async () => {
    const change = await onBoard();
    await ok(decide('chair', change, 'approved', 'Sound technical basis.'));
    const first = await ok(decide('hse', change, 'rejected', 'Relief study incomplete.'));
    expect((first.record as Json).state).toBe('board_review');
    const second = await ok(decide('ops', change, 'rejected', 'No shutdown window before Q3.'));
    expect((second.record as Json).state).toBe('refused');
    // The last seat has nothing left to decide.
    const late = await decide('engineering', change, 'approved');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('no_open_approval');

    const board = (await approvalsOf(change)).find((a) => a.name === 'board')!;
    expect(board.status).toBe('rejected');
    expect(board.steps.map((s) => [s.name, s.status, s.decidedBy?.name ?? null, s.comment])).toEqual([
      ['chair', 'approved', 'Chair Tester', 'Sound technical basis.'],
      ['hse', 'rejected', 'Hse Tester', 'Relief study incomplete.'],
      ['operations', 'rejected', 'Ops Tester', 'No shutdown window before Q3.'],
      ['engineering', 'skipped', null, null],
    ]);
    expect(
      (await historyOf(change)).slice(-4).map((h) => [h.transition, h.decision ?? null, h.actorName, h.comment]),
    ).toEqual([
      ['board.chair', 'approved', 'Chair Tester', 'Sound technical basis.'],
      ['board.hse', 'rejected', 'Hse Tester', 'Relief study incomplete.'],
      ['board.operations', 'rejected', 'Ops Tester', 'No shutdown window before Q3.'],
      ['refuse_board', null, 'Ops Tester', 'No shutdown window before Q3.'],
    ]);

    await drain();
    const mails = (await t.engine
      .db('sys_mail')
      .where({ user_id: users.requester!.id })
      .whereLike('subject', `MOC ${String(change.number)} %`)
      .select('subject', 'text')) as { subject: string; text: string }[];
    expect(mails.map((m) => m.subject)).toEqual([`MOC ${String(change.number)} refused: ${String(change.title)}`]);
    expect(mails[0]!.text).toContain('was refused by Ops Tester');
    expect(mails[0]!.text).toContain('“No shutdown window before Q3.”');
  });
});

describe('the pre-start-up safety review', () => {
  it('sends a change back to implementation when rejected; a second review starts it up', async () => {
    const change = await implementing();
    await fire('coordinator', change, 'request_pssr', {
      values: { implemented_on: today(), training_done_on: today() },
    });
    const failed = await ok(decide('safety', change, 'rejected', 'PSV tag missing on the new line.'));
    expect((failed.record as Json).state).toBe('implementing');
    const late = await decide('operations', change, 'approved');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('no_open_approval');
    expect((await historyOf(change)).at(-1)).toMatchObject({
      kind: 'transition',
      transition: 'pssr_failed',
      to: 'implementing',
      actorName: 'Safety Tester',
      comment: 'PSV tag missing on the new line.',
    });

    // The tag fixed, the coordinator asks for a new review: the implementation date is kept.
    await fire('coordinator', change, 'request_pssr');
    await ok(decide('operations', change, 'approved', 'Walkdown done.'));
    const started = await ok(decide('safety', change, 'approved', 'Tag fitted.'));
    expect((started.record as Json).state).toBe('post_review');
    const reviews = (await approvalsOf(change)).filter((a) => a.name === 'pssr');
    expect(reviews.map((a) => [a.status, a.steps.map((s) => s.status)])).toEqual([
      ['rejected', ['rejected', 'skipped']],
      ['approved', ['approved', 'approved']],
    ]);
    const history = await historyOf(change);
    expect(history.filter((h) => h.kind === 'transition').map((h) => h.transition)).toEqual([
      'submit',
      'send_to_validation',
      'to_board',
      'approve',
      'start_implementation',
      'request_pssr',
      'pssr_failed',
      'request_pssr',
      'start_up',
    ]);
    expect(history.at(-1)).toMatchObject({ transition: 'start_up', actorName: 'Safety Tester' });
  });
});

describe('the parallel validation', () => {
  it('is settled once when the four reviewers decide at the same moment', async () => {
    const change = await inValidation();
    const results = await Promise.all(REVIEWERS.map((who) => decide(who, change, 'approved', `${who}: agreed`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(((await read(change)) as Json).state).toBe('board_review');
    const history = await historyOf(change);
    expect(
      history
        .filter((h) => h.kind === 'decision')
        .map((h) => [h.transition, h.actorName, h.comment])
        .sort(),
    ).toEqual([
      ['validation.finance', 'Finance Tester', 'finance: agreed'],
      ['validation.operations', 'Operations Tester', 'operations: agreed'],
      ['validation.safety', 'Safety Tester', 'safety: agreed'],
      ['validation.technical', 'Technical Tester', 'technical: agreed'],
    ]);
    expect(history.filter((h) => h.transition === 'to_board')).toHaveLength(1);
    expect((await approvalsOf(change)).map((a) => [a.name, a.status])).toEqual([
      ['validation', 'approved'],
      ['board', 'open'],
    ]);
    // Each board seat is asked once.
    await drain();
    for (const seat of ['chair', 'hse', 'ops', 'engineering'])
      expect(await titles(seat, change)).toEqual([[`MOC ${String(change.number)}: your decision is awaited`, 2]]);
  });
});

describe('a validation left pending', () => {
  it('is reminded after 48 h and escalated to the reviewer’s manager after 120 h', async () => {
    const change = await inValidation();
    const n = String(change.number);
    for (const who of ['technical', 'safety', 'operations']) await ok(decide(who, change, 'approved'));
    await drain();
    t.engine.clock.advance(48 * HOUR + MINUTE);
    await drain();
    expect(await titles('finance', change)).toEqual([
      [`MOC ${n}: your decision is awaited`, 2],
      [`Reminder: MOC ${n} awaits your decision`, 2],
    ]);
    // Decided steps are neither reminded nor escalated.
    expect(await titles('technical', change)).toEqual([[`MOC ${n}: your decision is awaited`, 2]]);
    expect(await titles('cfo', change)).toEqual([]);

    t.engine.clock.advance(72 * HOUR);
    await drain();
    expect(await titles('cfo', change)).toEqual([[`Escalation: MOC ${n} undecided`, 3]]);
    const [escalation] = await t.engine
      .db('sys_notifications')
      .where({ user_id: users.cfo!.id })
      .whereLike('title', `%${n}%`)
      .pluck('message');
    expect(escalation).toContain('(validation, step finance)');
    expect(await titles('techLead', change)).toEqual([]);
    expect(await titles('finance', change)).toHaveLength(2);

    // Escalation tells; it does not decide. Back to today, the finance reviewer does.
    t.engine.clock.set(new Date());
    expect(((await read(change)) as Json).state).toBe('validation');
    const decided = await ok(decide('finance', change, 'approved', 'Within the 2031 budget.'));
    expect((decided.record as Json).state).toBe('board_review');
  });
});

describe('a requester', () => {
  it('withdraws their request under evaluation with no grant to edit it', async () => {
    const change = await ok(
      as(users.requester!).post(CHANGES, {
        title: 'Second flare tip',
        change_type: 'permanent',
        site,
        description: 'Add a flare tip.',
        justification: 'Flaring capacity.',
      }),
      201,
    );
    await fire('requester', change, 'submit');
    const current = await read(change);
    const edit = await as(users.requester!).patch(`${CHANGES}/${String(change.id)}`, {
      comments: 'Any news?',
      version: current.version,
    });
    expect(edit.status).toBe(403);
    const withdrawn = await fire('requester', change, 'withdraw', { comment: 'Covered by MOC of the tie-in.' });
    expect(withdrawn.state).toBe('withdrawn');
  });
});
