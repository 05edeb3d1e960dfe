import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { BASE, expectErrorShape, labClient, makeMany, startLab, type Json, type LabClient } from './lab.ts';
import { loadDataset, type Dataset } from './lab-dataset.ts';

let t: TestEngine;
let c: LabClient;
let ds: Dataset;
const FILLERS = 60;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  ds = await loadDataset(c);
  await makeMany(
    c,
    'sample',
    Array.from({ length: FILLERS }, (_, i) => ({ title: `Filler ${String(i).padStart(2, '0')}`, quantity: i % 9 })),
  );
});
afterAll(() => t?.close());

const TOTAL = 7 + FILLERS;

async function bad(query: Record<string, string | number>, path: string, code?: string, entity = 'sample') {
  const res = await c.list(entity, query);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expectErrorShape(res.body);
  expect(res.body.error.code).toBe('query_invalid');
  expect(res.body.error.details[0]).toMatchObject({ path, ...(code && { code }) });
}

describe('limit and parameters', () => {
  it('returns 50 records by default with a cursor, and up to 500', async () => {
    const def = await c.list('sample');
    expect(def.status).toBe(200);
    expect(def.body.data).toHaveLength(50);
    expect(def.body.meta).toMatchObject({ limit: 50 });
    expect(def.body.meta.nextCursor).toEqual(expect.any(String));
    const max = await c.list('sample', { limit: 500 });
    expect(max.body.data).toHaveLength(TOTAL);
    expect(max.body.meta).toEqual({ limit: 500, nextCursor: null });
  });

  it.each([['501'], ['0'], ['-1'], ['abc'], ['1.5'], [''], ['1e2'], [' 5']])('refuses limit=%j', async (limit) => {
    await bad({ limit }, 'limit', 'out_of_range');
  });

  it('refuses unknown and repeated parameters', async () => {
    await bad({ limt: 5 }, 'limt', 'unknown_parameter');
    await bad({ 'filter[title]': 'x' }, 'filter[title]', 'unknown_parameter');
    const twice = await request(t.app).get(`${BASE}/sample?limit=5&limit=6`);
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0]).toMatchObject({ path: 'limit', code: 'repeated' });
    await bad({ deleted: 'all' }, 'deleted');
    await bad({ count: 'yes' }, 'count', 'not_boolean');
  });
});

