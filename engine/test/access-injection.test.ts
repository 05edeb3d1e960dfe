import fc from 'fast-check';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape } from './lab.ts';
import { ADMIN, AUTH, DATA, as, create, makeUser, startSecure, type Client, type Json } from './secure.ts';

/*
 * Keys that reach object prototypes, and dotted keys, sent where clients write keys: filters,
 * record bodies, the bodies of the auth and admin APIs, query parameters. Each is refused with
 * a 4xx in the error shape, never a 500, and Object.prototype stays clean.
 */
let t: TestEngine;
let writer: Client;
let token: string;
let deal: Json;

beforeAll(async () => {
  t = await startSecure({ LOGIN_PER_IP_PER_MINUTE: '100000' });
  token = (await makeUser(t, { tag: 'writer', memberships: [{ companyId: t.companyId, roles: ['secure.writer'] }] }))
    .token;
  writer = as(t, token);
  deal = await create(writer, 'deal', { title: 'Target' });
});
afterAll(() => t?.close());

function expectClean(): void {
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('isAdmin');
  expect(Object.prototype).not.toHaveProperty('title');
}
afterEach(expectClean);

/** Sends a JSON text as is: `{"__proto__": ...}` written by hand stays an own key on the wire. */
function sendRaw(method: 'post' | 'patch', url: string, json: string, auth = true) {
  const r = request(t.rawApp)[method](url).set('content-type', 'application/json');
  return (auth ? r.set('authorization', `Bearer ${token}`) : r).send(json);
}

