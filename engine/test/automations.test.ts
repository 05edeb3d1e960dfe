import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CHAIN } from '../src/automations/automation-events.ts';
import { signWebhook, verifyWebhook } from '../src/net/webhook-signature.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// Automations of a real bundle driven over HTTP: record, field, transition, schedule, date and
// webhook triggers; create, update, transition and webhook actions; delay, batching, repeat;
// the execution log, retries and the dead-letter list, the dry run; chains that stop.

const AUTO = path.join(REPO, 'engine/test/bundles/auto');
const TICKETS = '/api/v1/data/auto/ticket';
const HOOK_SECRET = 'outbound-secret-0123456789';
const INBOUND_SECRET = 'inbound-secret-0123456789';

let t: TestEngine;
let server: Server;
let received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let answer = 200;

const drain = () => t.engine.jobs.drain();
const tasks = async () =>
  (await t.engine.db(t.engine.registry.current.entities.get('auto.task')!.table).orderBy('created_at')) as {
    title: string;
    ticket: string | null;
    count: number | null;
    created_by: string;
  }[];
const ticket = async (values: object) => (await request(t.app).post(TICKETS).send(values).expect(201)).body.data;
const runs = async (key: string) =>
  (await request(t.app).get(`/api/v1/admin/automations/${key}/runs`).expect(200)).body.data as {
    outcome: string;
    error: string | null;
    jobId: string | null;
    actions: unknown;
  }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  t = await createTestEngine([AUTO], {
    AUTO_HOOK_URL: `http://127.0.0.1:${port}/hook`,
    AUTO_HOOK_SECRET: HOOK_SECRET,
    AUTO_INBOUND_SECRET: INBOUND_SECRET,
    OUTBOUND_ALLOW: '127.0.0.1',
    // Tests move the clock by hours and keep using their session.
    ACCESS_TOKEN_SECONDS: '86400',
    SESSION_IDLE_SECONDS: '2592000',
  });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => server?.close(r));
});
beforeEach(async () => {
  t.engine.clock.set(new Date());
  received = [];
  answer = 200;
  await t.engine.db(t.engine.registry.current.entities.get('auto.task')!.table).delete();
  await t.engine.db('sys_outbox').delete();
});

describe('record triggers', () => {
  it('create a record when the condition holds, in the record’s company, named in the audit trail', async () => {
    const high = await ticket({ title: 'Pump leak', priority: 'high' });
    await ticket({ title: 'Paint', priority: 'low' });
    expect(await tasks()).toEqual([]);
    await drain();
    const made = await tasks();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      title: 'Follow up: Pump leak',
      ticket: high.id,
      created_by: 'automation:auto.follow_up',
    });
    const log = await runs('auto.follow_up');
    expect(log.map((r) => r.outcome).sort()).toEqual(['done', 'skipped']);
    expect(log.find((r) => r.outcome === 'done')!.actions).toEqual([
      { type: 'create', entity: 'auto.task', id: expect.any(String) },
    ]);
    const taskTable = t.engine.registry.current.entities.get('auto.task')!.table;
    expect(await t.engine.db(taskTable).pluck('company_id')).toEqual([t.companyId]);
    // The task's creator is the automation, not a user: nobody to notify, and no failure.
    await drain();
    const greeted = await runs('auto.greet_creator');
    expect(greeted.map((r) => r.outcome)).toEqual(['done']);
    expect(greeted[0]!.actions).toEqual([{ type: 'notify', recipients: 0, notifications: 0 }]);
  });

  it('plan nothing for a write that fails', async () => {
    await request(t.app).post(TICKETS).send({ title: 'x', priority: 'urgent' }).expect(422);
    expect(await t.engine.db('sys_outbox').where({ topic: 'automation.run' }).count('* as n').first()).toEqual({
      n: 0,
    });
  });

  it('fire a transition on a field change, then post a signed webhook once it is closed', async () => {
    const one = await ticket({ title: 'Valve', priority: 'low' });
    await request(t.app).patch(`${TICKETS}/${one.id}`).send({ progress: 50, version: 1 }).expect(200);
    await drain();
    expect((await request(t.app).get(`${TICKETS}/${one.id}`)).body.data.state).toBe('open');
    await request(t.app).patch(`${TICKETS}/${one.id}`).send({ progress: 100, version: 2 }).expect(200);
    await drain();
    const after = (await request(t.app).get(`${TICKETS}/${one.id}`)).body.data;
    expect(after.state).toBe('closed');
    const history = (await request(t.app).get(`${TICKETS}/${one.id}/workflow`)).body.data;
    expect(history.at(-1)).toMatchObject({
      transition: 'close',
      actorId: 'automation:auto.close_when_done',
      comment: 'Closed automatically at 100%',
    });
    expect(received).toHaveLength(1);
    const [hook] = received;
    expect(JSON.parse(hook!.body)).toMatchObject({
      automation: 'auto.tell_outside',
      event: 'transition',
      recordId: one.id,
      transition: { name: 'close', from: 'open', to: 'closed' },
    });
    const signature = hook!.headers['x-opsflux-signature'] as string;
    expect(verifyWebhook(HOOK_SECRET, hook!.body, signature, { now: t.engine.clock.now() })).toEqual({ ok: true });
    expect(hook!.headers['x-opsflux-delivery']).toMatch(/^\d+$/);
  });

  it('retry a failing webhook with backoff, then dead-letter it for an administrator to replay', async () => {
    answer = 500;
    const one = await ticket({ title: 'Flange' });
    await request(t.app).post(`${TICKETS}/${one.id}/transitions/close`).send({}).expect(200);
    for (let i = 0; i < 4; i++) {
      await drain();
      t.engine.clock.advance(30 * 60_000);
    }
    expect(received).toHaveLength(4);
    const deliveries = new Set(received.map((r) => r.headers['x-opsflux-delivery']));
    expect(deliveries.size).toBe(1);
    const dead = (await request(t.app).get('/api/v1/admin/jobs/list?status=dead&topic=webhook.post')).body.data;
    expect(dead).toHaveLength(1);
    expect(dead[0].lastError).toMatch(/answered 500/);
    answer = 200;
    await request(t.app).post(`/api/v1/admin/jobs/${dead[0].id}/retry`).expect(200);
    await drain();
    expect(received).toHaveLength(5);
  });
});