describe('sort', () => {
  it('refuses non-indexed, unknown and duplicate sort fields', async () => {
    await bad({ sort: 'weight' }, 'sort', 'not_indexed');
    await bad({ sort: 'description' }, 'sort', 'not_indexed');
    await bad({ sort: 'tags' }, 'sort', 'not_indexed');
    await bad({ sort: 'nope' }, 'sort', 'unknown_field');
    await bad({ sort: '-' }, 'sort', 'unknown_field');
    await bad({ sort: 'title,-title' }, 'sort', 'duplicate');
    await bad({ sort: 'name' }, 'sort', 'unknown_field');
    const ok = await c.list('tag', { sort: 'group' }); // first field of a composite index
    expect(ok.status).toBe(200);
  });

  it.each([
    ['-quantity,title', 'quantity DESC NULLS FIRST, title ASC NULLS LAST, id DESC'],
    ['collected_on', 'collected_on ASC NULLS LAST, id ASC'],
    ['-collected_on', 'collected_on DESC NULLS FIRST, id DESC'],
    ['status,-quantity', 'status ASC NULLS LAST, quantity DESC NULLS FIRST, id ASC'],
    ['-id', 'id DESC'],
    ['code', 'code ASC NULLS LAST, id ASC'],
  ])('sorts by %s like SQL ORDER BY %s', async (sort, orderBy) => {
    const res = await c.list('sample', { sort, limit: 500, fields: 'title' });
    expect(res.status).toBe(200);
    const want = (await t.engine.db.raw(`select id from lab_sample where deleted_at is null order by ${orderBy}`))
      .rows as { id: string }[];
    expect(res.body.data.map((r: Json) => r.id)).toEqual(want.map((r) => r.id));
  });

  it('orders by creation, newest first, by default', async () => {
    const res = await c.list('sample', { limit: 500 });
    const times = res.body.data.map((r: Json) => Date.parse(r.created_at as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times.at(-1)).toBe(Math.min(...times));
  });
});

describe('page, count, fields, deleted', () => {
  it('pages with page=N and the same order as the full list', async () => {
    const all = (await c.list('sample', { limit: 500, sort: 'title' })).body.data.map((r: Json) => r.id);
    const pages: string[] = [];
    for (let page = 1; page <= 7; page++) {
      const res = await c.list('sample', { limit: 10, sort: 'title', page });
      expect(res.status).toBe(200);
      expect(res.body.meta).toMatchObject({ limit: 10, page, nextCursor: null });
      pages.push(...res.body.data.map((r: Json) => r.id));
    }
    expect(pages).toEqual(all);
    expect((await c.list('sample', { limit: 10, page: 100 })).body.data).toEqual([]);
    await bad({ page: 0 }, 'page', 'out_of_range');
    await bad({ page: 'x' }, 'page', 'out_of_range');
    await bad({ page: 100001 }, 'page', 'out_of_range');
    const cursor = (await c.list('sample', { limit: 5 })).body.meta.nextCursor as string;
    await bad({ page: 2, cursor }, 'cursor', 'conflict');
  });

  it('adds meta.total with count=true, filter applied', async () => {
    const res = await c.list('sample', { count: 'true', limit: 5 });
    expect(res.body.meta.total).toBe(TOTAL);
    const filtered = await c.list('sample', {
      count: 'true',
      limit: 1,
      filter: JSON.stringify({ status: 'done' }),
    });
    expect(filtered.body.meta.total).toBe(2);
    expect(filtered.body.data).toHaveLength(1);
    expect((await c.list('sample', { count: 'false' })).body.meta.total).toBeUndefined();
  });

  it('returns only the selected fields, plus id and version', async () => {
    const res = await c.filter('sample', { id: ds.id.s2 }, { fields: 'title,quantity,tags' });
    expect(res.body.data).toEqual([
      { id: ds.id.s2, version: 1, title: 'Beta basalt', quantity: 10, tags: [ds.id.red, ds.id.blue] },
    ]);
    const sys = await c.filter('sample', { id: ds.id.s1 }, { fields: 'external_id,number' });
    expect(Object.keys(sys.body.data[0]).sort()).toEqual(['external_id', 'id', 'number', 'version']);
    await bad({ fields: 'title,nope' }, 'fields', 'unknown_field');
    await bad({ fields: 'search_text' }, 'fields', 'unknown_field');
  });

  it('lists deleted records with deleted=only and both with deleted=include', async () => {
    const [a] = await makeMany(c, 'sample', [{ title: 'to be deleted' }]);
    await c.del('sample', a!.id as string);
    const only = await c.list('sample', { deleted: 'only' });
    expect(only.body.data.map((r: Json) => r.id)).toEqual([a!.id]);
    const include = await c.list('sample', { deleted: 'include', limit: 500 });
    expect(include.body.data).toHaveLength(TOTAL + 1);
    expect((await c.list('sample', { limit: 500 })).body.data).toHaveLength(TOTAL);
  });
});

describe('expand', () => {
  it('replaces references and many-to-many ids by records, in lists and reads', async () => {
    const res = await c.filter('sample', { id: { $in: [ds.id.s5, ds.id.s4] } }, { expand: 'site,backup_site,tags' });
    const s5 = res.body.data.find((r: Json) => r.id === ds.id.s5);
    expect(s5.site).toMatchObject({ id: ds.id.south, name: 'South base', region: 'south' });
    expect(s5.backup_site).toMatchObject({ id: ds.id.north, name: 'North base' });
    expect(s5.tags.map((x: Json) => x.name)).toEqual(['blue', 'big']);
    const s4 = res.body.data.find((r: Json) => r.id === ds.id.s4);
    expect(s4).toMatchObject({ site: null, backup_site: null, tags: [] });
    const one = await c.get('sample', ds.id.s6!, '?expand=parent,site');
    expect(one.body.data.parent).toMatchObject({ id: ds.id.s1, title: 'Alpha quartz' });
    expect(one.body.data.site).toMatchObject({ name: 'Nowhere' });
    const plain = await c.get('sample', ds.id.s6!);
    expect(plain.body.data.parent).toBe(ds.id.s1);
  });

  it('refuses to expand a field that is not a reference', async () => {
    await bad({ expand: 'title' }, 'expand', 'not_a_reference');
    await bad({ expand: 'nope' }, 'expand', 'not_a_reference');
    const one = await c.get('sample', ds.id.s1!, '?expand=title');
    expect(one.status).toBe(400);
    expectErrorShape(one.body);
  });
});

describe('q: full-text search', () => {
  const search = async (q: string, extra: Record<string, string> = {}) => {
    const res = await c.list('sample', { q, limit: 500, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ds.keys(res.body.data.map((r: Json) => r.id));
  };

  it('finds words of searchable fields, entity-level searchable and computed ones', async () => {
    expect(await search('quartz')).toEqual(['s1', 's5']);
    expect(await search('BASALT')).toEqual(['s2']);
    expect(await search('cc-003')).toEqual(['s3']);
    expect(await search('series')).toEqual(['s1']);
    expect(await search('done')).toEqual(['s3', 's6']);
    expect(await search('zzzyyyxxx')).toEqual([]);
  });

  it('tolerates a typo (trigram similarity)', async () => {
    expect(await search('quartx')).toEqual(['s1', 's5']);
    expect(await search('granitte')).toEqual(['s3']);
  });

  it('combines with a filter, ranks without a cursor, and sorts when asked', async () => {
    expect(await search('quartz', { filter: JSON.stringify({ status: 'active' }) })).toEqual(['s5']);
    const ranked = await c.list('sample', { q: 'quartz', limit: 1 });
    expect(ranked.body.meta.nextCursor).toBeNull();
    const sorted = await c.list('sample', { q: 'quartz', sort: '-title', limit: 500 });
    expect(sorted.body.data.map((r: Json) => r.title)).toEqual(['Epsilon quartz', 'Alpha quartz']);
  });

  it('refuses an empty or too long q, and q on an entity without searchable fields', async () => {
    await bad({ q: '   ' }, 'q', 'invalid');
    await bad({ q: 'x'.repeat(201) }, 'q', 'invalid');
    await bad({ q: 'red' }, 'q', 'not_searchable', 'tag');
  });
});
