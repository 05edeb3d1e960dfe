import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicProblem } from '../src/bundles/json-logic-vars.ts';
import { loadBundle } from '../src/bundles/load-bundle.ts';
import { validateBundle } from '../src/bundles/validate-bundle.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';

// The engine with a row of plugins, most of them broken: it serves all the same, lists what
// failed and why, and keeps each failure of a working plugin (an action, a route, a rule
// operation) to the run or request it happened in.

const FIXTURES = path.join(REPO, 'engine/test/fixtures/plugins');
const PLUGGED = path.join(REPO, 'engine/test/bundles/plugged');
const GADGETS = '/api/v1/data/plugged/gadget';
const PLUGINS = [
  path.join(FIXTURES, 'broken-import.ts'),
  'engine/test/fixtures/plugins/bad-shape.ts',
  path.join(FIXTURES, 'throws-in-setup.ts'),
  './engine/test/fixtures/plugins/missing.ts',
  path.join(FIXTURES, 'faulty.ts'),
  path.join(FIXTURES, 'faulty-twin.ts'),
];

let t: TestEngine;
let closed = false;
const lines: { level: number; msg: string; plugin?: string }[] = [];

const gadget = async (values: object) => (await request(t.app).post(GADGETS).send(values).expect(201)).body.data;
/** The runs of an automation that did not skip (their condition held). */
const runs = async (key: string) =>
  (
    (await request(t.app).get(`/api/v1/admin/automations/${key}/runs`).expect(200)).body.data as {
      outcome: string;
      error: string | null;
      actions: unknown;
    }[]
  ).filter((r) => r.outcome !== 'skipped');

beforeAll(async () => {
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  t = await createTestEngine([PLUGGED], { PLUGINS: PLUGINS.join(',') }, { log });
});
afterAll(async () => {
  if (!closed) await t?.close();
});

describe('loading', () => {
  it('serves with broken plugins, listing each with its status and reason for administrators', async () => {
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/readyz').expect(200);
    const { data } = (await request(t.app).get('/api/v1/admin/plugins').expect(200)).body;
    expect(data.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      [PLUGINS[0], 'failed'],
      ['Bad Name', 'failed'],
      ['grumpy', 'failed'],
      [PLUGINS[3], 'failed'],
      ['faulty', 'loaded'],
      ['faulty', 'failed'],
    ]);
    const [importFails, badShape, setupFails, missing, faulty, twin] = data;
    expect(importFails.error).toMatch(/native library libfoo is missing/);
    expect(badShape.error).toContain('name: must be lowercase letters');
    expect(badShape.error).toContain('version: must be a semantic version like "1.0.0", got "one"');
    expect(badShape.error).toContain('actions.go: must be a function');
    expect(badShape.error).toContain('extra: is not a plugin property');
    expect(setupFails).toMatchObject({ version: '1.0.0', error: 'GRUMPY_KEY is not set' });
    expect(missing.error).toMatch(/no file or folder "\.\/engine\/test\/fixtures\/plugins\/missing\.ts"/);
    expect(twin.error).toBe('a plugin named "faulty" is already loaded');
    // Each failure is logged as an error, naming the plugin and the reason.
    const failures = lines.filter((l) => l.level === 50 && l.msg.includes('left out'));
    expect(failures.map((l) => l.plugin)).toEqual(
      data.filter((p: { status: string }) => p.status === 'failed').map((p: { name: string }) => p.name),
    );
    expect(failures.find((l) => l.plugin === 'grumpy')?.msg).toBe('plugin grumpy left out: GRUMPY_KEY is not set');
    expect(lines.some((l) => l.level === 30 && l.plugin === 'faulty' && l.msg === 'plugin loaded')).toBe(true);
    expect(faulty).toEqual({
      name: 'faulty',
      version: '1.2.3',
      specifier: PLUGINS[4],
      status: 'loaded',
      provides: {
        actions: ['faulty.explode', 'faulty.refuse', 'faulty.stamp'],
        ruleOperations: ['faulty.double', 'faulty.boom'],
        fieldTypes: ['faulty.even'],
        routes: [
          'GET /api/v1/plugins/faulty/whoami',
          'POST /api/v1/plugins/faulty/echo/:word',
          'GET /api/v1/plugins/faulty/crash',
          'GET /api/v1/plugins/faulty/teapot',
          'DELETE /api/v1/plugins/faulty/nothing',
        ],
      },
    });
  });

  it('keeps the plugin list for administrators', async () => {
    const user = await t.userWithToken({ memberships: [{ companyId: t.companyId, roles: [] }] });
    await request(t.rawApp).get('/api/v1/admin/plugins').set('x-test-anonymous', '1').expect(401);
    await request(t.rawApp).get('/api/v1/admin/plugins').set('authorization', `Bearer ${user.token}`).expect(403);
  });

  it('registers nothing of a plugin whose setup failed', () => {
    expect(logicProblem({ 'grumpy.answer': [] })).toMatch(/no loaded plugin provides it/);
    expect(t.engine.actions.has('plugin:grumpy.sulk')).toBe(false);
  });
});

