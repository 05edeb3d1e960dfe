import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from '../../engine/test/harness.ts';

// The plugin in a real engine (PLUGINS pointing at this folder) with a bundle that uses its
// field format in an entity, its rule operation in a rule, a computed field and a condition,
// its action in an automation; and its routes.

const HERE = import.meta.dirname;
const ACCOUNTS = '/api/v1/data/ibandemo/account';
const IBAN = 'FR7630006000011234567890189';

let t: TestEngine;

beforeAll(async () => {
  t = await createTestEngine([path.join(HERE, 'test-bundle')], { PLUGINS: 'plugins/iban' });
});
afterAll(async () => {
  await t?.close();
});

describe('the iban plugin in an engine', () => {
  it('is loaded', async () => {
    const { data } = (await request(t.app).get('/api/v1/admin/plugins').expect(200)).body;
    expect(data).toEqual([
      {
        name: 'iban',
        version: '1.0.0',
        specifier: 'plugins/iban',
        status: 'loaded',
        provides: {
          actions: ['iban.print'],
          ruleOperations: ['iban.valid', 'iban.country'],
          fieldTypes: ['iban.iban'],
          routes: ['GET /api/v1/plugins/iban/check', 'GET /api/v1/plugins/iban/countries'],
        },
      },
    ]);
  });

  it('stores an IBAN field in its electronic form and refuses a wrong one', async () => {
    const res = await request(t.app)
      .post(ACCOUNTS)
      .send({ holder: 'Total Gabon', iban: 'fr76 3000 6000 0112 3456 7890 189' })
      .expect(201);
    expect(res.body.data).toMatchObject({ iban: IBAN, iban_country: 'FR' });
    const wrong = await request(t.app)
      .post(ACCOUNTS)
      .send({ holder: 'Typo Ltd', iban: 'FR76 3000 6000 0112 3456 7890 198' })
      .expect(422);
    expect(wrong.body.error.details).toEqual([
      {
        path: 'iban',
        code: 'format',
        message: '"IBAN" must be a valid IBAN: the check digits do not match: a character is wrong or two are swapped',
      },
    ]);
    const meta = (await request(t.app).get('/api/v1/meta/entities/ibandemo/account').expect(200)).body;
    expect(JSON.stringify(meta)).toContain('"x-opsflux-format":"iban.iban"');
  });

  it('checks the rule that reads the IBAN’s country', async () => {
    const res = await request(t.app)
      .post(ACCOUNTS)
      .send({ holder: 'Perenco', country: 'CM', iban: 'DE89 3704 0044 0532 0130 00' })
      .expect(422);
    expect(res.body.error.details).toEqual([
      { path: 'iban', code: 'rule.same_country', message: "The IBAN is not from the holder's country" },
    ]);
    await request(t.app)
      .post(ACCOUNTS)
      .send({ holder: 'Bosch', country: 'DE', iban: 'DE89 3704 0044 0532 0130 00' })
      .expect(201);
  });

  it('writes the masked IBAN through the automation action, logging no account number', async () => {
    const created = (
      await request(t.app).post(ACCOUNTS).send({ holder: 'Bolloré', iban: 'BE68 5390 0754 7034' }).expect(201)
    ).body.data;
    await t.engine.jobs.drain();
    const after = (await request(t.app).get(`${ACCOUNTS}/${created.id}`).expect(200)).body.data;
    expect(after.printed).toBe('BE68 **** **** 7034');
    const runs = (await request(t.app).get('/api/v1/admin/automations/ibandemo.print_iban/runs').expect(200)).body
      .data as { recordId: string; outcome: string; actions: unknown }[];
    const run = runs.find((r) => r.recordId === created.id)!;
    expect(run).toMatchObject({
      outcome: 'done',
      actions: [{ type: 'plugin', action: 'iban.print', field: 'printed', country: 'BE', masked: true }],
    });
    expect(JSON.stringify(runs)).not.toContain('5390');
  });

  it('checks an IBAN over HTTP for signed-in callers', async () => {
    const ok = await request(t.app).get('/api/v1/plugins/iban/check').query({ value: 'gb82 west 1234 5698 7654 32' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      valid: true,
      iban: 'GB82WEST12345698765432',
      printed: 'GB82 WEST 1234 5698 7654 32',
      country: 'GB',
    });
    const bad = await request(t.app).get('/api/v1/plugins/iban/check').query({ value: 'GB00' }).expect(200);
    expect(bad.body.valid).toBe(false);
    const missing = await request(t.app).get('/api/v1/plugins/iban/check').expect(400);
    expect(missing.body.error.code).toBe('value_missing');
    const countries = (await request(t.app).get('/api/v1/plugins/iban/countries').expect(200)).body.data;
    expect(countries).toContainEqual({ country: 'FR', length: 27, source: 'swift' });
    await request(t.rawApp).get('/api/v1/plugins/iban/countries').set('x-test-anonymous', '1').expect(401);
  });
});