describe('batching, delay and repeat', () => {
  it('gathers events: a full batch runs at once, the rest at the end of the window', async () => {
    const ids = [];
    for (const title of ['a', 'b', 'c', 'd']) ids.push((await ticket({ title })).id);
    for (const id of ids.slice(0, 3)) {
      await request(t.app).patch(`${TICKETS}/${id}`).send({ note: 'changed', version: 1 }).expect(200);
    }
    await drain();
    expect((await tasks()).map((x) => [x.title, x.count])).toEqual([['Notes changed', 3]]);
    await request(t.app).patch(`${TICKETS}/${ids[3]}`).send({ note: 'changed', version: 1 }).expect(200);
    await drain();
    expect(await tasks()).toHaveLength(1);
    t.engine.clock.advance(10 * 60_000);
    await drain();
    expect((await tasks()).map((x) => [x.title, x.count])).toEqual([
      ['Notes changed', 3],
      ['Notes changed', 1],
    ]);
  });

  it('waits for its delay, repeats while the condition holds on the current record, and stops', async () => {
    const one = await ticket({ title: 'nag me' });
    await drain();
    expect(await tasks()).toEqual([]);
    t.engine.clock.advance(60 * 60_000);
    await drain();
    expect(await tasks()).toHaveLength(1);
    t.engine.clock.advance(60 * 60_000);
    await drain();
    expect(await tasks()).toHaveLength(2);
    await request(t.app).post(`${TICKETS}/${one.id}/transitions/close`).send({}).expect(200);
    t.engine.clock.advance(60 * 60_000);
    await drain();
    expect(await tasks()).toHaveLength(2);
    const log = await runs('auto.nag');
    expect(log[0]).toMatchObject({ outcome: 'skipped', error: 'the condition does not hold' });
  });

  it('stops a chain of automations that keep triggering each other', async () => {
    const one = await ticket({ title: 'loop', touches: 0 });
    await request(t.app).patch(`${TICKETS}/${one.id}`).send({ touches: 1, version: 1 }).expect(200);
    await drain();
    const row = (await request(t.app).get(`${TICKETS}/${one.id}`)).body.data;
    expect(row.touches).toBe(1 + MAX_CHAIN + 1);
    expect(await drain()).toBe(0);
  });
});

