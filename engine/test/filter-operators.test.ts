import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { labClient, startLab, type Json, type LabClient } from './lab.ts';
import { loadDataset, type Dataset } from './lab-dataset.ts';

let t: TestEngine;
let c: LabClient;
let ds: Dataset;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  ds = await loadDataset(c);
});
afterAll(() => t?.close());

/** Keys of the samples matching `filter`, sorted. */
async function match(filter: unknown, entity = 'sample'): Promise<string[]> {
  const res = await c.filter(entity, filter);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ds.keys((res.body.data as Json[]).map((r) => r.id as string));
}

describe('field operators', () => {
  it.each([
    ['implicit $eq', { status: 'done' }, ['s3', 's6']],
    ['$eq text', { title: { $eq: 'Beta basalt' } }, ['s2']],
    ['$eq null', { quantity: null }, ['s4']],
    ['$eq boolean', { active: false }, ['s2', 's5']],
    ['$eq decimal', { weight: 2.25 }, ['s2']],
    ['$eq date', { collected_on: '2026-01-15' }, ['s5']],
    ['$eq time', { start_time: '12:30:00' }, ['s2']],
    ['$ne enum', { status: { $ne: 'draft' } }, ['s2', 's3', 's5', 's6']],
    ['$ne matches nulls', { quantity: { $ne: 10 } }, ['s1', 's3', 's4', 's5', 's6', 's7']],
    ['$ne boolean matches nulls', { active: { $ne: true } }, ['s2', 's5', 's6']],
    ['$ne null', { code: { $ne: null } }, ['s1', 's2', 's3', 's5', 's6']],
    ['$lt', { quantity: { $lt: 10 } }, ['s1', 's7']],
    ['$lte', { quantity: { $lte: 10 } }, ['s1', 's2', 's7']],
    ['$gt', { quantity: { $gt: 100 } }, ['s5', 's6']],
    ['$gte', { quantity: { $gte: 100 } }, ['s3', 's5', 's6']],
    ['$gt decimal', { weight: { $gt: 2 } }, ['s2', 's4', 's5']],
    ['$lte decimal', { weight: { $lte: 1.5 } }, ['s1', 's6']],
    ['$lt date', { collected_on: { $lt: '2026-01-15' } }, ['s1', 's6']],
    ['$gte datetime with offset', { measured_at: { $gte: '2026-02-01T13:30:00+01:00' } }, ['s2', 's3']],
    ['$lt time', { start_time: { $lt: '12:00' } }, ['s1']],
    ['$gt text', { code: { $gt: 'CC-003' } }, ['s5', 's6']],
    ['$in', { status: { $in: ['active', 'done'] } }, ['s2', 's3', 's5', 's6']],
    ['$in with null', { quantity: { $in: [0, 7, null] } }, ['s1', 's4', 's7']],
    ['$in empty', { quantity: { $in: [] } }, []],
    ['$nin', { status: { $nin: ['draft'] } }, ['s2', 's3', 's5', 's6']],
    ['$nin matches nulls', { quantity: { $nin: [0, 10] } }, ['s3', 's4', 's5', 's6', 's7']],
    ['$nin null', { quantity: { $nin: [null] } }, ['s1', 's2', 's3', 's5', 's6', 's7']],
    ['$contains, any case', { title: { $contains: 'QUARTZ' } }, ['s1', 's5']],
    ['$contains escapes %', { title: { $contains: '%' } }, ['s7']],
    ['$contains escapes _', { title: { $contains: '_' } }, ['s7']],
    ['$contains on text', { description: { $contains: 'series' } }, ['s1']],
    ['$contains on computed', { display: { $contains: '[done]' } }, ['s3', 's6']],
    ['$startsWith', { title: { $startsWith: 'e' } }, ['s5', 's7']],
    ['$startsWith escapes', { title: { $startsWith: '_' } }, []],
    ['$null true', { site: { $null: true } }, ['s4', 's7']],
    ['$null false', { code: { $null: false } }, ['s1', 's2', 's3', 's5', 's6']],
    ['$null on json', { extra: { $null: true } }, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']],
    ['$between integers', { quantity: { $between: [10, 500] } }, ['s2', 's3', 's5']],
    ['$between dates', { collected_on: { $between: ['2026-01-01', '2026-02-01'] } }, ['s1', 's2', 's5']],
    ['$between reversed', { quantity: { $between: [500, 10] } }, []],
    ['two operators on one field', { quantity: { $gt: 0, $lt: 500 } }, ['s2', 's3', 's7']],
    ['$eq id', { id: '@s3' }, ['s3']],
    ['$in id', { id: { $in: ['@s1', '@s2'] } }, ['s1', 's2']],
    ['$startsWith external_id', { external_id: { $startsWith: 'EXT-' } }, ['s1', 's2']],
    ['reference $eq', { site: '@north' }, ['s1', 's2']],
    ['reference $in', { backup_site: { $in: ['@north', null] } }, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(resolve(filter))).toEqual(expected);
  });
});

describe('logical operators', () => {
  it.each([
    ['$and', { $and: [{ status: 'draft' }, { quantity: { $gt: 0 } }] }, ['s7']],
    ['$or', { $or: [{ status: 'done' }, { quantity: 0 }] }, ['s1', 's3', 's6']],
    ['$not', { $not: { status: 'draft' } }, ['s2', 's3', 's5', 's6']],
    ['$not $or', { $not: { $or: [{ status: 'draft' }, { status: 'done' }] } }, ['s2', 's5']],
    [
      'nested',
      { $or: [{ $and: [{ active: true }, { status: 'draft' }] }, { $not: { quantity: { $lt: 1000 } } }] },
      ['s1', 's4', 's6', 's7'],
    ],
    ['fields and $or together', { status: 'active', $or: [{ quantity: 10 }, { quantity: 1000 }] }, ['s2']],
    ['empty filter', {}, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']],
    ['empty $not', { $not: {} }, ['s1', 's2', 's3', 's4', 's5', 's6', 's7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });

  it('$not of an equality matches the same records as $ne', async () => {
    expect(await match({ $not: { quantity: 10 } })).toEqual(await match({ quantity: { $ne: 10 } }));
  });
});

describe('dotted paths', () => {
  it.each([
    ['through a reference', { 'site.name': 'North base' }, ['s1', 's2']],
    ['enum of the target', { 'site.region': 'south' }, ['s3', 's5']],
    ['operator on the target', { 'site.capacity': { $gte: 10 } }, ['s1', 's2', 's3', 's5']],
    ['null on the target', { 'site.region': { $null: true } }, ['s6']],
    ['set-null reference', { 'backup_site.name': { $startsWith: 'North' } }, ['s5']],
    ['self reference', { 'parent.title': 'Alpha quartz' }, ['s6', 's7']],
    ['two levels', { 'parent.site.name': 'North base' }, ['s6', 's7']],
    ['through many-to-many', { 'tags.name': 'red' }, ['s1', 's2']],
    ['many-to-many operator', { 'tags.order': { $gte: 2 } }, ['s2', 's3', 's5']],
    ['many-to-many id', { tags: '@red' }, ['s1', 's2']],
    ['many-to-many $in', { tags: { $in: ['@blue', '@big'] } }, ['s2', 's3', 's5']],
    ['combined with $or', { $or: [{ 'tags.group': 'size' }, { 'site.name': 'Nowhere' }] }, ['s3', 's5', 's6']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(resolve(filter))).toEqual(expected);
  });

  it('does not follow a reference to a deleted record', async () => {
    const tag = (await c.create('tag', { name: 'gone', group: 'tmp' })).body.data;
    const s = await c.create('sample', { title: 'tagged gone', tags: [tag.id] });
    expect(await match({ 'tags.name': 'gone' })).toEqual([s.body.data.id]);
    await c.del('tag', tag.id);
    expect(await match({ 'tags.name': 'gone' })).toEqual([]);
    await c.del('sample', s.body.data.id);
  });

  it('filters company-scoped records on company_id', async () => {
    const s = (await c.create('site', { name: 'Company site' })).body.data;
    expect(s.company_id).toBe(t.companyId);
    const found = (await c.filter('site', { company_id: t.companyId })).body.data.map((r: Json) => r.id);
    expect(found).toContain(s.id);
    expect((await c.filter('site', { company_id: '3f2b1c1e-8d4a-4f6b-9a7e-2c1d0e9f8a7b' })).body.data).toEqual([]);
  });
});

/** Replaces "@key" strings by the dataset id of that key. */
function resolve(v: unknown): unknown {
  if (typeof v === 'string' && v.startsWith('@')) return ds.id[v.slice(1)];
  if (Array.isArray(v)) return v.map(resolve);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  return v;
}
