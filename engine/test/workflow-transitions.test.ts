import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// A workflow governs a record's state: transitions listed with their obstacles, fired with
// permissions, roles, guard, required fields, comment and the entity's rules; one winner when
// two race; history and audit written with the change.

const FLOW = path.join(REPO, 'engine/test/bundles/flow');
const BASE = '/api/v1/data/flow/request';

let t: TestEngine;
let requester: { id: string; token: string };
let approver: { id: string; token: string };
let colleague: { id: string; token: string };

const as = (token: string) => ({
  get: (url: string) => request(t.rawApp).get(url).set('authorization', `Bearer ${token}`),
  post: (url: string, body: object = {}) =>
    request(t.rawApp).post(url).set('authorization', `Bearer ${token}`).send(body),
  patch: (url: string, body: object) => request(t.rawApp).patch(url).set('authorization', `Bearer ${token}`).send(body),
});

beforeAll(async () => {
  t = await createTestEngine([FLOW]);
  const inHq = (roles: string[]) => ({ memberships: [{ companyId: t.companyId, roles }] });
  requester = await t.userWithToken(inHq(['flow.requester']));
  approver = await t.userWithToken(inHq(['flow.approver']));
  colleague = await t.userWithToken(inHq(['flow.requester']));
});
afterAll(() => t?.close());