describe('time triggers', () => {
  beforeEach(async () => {
    await t.engine.db('sys_automation_state').delete();
  });
  /** A scheduler tick due now (each tick plans the next). */
  const tick = () =>
    t.engine.db('sys_outbox').insert({
      queue: 'automation',
      topic: 'automation.tick',
      payload: JSON.stringify({}),
      run_at: t.engine.clock.now(),
      created_at: t.engine.clock.now(),
    });

  it('runs a schedule once at its time in its time zone, not again until the next one', async () => {
    // 02:00 in Paris on 1 December is 01:00 UTC.
    t.engine.clock.set(new Date('2030-12-01T00:58:30Z'));
    await tick();
    await drain();
    expect(await tasks()).toEqual([]);
    t.engine.clock.advance(3 * 60_000);
    await drain();
    expect((await tasks()).map((x) => x.title)).toEqual(['Nightly 2030-12-01T01:00:00.000Z']);
    t.engine.clock.advance(5 * 60_000);
    await drain();
    expect(await tasks()).toHaveLength(1);
    t.engine.clock.advance(24 * 3_600_000);
    await drain();
    expect((await tasks()).map((x) => x.title)).toEqual([
      'Nightly 2030-12-01T01:00:00.000Z',
      'Nightly 2030-12-02T01:00:00.000Z',
    ]);
  });

  it('fires a date trigger once per record, on its day at its hour', async () => {
    const due = await ticket({ title: 'Certificate', due_on: '2031-03-10' });
    await ticket({ title: 'Later', due_on: '2031-04-10' });
    t.engine.clock.set(new Date('2031-03-07T07:58:00Z'));
    await tick();
    await drain();
    expect(await tasks()).toEqual([]);
    t.engine.clock.advance(5 * 60_000);
    await drain();
    expect((await tasks()).map((x) => [x.title, x.ticket])).toEqual([['Due soon: Certificate', due.id]]);
    t.engine.clock.advance(3 * 3_600_000);
    await drain();
    expect(await tasks()).toHaveLength(1);
  });
});

describe('inbound webhooks', () => {
  const post = (body: string, type: string, signature?: string, delivery?: string) => {
    const r = request(t.rawApp).post('/api/v1/hooks/auto/inbound').set('content-type', type);
    if (signature) r.set('x-opsflux-signature', signature);
    if (delivery) r.set('x-opsflux-delivery', delivery);
    return r.send(body);
  };
  const sign = (body: string) => signWebhook(INBOUND_SECRET, body, Math.floor(t.engine.clock.now().getTime() / 1000));
  const titles = async () =>
    (await t.engine.db(t.engine.registry.current.entities.get('auto.ticket')!.table).pluck('title')) as string[];

  it('turns a signed JSON, XML or form body into a record, once per delivery', async () => {
    const json = JSON.stringify({ subject: 'From ERP', priority: 'low' });
    await post(json, 'application/json', sign(json), 'd-1').expect(202);
    await post(json, 'application/json', sign(json), 'd-1').expect(202);
    const xml = '<msg><subject>From CMMS</subject><priority>high</priority></msg>';
    await post(xml, 'application/xml', sign(xml)).expect(202);
    const form = 'subject=From+form&priority=low';
    await post(form, 'application/x-www-form-urlencoded', sign(form)).expect(202);
    await drain();
    const all = await titles();
    expect(all.filter((x) => x === 'From ERP')).toHaveLength(1);
    expect(all).toEqual(expect.arrayContaining(['From form']));
  });

  it('refuses a missing or wrong signature, and unknown hooks', async () => {
    const json = JSON.stringify({ subject: 'Forged' });
    const none = await post(json, 'application/json').expect(401);
    expect(none.body.error.code).toBe('signature_missing');
    const wrong = signWebhook('another-secret-0123456789', json, Math.floor(Date.now() / 1000));
    expect((await post(json, 'application/json', wrong).expect(401)).body.error.code).toBe('signature_mismatch');
    await request(t.rawApp).post('/api/v1/hooks/auto/nope').send('{}').expect(404);
    await request(t.rawApp).post('/api/v1/hooks/auto/follow_up').send('{}').expect(404);
    const bad = '{not json';
    expect((await post(bad, 'application/json', sign(bad)).expect(400)).body.error.code).toBe('body_malformed');
  });
});

describe('administration', () => {
  it('lists automations and dry-runs one without side effects', async () => {
    const list = (await request(t.app).get('/api/v1/admin/automations').expect(200)).body.data;
    expect(list.map((a: { key: string }) => a.key)).toContain('auto.follow_up');
    const dry = await request(t.app)
      .post('/api/v1/admin/automations/auto.follow_up/dry-run')
      .send({ record: { title: 'Sample', priority: 'high' } })
      .expect(200);
    expect(dry.body.data).toMatchObject({ dryRun: true, outcome: 'done', actions: [{ type: 'create' }] });
    const no = await request(t.app)
      .post('/api/v1/admin/automations/auto.follow_up/dry-run')
      .send({ record: { title: 'Sample', priority: 'low' } })
      .expect(200);
    expect(no.body.data).toMatchObject({ outcome: 'skipped', reason: 'the condition does not hold' });
    expect(await tasks()).toEqual([]);
    const bad = await request(t.app)
      .post('/api/v1/admin/automations/auto.follow_up/dry-run')
      .send({ recordId: 'x' })
      .expect(422);
    expect(bad.body.error.details[0].path).toBe('recordId');
    await request(t.app).post('/api/v1/admin/automations/auto.nope/dry-run').send({}).expect(404);
    const user = await t.userWithToken({});
    await request(t.rawApp).get('/api/v1/admin/automations').set('authorization', `Bearer ${user.token}`).expect(403);
  });
});
