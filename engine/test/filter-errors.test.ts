import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, make, rowCount, startLab, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  await make(c, 'sample', { title: 'only one' });
});
afterAll(() => t?.close());

/** Sends a filter and expects 400 filter_invalid with one detail on `path` (and `code` if given). */
async function expectBad(filter: unknown, path: string, code?: string, entity = 'sample') {
  const res = await c.filter(entity, filter);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('filter_invalid');
  expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(code && { code }) })]);
}

describe('filters that are refused with 400', () => {
  it.each([
    ['undefined field', { nope: 1 }, 'nope', 'unknown_field'],
    ['undefined field in $or', { $or: [{ title: 'x' }, { nope: 1 }] }, 'nope', 'unknown_field'],
    ['undefined field on the target', { 'site.nope': 1 }, 'nope', 'unknown_field'],
    ['deleted_at is not filterable', { deleted_at: { $null: true } }, 'deleted_at', 'unknown_field'],
    ['company_id on an entity without companies', { company_id: null }, 'company_id', 'unknown_field'],
    ['SQL-looking key', { 'name; drop table lab_sample': 1 }, 'filter.name; drop table lab_sample', 'invalid_field'],
    ['quote in key', { 'a"b': 1 }, 'filter.a"b', 'invalid_field'],
    ['upper-case key', { Title: 'x' }, 'filter.Title', 'invalid_field'],
    ['__proto__ key', JSON.parse('{"__proto__":{"x":1}}'), 'filter.__proto__', 'invalid_field'],
    ['path too deep', { 'a.b.c.d.e': 1 }, 'filter.a.b.c.d.e', 'invalid_field'],
    ['dotted through a non-reference', { 'title.length': 1 }, 'title.length', 'not_a_reference'],
    ['unknown operator', { title: { $regex: '.*' } }, 'filter.title.$regex', 'unknown_operator'],
    ['unknown top-level operator', { $where: 'true' }, 'filter.$where', 'unknown_operator'],
    ['empty operator object', { title: {} }, 'filter.title', 'empty'],
    ['$in not a list', { status: { $in: 'draft' } }, 'filter.status.$in', 'not_list'],
    ['$between of three', { quantity: { $between: [1, 2, 3] } }, 'filter.quantity.$between', 'not_pair'],
    ['$null not boolean', { quantity: { $null: 'yes' } }, 'filter.quantity.$null', 'not_boolean'],
    ['$contains empty', { title: { $contains: '' } }, 'filter.title.$contains', 'not_text'],
    ['$or empty', { $or: [] }, 'filter.$or', 'not_list'],
    ['$and not a list', { $and: { title: 'x' } }, 'filter.$and', 'not_list'],
    ['object value', { title: [1] }, 'filter.title', 'invalid_value'],
    ['NUL in a value', { title: 'a\u0000b' }, 'filter.title', 'invalid_value'],
    ['uuid field with "abc"', { site: 'abc' }, 'site', 'invalid_value'],
    ['id with "abc"', { id: 'abc' }, 'id', 'invalid_value'],
    ['integer field with text', { quantity: '5' }, 'quantity', 'invalid_value'],
    ['integer out of column range', { quantity: { $gt: 1e10 } }, 'quantity', 'invalid_value'],
    ['boolean field with text', { active: 'true' }, 'active', 'invalid_value'],
    ['impossible date', { collected_on: '2026-02-30' }, 'collected_on', 'invalid_value'],
    ['enum text with a number', { status: 1 }, 'status', 'invalid_value'],
    ['$in with a bad item', { site: { $in: ['abc'] } }, 'site[0]', 'invalid_value'],
    ['$contains on an integer', { quantity: { $contains: '1' } }, 'quantity', 'operator_not_allowed'],
    ['$gt on a boolean', { active: { $gt: false } }, 'active', 'operator_not_allowed'],
    ['$eq on json', { extra: { a: 1 } }, 'filter.extra.a', 'unknown_operator'],
    ['implicit $eq on json', { extra: 'x' }, 'extra', 'operator_not_allowed'],
    ['$eq on geopoint', { location: 'x' }, 'location', 'operator_not_allowed'],
    ['$ne on many-to-many', { tags: { $ne: 'x' } }, 'tags', 'operator_not_allowed'],
    ['bad id in many-to-many', { tags: 'abc' }, 'tags[0]', 'invalid_value'],
    ['not an object', [1, 2], 'filter', 'not_object'],
    ['a number', 5, 'filter', 'not_object'],
    ['null', null, 'filter', 'not_object'],
  ])('%s', async (_name, filter, path, code) => {
    await expectBad(filter, path, code);
  });

  it('refuses filters nested too deep or too large', async () => {
    let deep: unknown = { title: 'x' };
    for (let i = 0; i < 10; i++) deep = { $not: deep };
    const res = await c.filter('sample', deep);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].code).toBe('too_deep');
    const wide = { $or: Array.from({ length: 250 }, (_, i) => ({ quantity: i })) };
    const big = await c.filter('sample', wide);
    expect(big.status).toBe(400);
    expect(big.body.error.details[0].code).toBe('too_large');
  });

  it('refuses malformed JSON and a repeated filter parameter', async () => {
    for (const raw of ['{', '{"title":}', "{'title':'x'}", 'title=x', '']) {
      const res = await request(t.app).get(`${BASE}/sample`).query({ filter: raw });
      expect(res.status, raw).toBe(400);
      expectErrorShape(res.body);
      expect(res.body.error.details[0]).toMatchObject({ path: 'filter', code: 'invalid_json' });
    }
    const twice = await request(t.app).get(`${BASE}/sample?filter={}&filter={}`);
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0]).toMatchObject({ path: 'filter', code: 'repeated' });
  });

  it('leaves the tables alone after SQL-looking filters', async () => {
    for (const f of [
      { "title' OR 1=1 --": 1 },
      { title: "' OR 1=1 --" },
      { title: { $contains: "%' OR '1'='1" } },
      { 'site.name': "x'); DROP TABLE lab_sample; --" },
    ]) {
      const res = await c.filter('sample', f);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect(res.body.data).toEqual([]);
    }
    expect(await rowCount(t, 'sample')).toBe(1);
  });

  it.each([[{ constructor: 1 }], [{ 'site.constructor': 'x' }], [{ $or: [{ constructor: { $in: [1] } }] }]])(
    'refuses the field name "constructor" with 400 (%j)',
    async (filter) => {
      await expectBad(filter, 'constructor', 'unknown_field');
    },
  );

  it('answers 400 for an unknown field whose name is an Object.prototype member other than constructor', async () => {
    for (const name of ['valueof', 'tostring', 'hasownproperty']) await expectBad({ [name]: 1 }, name, 'unknown_field');
  });
});