function expectRefused(res: request.Response, statuses: number[]): void {
  expect(statuses, `${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  expectErrorShape(res.body);
}

const PROTO_FILTERS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":"x"}',
  '{"title":{"__proto__":{"polluted":"yes"}}}',
  '{"title":{"constructor":"x"}}',
  '{"$or":[{"__proto__":{"polluted":"yes"}}]}',
  '{"$and":[{"title":"x"},{"constructor":{"prototype":{"polluted":1}}}]}',
  '{"$not":{"__proto__":{"isAdmin":true}}}',
  '{"a.b":1}',
  '{"title.x":1}',
  '{"client.__proto__":1}',
  '{"client.constructor.prototype":1}',
  '{"__proto__.polluted":"yes"}',
  '{"client.name.x.y.z":1}',
];

describe('filters', () => {
  it('refuse prototype keys and dotted keys with 400 filter_invalid', async () => {
    for (const filter of PROTO_FILTERS) {
      const res = await writer.get(`${DATA}/deal`, { filter });
      expectRefused(res, [400]);
      expect(res.body.error.code, filter).toBe('filter_invalid');
    }
  });

  it('answer random documents with 200 or a 400 in the error shape, never a 500', async () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
      fc.constantFrom(
        'title',
        'amount',
        'status',
        'client',
        'client.name',
        'client.__proto__',
        'a.b',
        'id',
        'company_id',
      ),
      fc.constantFrom('$and', '$or', '$not', '$where', '$eq', '$in', '$regex', '$contains', '$null'),
      fc.string({ maxLength: 12 }),
    );
    const doc = fc.letrec<{ doc: [string, unknown][] }>((tie) => ({
      doc: fc.array(
        fc.tuple(
          key,
          fc.oneof(
            { depthSize: 'small' },
            fc.jsonValue({ maxDepth: 2 }),
            tie('doc').map((d) => Object.fromEntries(d as [string, unknown][])),
          ),
        ),
        { maxLength: 4 },
      ),
    })).doc;
    // Entries are joined by hand: a "__proto__" key must reach the wire as an own key.
    const text = (entries: [string, unknown][]) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
    await fc.assert(
      fc.asyncProperty(doc, async (entries) => {
        const res = await writer.get(`${DATA}/deal`, { filter: text(entries) });
        if (res.status !== 200) expectRefused(res, [400]);
        expectClean();
      }),
      { numRuns: 150 },
    );
  });
});

describe('record bodies', () => {
  const BAD_BODIES = [
    '{"title":"x","__proto__":{"polluted":"yes"}}',
    '{"title":"x","constructor":{"prototype":{"polluted":"yes"}}}',
    '{"title":"x","prototype":{"polluted":"yes"}}',
    '{"title":"x","a.b":1}',
    '{"title":"x","client.name":"x"}',
    '{"__proto__":{"title":"from the prototype"}}',
    '{"title":"x","__proto__":{"isAdmin":true,"company_id":"00000000-0000-4000-8000-000000000000"}}',
  ];

  it('refuse them in a create with 422, and create nothing', async () => {
    const before = Number((await t.engine.db('secure_deal').count({ n: '*' }))[0]!.n);
    for (const body of BAD_BODIES) {
      const res = await sendRaw('post', `${DATA}/deal`, body);
      expectRefused(res, [422]);
      expect(res.body.error.code, body).toBe('validation_failed');
    }
    const batch = await sendRaw('post', `${DATA}/deal`, `[{"title":"ok"},${BAD_BODIES[0]}]`);
    expectRefused(batch, [422]);
    expect(Number((await t.engine.db('secure_deal').count({ n: '*' }))[0]!.n)).toBe(before);
  });

  it('refuse them in an update with 422, and change nothing', async () => {
    for (const body of BAD_BODIES) {
      const withVersion = body.replace(/^\{/, '{"version":1,');
      expectRefused(await sendRaw('patch', `${DATA}/deal/${deal.id}`, withVersion), [422]);
    }
    expect(await t.engine.db('secure_deal').where({ id: deal.id }).first()).toMatchObject({
      title: 'Target',
      version: 1,
    });
  });

  it('answer random bodies with 201 or a 4xx in the error shape, never a 500', async () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'a.b', 'title', 'amount', 'status', 'client', 'version'),
      fc.constantFrom('id', 'company_id', 'created_by', 'approved', 'margin', 'assignee'),
      fc.string({ maxLength: 10 }),
    );
    const body = fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 });
    const text = (entries: [string, unknown][]) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
    await fc.assert(
      fc.asyncProperty(body, async (entries) => {
        const res = await sendRaw('post', `${DATA}/deal`, text(entries));
        if (res.status !== 201) expectRefused(res, [400, 403, 409, 422]);
        expectClean();
      }),
      { numRuns: 150 },
    );
  });
});

describe('bodies of the auth and admin APIs', () => {
  it('refuse unknown keys, prototype keys included, with 422', async () => {
    const cases: [string, string, boolean][] = [
      [`${AUTH}/login`, '{"email":"a@b.example","password":"x","__proto__":{"polluted":"yes"}}', false],
      [`${AUTH}/login`, '{"email":"a@b.example","password":"x","constructor":{"prototype":{"polluted":1}}}', false],
      [`${AUTH}/password/forgot`, '{"email":"a@b.example","__proto__":{"polluted":"yes"}}', false],
      [`${AUTH}/api-keys`, '{"name":"k","scope":"read","__proto__":{"scope":"admin"}}', true],
      [`${AUTH}/sessions/revoke-all`, '{"constructor":{"prototype":{"polluted":1}}}', true],
    ];
    for (const [url, body, auth] of cases) expectRefused(await sendRaw('post', url, body, auth), [422]);
    const admin = await request(t.app)
      .post(`${ADMIN}/users`)
      .set('content-type', 'application/json')
      .send('{"email":"x@y.example","firstName":"X","lastName":"Y","__proto__":{"systemRoles":["admin"]}}');
    expectRefused(admin, [422]);
  });

  it('answer random sign-in bodies with a 4xx in the error shape, never a 500', async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.emailAddress(), fc.string({ maxLength: 40 }));
    const key = fc.constantFrom('email', 'password', 'client', 'deviceToken', '__proto__', 'constructor', 'a.b');
    const body = fc.array(fc.tuple(key, value), { maxLength: 5 });
    const text = (entries: [string, unknown][]) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
    await fc.assert(
      fc.asyncProperty(body, async (entries) => {
        const res = await sendRaw('post', `${AUTH}/login`, text(entries), false);
        expectRefused(res, [400, 401, 422]);
        expectClean();
      }),
      { numRuns: 60 },
    );
  });
});

describe('query parameters', () => {
  it('refuse prototype names as parameters and as field names with 400', async () => {
    const urls = [
      `${DATA}/deal?__proto__[polluted]=yes`,
      `${DATA}/deal?__proto__=x`,
      `${DATA}/deal?constructor[prototype][polluted]=yes`,
      `${DATA}/deal?fields=__proto__`,
      `${DATA}/deal?fields=constructor`,
      `${DATA}/deal?sort=__proto__`,
      `${DATA}/deal?sort=-constructor`,
      `${DATA}/deal?expand=__proto__`,
      `${DATA}/deal/${deal.id}?expand=constructor`,
      `/api/v1/audit?__proto__=x`,
    ];
    for (const url of urls) {
      const res = await request(t.rawApp)
        .get(url)
        .set('authorization', `Bearer ${url.startsWith('/api/v1/audit') ? t.adminToken : token}`);
      expectRefused(res, [400]);
    }
  });
});