async function draft(values: object = {}) {
  const res = await as(requester.token).post(BASE, { title: 'Crew change', ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; state: string; version: number };
}

describe('state', () => {
  it('starts in the initial state, and only transitions move it', async () => {
    const r = await draft();
    expect(r.state).toBe('draft');
    const moved = await as(requester.token).patch(`${BASE}/${r.id}`, { state: 'approved', version: r.version });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details[0]).toMatchObject({ path: 'state', code: 'unknown_field' });
    const created = await as(requester.token).post(BASE, { title: 'x', state: 'approved' });
    expect(created.status).toBe(422);
  });

  it("rules may use the engine's date operations", async () => {
    const long = await as(requester.token).post(BASE, {
      title: 'Long',
      starts_on: '2026-01-01',
      ends_on: '2026-04-01',
    });
    expect(long.status).toBe(422);
    expect(long.body.error.details[0]).toMatchObject({ path: 'ends_on', code: 'rule.at_most_60_days' });
    const fine = await as(requester.token).post(BASE, {
      title: 'Short',
      starts_on: '2026-01-01',
      ends_on: '2026-02-15',
    });
    expect(fine.status).toBe(201);
  });

  it('can be filtered and sorted on', async () => {
    const r = await draft();
    const list = await as(requester.token).get(`${BASE}?filter=${encodeURIComponent('{"state":"draft"}')}&sort=state`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(r.id);
  });
});

describe('listing transitions', () => {
  it('says which the user may fire now, and why not the others', async () => {
    const r = await draft();
    const mine = await as(requester.token).get(`${BASE}/${r.id}/transitions`);
    expect(mine.status).toBe(200);
    const byName = Object.fromEntries(mine.body.data.transitions.map((x: { name: string }) => [x.name, x]));
    expect(mine.body.data).toMatchObject({ state: 'draft', stateLabel: 'Draft', final: false });
    expect(byName.submit).toMatchObject({ allowed: true, requiredFields: ['amount', 'starts_on'] });
    expect(byName.approve.allowed).toBe(false);
    // Each obstacle has an English sentence and the names a client words it with.
    expect(byName.approve.obstacles).toEqual([
      {
        code: 'state',
        message: 'The record is draft; this transition starts from submitted',
        params: { state: 'draft', from: ['submitted'] },
      },
      { code: 'permission', message: 'Your roles do not allow this transition', params: {} },
    ]);
    const theirs = await as(colleague.token).get(`${BASE}/${r.id}/transitions`);
    const submit = theirs.body.data.transitions.find((x: { name: string }) => x.name === 'submit');
    expect(submit).toMatchObject({
      allowed: false,
      obstacles: [
        {
          code: 'role',
          message: 'Only the record’s creator may fire it',
          params: { roles: [], roleLabels: [], owner: true, userField: null },
        },
      ],
    });
  });
});

describe('firing', () => {
  it('runs the whole path with its checks, and keeps the history and the audit entries', async () => {
    const r = await draft();
    const missing = await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`);
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'values.amount',
      'values.starts_on',
    ]);
    const badRule = await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`, {
      values: { amount: 500, starts_on: '2026-12-10', ends_on: '2026-12-01' },
    });
    expect(badRule.status).toBe(422);
    expect(badRule.body.error.details[0]).toMatchObject({ path: 'values.ends_on', code: 'rule.ends_after_start' });
    const submitted = await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`, {
      values: { amount: 500, starts_on: '2026-12-10' },
      comment: 'Rotation 14/14',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.data).toMatchObject({ state: 'submitted', amount: 500, version: 2 });
    const notYours = await as(requester.token).post(`${BASE}/${r.id}/transitions/approve`);
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe('transition_forbidden');
    const noComment = await as(approver.token).post(`${BASE}/${r.id}/transitions/reject`, {
      values: { rejection_reason: 'dates' },
    });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error.details[0]).toMatchObject({ path: 'comment', code: 'required' });
    const rejected = await as(approver.token).post(`${BASE}/${r.id}/transitions/reject`, {
      values: { rejection_reason: 'Dates clash with the shutdown' },
      comment: 'Move it a week',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.state).toBe('draft');
    await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`);
    const approved = await as(approver.token).post(`${BASE}/${r.id}/transitions/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.data.state).toBe('approved');
    const history = await as(requester.token).get(`${BASE}/${r.id}/workflow`);
    expect(history.body.data.map((s: { transition: string }) => s.transition)).toEqual([
      'submit',
      'reject',
      'submit',
      'approve',
    ]);
    expect(history.body.data[1]).toMatchObject({
      from: 'submitted',
      to: 'draft',
      actorId: approver.id,
      comment: 'Move it a week',
      workflow: 'request_flow',
      bundleVersion: '1.0.0',
    });
    const audit = await request(t.app).get('/api/v1/audit').query({ action: 'transition', record: r.id });
    expect(audit.body.data).toHaveLength(4);
    expect(audit.body.data[0].changes.state).toEqual(['submitted', 'approved']);
    const final = await as(requester.token).post(`${BASE}/${r.id}/transitions/withdraw`);
    expect(final.status).toBe(409);
    expect(final.body.error.code).toBe('state_changed');
  });

  it('refuses while the guard is false, naming why', async () => {
    const r = await draft({ amount: 25000, starts_on: '2027-01-04' });
    await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`);
    const listed = await as(approver.token).get(`${BASE}/${r.id}/transitions`);
    const approve = listed.body.data.transitions.find((x: { name: string }) => x.name === 'approve');
    expect(approve.obstacles).toEqual([
      { code: 'guard', message: 'Requests above 10,000 need the board', params: { fromDefinition: true } },
    ]);
    const refused = await as(approver.token).post(`${BASE}/${r.id}/transitions/approve`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({
      code: 'guard',
      message: 'Requests above 10,000 need the board',
    });
  });

  it('lets exactly one of two concurrent transitions win; the other gets 409', async () => {
    const r = await draft({ amount: 10, starts_on: '2027-02-01' });
    const [a, b] = await Promise.all([
      as(requester.token).post(`${BASE}/${r.id}/transitions/submit`),
      as(requester.token).post(`${BASE}/${r.id}/transitions/submit`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((x) => x.status === 409)!.body.error.code).toBe('state_changed');
    const steps = await as(requester.token).get(`${BASE}/${r.id}/workflow`);
    expect(steps.body.data).toHaveLength(1);
  });

  it('answers 404 for an unknown transition, 422 for a bad body, and audits a refusal', async () => {
    const r = await draft();
    expect((await as(requester.token).post(`${BASE}/${r.id}/transitions/teleport`)).status).toBe(404);
    const bad = await as(requester.token).post(`${BASE}/${r.id}/transitions/submit`, { values: [1], extra: true });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'values']);
    await as(colleague.token).post(`${BASE}/${r.id}/transitions/withdraw`);
    const denied = await request(t.app).get('/api/v1/audit').query({ outcome: 'denied', record: r.id });
    expect(denied.body.data[0]).toMatchObject({ action: 'transition:withdraw', actor_id: colleague.id });
  });
});

describe('abilities', () => {
  it('list the transitions a user may fire', async () => {
    const mine = (await as(requester.token).get('/api/v1/auth/me/abilities')).body.data.entities['flow.request'];
    expect(mine.actions).toEqual(['read', 'create', 'update', 'transition:submit', 'transition:withdraw']);
    const theirs = (await as(approver.token).get('/api/v1/auth/me/abilities')).body.data.entities['flow.request'];
    expect(theirs.actions).toEqual(
      expect.arrayContaining(['transition:approve', 'transition:reject', 'transition:submit']),
    );
  });
});

describe('API description', () => {
  it('documents the transition routes of a workflow-governed entity', async () => {
    const doc = (await request(t.rawApp).get('/api/openapi.json')).body;
    const fire = doc.paths['/api/v1/data/flow/request/{id}/transitions/{transition}'];
    expect(fire.parameters[1].schema.enum).toEqual(['submit', 'approve', 'reject', 'withdraw']);
    expect(doc.paths['/api/v1/data/flow/request/{id}/workflow'].get).toBeDefined();
    expect(doc.components.schemas.flow_request.properties.state).toMatchObject({ readOnly: true });
  });
});
