import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, make, rowCount, startLab, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
let existing: string;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  existing = (await make(c, 'sample', { title: 'existing' })).id as string;
});
afterAll(() => t?.close());

const json = (method: 'post' | 'patch', url: string, raw: string) =>
  request(t.app)[method](url).set('content-type', 'application/json').send(raw);

describe('request bodies', () => {
  it('answers 413 payload_too_large over 1 MB, and accepts a body just under it', async () => {
    const before = await rowCount(t, 'sample');
    const big = JSON.stringify({ title: 'big', extra: { blob: 'a'.repeat(1024 * 1024) } });
    for (const res of [
      await json('post', `${BASE}/sample`, big),
      await json('patch', `${BASE}/sample/${existing}`, big),
      await json(
        'post',
        `${BASE}/sample`,
        `[${Array(2000)
          .fill(JSON.stringify({ title: 'x'.repeat(600) }))
          .join(',')}]`,
      ),
    ]) {
      expect(res.status).toBe(413);
      expectErrorShape(res.body);
      expect(res.body.error.code).toBe('payload_too_large');
    }
    expect(await rowCount(t, 'sample')).toBe(before);
    const fits = await c.create('sample', { title: 'fits', extra: { blob: 'a'.repeat(1000 * 1000) } });
    expect(fits.status).toBe(201);
    expect((fits.body.data.extra as { blob: string }).blob).toHaveLength(1000 * 1000);
  });

  it.each([['{'], ['{"title":"x",}'], ["{'title':'x'}"], ['[{"title":"x"},'], ['NaN'], ['{"title":"x"}}'], ['\u0000']])(
    'answers 400 body_invalid to malformed JSON %j',
    async (raw) => {
      for (const res of [
        await json('post', `${BASE}/sample`, raw),
        await json('patch', `${BASE}/sample/${existing}`, raw),
      ]) {
        expect(res.status).toBe(400);
        expectErrorShape(res.body);
        expect(res.body.error.code).toBe('body_invalid');
        expect(res.body.error.details[0]).toMatchObject({ path: '(body)', code: 'invalid_json' });
      }
    },
  );

  it('answers 422 not_object to JSON that is not a record', async () => {
    for (const raw of ['null', '"text"', '42', 'true', '[1]', '[null]']) {
      const res = await json('post', `${BASE}/sample`, raw);
      expect(res.status, raw).toBe(422);
      expectErrorShape(res.body);
      expect(res.body.error.details[0].code).toBe('not_object');
    }
    const none = await request(t.app).post(`${BASE}/sample`);
    expect(none.status).toBe(422);
    const form = await request(t.app).post(`${BASE}/sample`).type('form').send('title=x');
    expect(form.status).toBe(422);
  });

  it('answers 415 to an unsupported charset or content encoding', async () => {
    const charset = await request(t.app)
      .post(`${BASE}/sample`)
      .set('content-type', 'application/json; charset=latin1')
      .send('{"title":"x"}');
    expect(charset.status).toBe(415);
    expectErrorShape(charset.body);
    const encoding = await request(t.app)
      .post(`${BASE}/sample`)
      .set('content-type', 'application/json')
      .set('content-encoding', 'zzz')
      .send('{"title":"x"}');
    expect(encoding.status).toBe(415);
  });

  it('answers 400 to a gzip body that does not inflate', async () => {
    const res = await request(t.app)
      .post(`${BASE}/sample`)
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send('{"title":"not gzip"}');
    expect(res.status).toBe(400);
  });

  it('answers 4xx to a deeply nested json value', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await json('post', `${BASE}/sample`, `{"title":"deep","extra":${deep}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('stores a json value nested 1,000 levels deep', async () => {
    const deep = '['.repeat(1000) + ']'.repeat(1000);
    expect((await json('post', `${BASE}/sample`, `{"title":"deep","extra":${deep}}`)).status).toBe(201);
  });

  it('refuses or keeps exactly a text holding a lone surrogate', async () => {
    const res = await c.create('sample', { title: 'a\ud800b' });
    if (res.status === 201) expect(res.body.data.title).toBe('a\ud800b');
    else expect(res.status).toBe(422);
  });
});

describe('record ids in URLs', () => {
  it('treats a non-UUID id as an external id (404 when absent)', async () => {
    for (const id of ['not-a-uuid', '123', '00000000-0000-0000-0000-00000000000g', `${randomUUID()}x`]) {
      const res = await c.get('sample', encodeURIComponent(id));
      expect(res.status, id).toBe(404);
      expectErrorShape(res.body);
    }
  });

  it('answers 400 invalid_id to ids over 255 characters or holding NUL', async () => {
    for (const id of ['x'.repeat(256), 'y'.repeat(10_000), 'a%00b']) {
      for (const res of [
        await c.get('sample', id),
        await c.patch('sample', id, { title: 'x', version: 1 }),
        await c.del('sample', id),
        await c.restore('sample', id),
      ]) {
        expect(res.status).toBe(400);
        expectErrorShape(res.body);
        expect(res.body.error.details[0]).toMatchObject({ path: 'id', code: 'invalid_id' });
      }
    }
  });

  it.each([[`${BASE}/sample/%E0%A4%A`], [`${BASE}/%E0%A4%A`], ['/api/v1/data/%ZZ/sample']])(
    'answers 400 to a malformed percent-encoding in %s',
    async (url) => {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(400);
    },
  );
});

describe('error answers', () => {
  it('have the error shape and an x-request-id, echoing a well-formed one', async () => {
    const responses = [
      await request(t.app).get(`${BASE}/nothing`),
      await request(t.app).get(`${BASE}/sample?bogus=1`),
      await request(t.app).delete(`${BASE}/sample/${randomUUID()}`),
      await request(t.app).put(`${BASE}/sample/${existing}`).send({}),
      await c.create('sample', {}),
      await c.patch('sample', existing, { title: 'x', version: 99 }),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 400, 404, 404, 422, 409]);
    for (const res of responses) {
      expectErrorShape(res.body);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-request-id']).toMatch(/^[\w.-]{1,64}$/);
    }
    const given = await request(t.app).get(`${BASE}/nothing`).set('x-request-id', 'trace-123.abc');
    expect(given.headers['x-request-id']).toBe('trace-123.abc');
    const refused = await request(t.app).get(`${BASE}/nothing`).set('x-request-id', 'bad id <script>');
    expect(refused.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('do not leak SQL or stack traces', async () => {
    const res = await c.create('sample', [
      { title: 'a', code: 'ER-001' },
      { title: 'b', code: 'ER-001' },
    ]);
    expect(res.status).toBe(409);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/insert into|lab_sample|at .*\.ts:\d+/i);
  });
});