describe('routes', () => {
  it('answers signed-in callers, giving the handler the principal', async () => {
    const me = (await request(t.app).get('/api/v1/plugins/faulty/whoami').expect(200)).body;
    expect(me).toMatchObject({ kind: 'user', userId: t.adminId, companyId: t.companyId, isAdmin: true });
    const echo = await request(t.app).post('/api/v1/plugins/faulty/echo/hello').send({ a: 1 }).expect(200);
    expect(echo.body).toEqual({ word: 'hello', body: { a: 1 } });
    await request(t.app).delete('/api/v1/plugins/faulty/nothing').expect(204);
    await request(t.rawApp).get('/api/v1/plugins/faulty/whoami').set('x-test-anonymous', '1').expect(401);
    await request(t.app).get('/api/v1/plugins/faulty/nowhere').expect(404);
    await request(t.app).get('/api/v1/plugins/grumpy/anything').expect(404);
  });

  it('turns a throwing handler into a 500 for that request only, and a PluginError into its status', async () => {
    const crash = await request(t.app).get('/api/v1/plugins/faulty/crash').expect(500);
    expect(crash.body.error).toMatchObject({ code: 'plugin_failed' });
    expect(JSON.stringify(crash.body)).not.toContain('the route is broken');
    const teapot = await request(t.app).get('/api/v1/plugins/faulty/teapot').expect(418);
    expect(teapot.body).toEqual({ error: { code: 'teapot', message: 'I am a teapot', details: [] } });
    await request(t.app).get('/api/v1/plugins/faulty/whoami').expect(200);
  });
});

describe('field formats and rule operations', () => {
  it('normalizes and checks values of a plugin format on create and update', async () => {
    const g = await gadget({ name: 'a', code: ' 42 ', n: 4 });
    expect(g).toMatchObject({ code: '42', doubled: 8 });
    const odd = await request(t.app).post(GADGETS).send({ name: 'b', code: '7' }).expect(422);
    expect(odd.body.error.details).toEqual([
      { path: 'code', code: 'format', message: '"Code" must be a valid even number: it is odd' },
    ]);
    await request(t.app).patch(`${GADGETS}/${g.id}`).send({ code: 'x1', version: 1 }).expect(422);
    const fixed = await request(t.app).patch(`${GADGETS}/${g.id}`).send({ code: '10 ', version: 1 }).expect(200);
    expect(fixed.body.data.code).toBe('10');
  });

  it('gives null for an operation that throws: the rule using it fails with its message', async () => {
    const res = await request(t.app).post(GADGETS).send({ name: 'c', strict: true }).expect(422);
    expect(res.body.error.details).toEqual([
      { path: 'strict', code: 'rule.strict_boom', message: "Strict gadgets fail the plugin's rule" },
    ]);
  });
});

describe('actions', () => {
  it('runs a plugin action in the run: params evaluated, the record updated and another created', async () => {
    const g = await gadget({ name: 'stamp', n: 3 });
    await t.engine.jobs.drain();
    const after = (await request(t.app).get(`${GADGETS}/${g.id}`).expect(200)).body.data;
    expect(after.note).toBe('stamped 6');
    const [run] = await runs('plugged.stamp');
    expect(run).toMatchObject({ outcome: 'done' });
    const made = (run!.actions as { made: string }[])[0]!;
    expect(run!.actions).toEqual([
      { type: 'plugin', action: 'faulty.stamp', made: expect.any(String), trigger: 'record.created' },
    ]);
    const child = (await request(t.app).get(`${GADGETS}/${made.made}`).expect(200)).body.data;
    expect(child).toMatchObject({ name: 'child of stamp', created_by: 'automation:plugged.stamp' });
  });

  it('fails the run when the action throws: retried, then dead-lettered', async () => {
    await gadget({ name: 'explode' });
    await t.engine.jobs.drain();
    t.engine.clock.advance(10 * 60_000);
    await t.engine.jobs.drain();
    const log = await runs('plugged.explode');
    expect(log.map((r) => r.outcome).sort()).toEqual(['dead', 'failed']);
    for (const r of log) expect(r.error).toMatch(/The plugin action faulty\.explode failed: the reactor is on fire/);
    const dead = (await request(t.app).get('/api/v1/admin/jobs/list?status=dead&topic=automation.run')).body.data;
    expect(dead.some((j: { lastError: string }) => /reactor is on fire/.test(j.lastError))).toBe(true);
    await request(t.app).get('/healthz').expect(200);
  });

  it('dead-letters at once the run whose action throws a PluginError', async () => {
    await gadget({ name: 'refuse' });
    await t.engine.jobs.drain();
    const log = await runs('plugged.refuse');
    expect(log).toMatchObject([{ outcome: 'dead', error: expect.stringMatching(/these params can never work/) }]);
  });
});

describe('closing', () => {
  it('takes back what the plugins added to the language: a bundle using it no longer validates', async () => {
    await t.close();
    closed = true;
    const result = validateBundle(await loadBundle(PLUGGED));
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.file, i.pointer, i.code])).toEqual([
      ['entities/gadget.json', '/fields/1/format', 'field.unknown_format'],
      ['entities/gadget.json', '/rules/0/expression', 'rule.expression'],
      ['entities/gadget.json', '/fields/3/expression', 'computed.expression'],
      ['automations/explode.json', '/actions/0/action', 'automation.unknown_plugin_action'],
      ['automations/refuse.json', '/actions/0/action', 'automation.unknown_plugin_action'],
      ['automations/stamp.json', '/actions/0/action', 'automation.unknown_plugin_action'],
      ['automations/stamp.json', '/actions/0/params/times', 'automation.value'],
    ]);
  });
});
