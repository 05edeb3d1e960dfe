import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape, labClient, make, makeMany, startLab, type Json, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
const N = 120;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  const sites = [await make(c, 'site', { name: 'P1' }), await make(c, 'site', { name: 'P2' })];
  // Batches of 10 share one created_at, so the id tie-breaker is exercised too.
  for (let b = 0; b < N / 10; b++) {
    await makeMany(
      c,
      'sample',
      Array.from({ length: 10 }, (_, j) => {
        const i = b * 10 + j;
        return {
          title: `T${i % 13}`,
          quantity: i % 5 === 0 ? null : (i * 37) % 50,
          collected_on: i % 3 === 0 ? null : `2026-0${1 + (i % 9)}-1${i % 10}`,
          status: ['draft', 'active', 'done'][i % 3 === 0 ? 0 : i % 2 ? 1 : 2],
          site: i % 4 === 0 ? null : sites[i % 2]!.id,
          code: i % 7 === 0 ? null : `PG-${String(i).padStart(3, '0')}`,
        };
      }),
    );
  }
});
afterAll(() => t?.close());

type Query = Record<string, string>;

/** Follows nextCursor from the first page to the last; returns the ids in order. */
async function walk(query: Query, limit = 7, between?: (page: number) => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page++) {
    expect(page).toBeLessThan(200);
    const res = await c.list('sample', { ...query, limit, fields: 'title', ...(cursor && { cursor }) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    out.push(...res.body.data.map((r: Json) => r.id as string));
    cursor = res.body.meta.nextCursor;
    if (!cursor) return out;
    expect(res.body.data).toHaveLength(limit);
    await between?.(page);
  }
}

async function full(query: Query): Promise<string[]> {
  const res = await c.list('sample', { ...query, limit: '500', fields: 'title' });
  expect(res.status).toBe(200);
  return res.body.data.map((r: Json) => r.id as string);
}

async function oracle(orderBy: string, where = 'true'): Promise<string[]> {
  const { rows } = await t.engine.db.raw(
    `select id from lab_sample where deleted_at is null and ${where} order by ${orderBy}`,
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

describe('cursor pagination', () => {
  it.each([
    ['(default)', '', 'created_at DESC, id DESC'],
    ['title', 'title', 'title ASC NULLS LAST, id ASC'],
    ['-title', '-title', 'title DESC NULLS FIRST, id DESC'],
    ['quantity (nullable)', 'quantity', 'quantity ASC NULLS LAST, id ASC'],
    ['-quantity (nullable, desc)', '-quantity', 'quantity DESC NULLS FIRST, id DESC'],
    ['collected_on (nullable date)', 'collected_on', 'collected_on ASC NULLS LAST, id ASC'],
    ['-collected_on', '-collected_on', 'collected_on DESC NULLS FIRST, id DESC'],
    ['status,-quantity', 'status,-quantity', 'status ASC, quantity DESC NULLS FIRST, id ASC'],
    [
      '-status,collected_on,title',
      '-status,collected_on,title',
      'status DESC, collected_on ASC NULLS LAST, title, id DESC',
    ],
    ['site (nullable reference)', 'site', 'site ASC NULLS LAST, id ASC'],
    ['-code,id', '-code,id', 'code DESC NULLS FIRST, id ASC'],
    ['created_at', 'created_at', 'created_at ASC, id ASC'],
    ['-updated_at', '-updated_at', 'updated_at DESC, id DESC'],
    ['id', 'id', 'id ASC'],
    ['-id', '-id', 'id DESC'],
  ])('walks every page sorted by %s', async (_name, sort, orderBy) => {
    const query: Query = sort ? { sort } : {};
    const walked = await walk(query);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toHaveLength(N);
    expect(walked).toEqual(await full(query));
    expect(walked).toEqual(await oracle(orderBy));
  });

  it('walks a filtered list', async () => {
    const filter = JSON.stringify({ $or: [{ quantity: { $gte: 20 } }, { quantity: null }] });
    const walked = await walk({ sort: '-quantity', filter }, 5);
    expect(walked).toEqual(await oracle('quantity DESC NULLS FIRST, id DESC', '(quantity >= 20 or quantity is null)'));
  });

  it('ends without an empty page when the count is a multiple of the limit', async () => {
    let pages = 0;
    const walked = await walk({ sort: 'title' }, 8, async () => {
      pages++;
    });
    expect(walked).toHaveLength(N);
    expect(pages).toBe(N / 8 - 1);
  });

  it('neither repeats nor skips records when others are created or deleted during the walk', async () => {
    const before = await full({ sort: 'created_at' });
    const victim = before[100]!;
    const created: string[] = [];
    const walked = await walk({ sort: 'created_at' }, 7, async (page) => {
      if (page === 2) {
        const late = await makeMany(c, 'sample', [{ title: 'late 1' }, { title: 'late 2' }]);
        // One batch shares its created_at: the two sort by id.
        created.push(...late.map((r) => r.id as string).sort());
      }
      if (page === 3) expect((await c.del('sample', victim)).status).toBe(204);
    });
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual([...before.filter((id) => id !== victim), ...created]);
    for (const id of created) await c.del('sample', id);
    await c.restore('sample', victim);
  });

  it('refuses garbage cursors and cursors of another sort with 400', async () => {
    const cursor = (await c.list('sample', { limit: '5', sort: 'title' })).body.meta.nextCursor as string;
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const [query, path] of [
      [{ cursor: 'garbage!!' }, 'cursor'],
      [{ cursor: '' }, 'cursor'],
      [{ cursor, sort: 'title,quantity' }, 'cursor'],
      [{ cursor: enc(['a', 1]) }, 'cursor'],
      [{ cursor: enc({ a: 1 }) }, 'cursor'],
    ] as [Query, string][]) {
      const res = await c.list('sample', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expectErrorShape(res.body);
      expect(res.body.error.details[0].path).toBe(path);
    }
    // Well-formed, but values the column cannot hold.
    for (const [sort, values] of [
      ['', ['not a time', 'x']],
      ['quantity', ['many', '00000000-0000-0000-0000-000000000000']],
      ['id', ['not-a-uuid']],
      ['collected_on', ['2026-13-45', '00000000-0000-0000-0000-000000000000']],
    ] as [string, string[]][]) {
      const res = await c.list('sample', { cursor: enc(values), ...(sort && { sort }) });
      expect(res.status, sort).toBe(400);
      expectErrorShape(res.body);
    }
  });
});
