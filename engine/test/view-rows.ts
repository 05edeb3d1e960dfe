import type request from 'supertest';
import { expect } from 'vitest';

type Json = Record<string, unknown>;

/**
 * What the app lists for a view: the view's own filter and sort (placeholders bound by the
 * engine for the reader) through the data API, narrowed further if asked.
 */
export async function viewRows(get: (url: string) => request.Test, viewKey: string, narrow?: Json): Promise<Json[]> {
  const def = (await get(`/api/v1/meta/views/${viewKey.replace('.', '/')}`).expect(200)).body.data as Json;
  const sort = (def.sort as { field: string; direction: string }[])
    .map((s) => `${s.direction === 'desc' ? '-' : ''}${s.field}`)
    .join(',');
  const filter = narrow && def.filter ? { $and: [def.filter, narrow] } : (narrow ?? def.filter);
  const query = new URLSearchParams({ limit: '500', sort });
  if (filter) query.set('filter', JSON.stringify(filter));
  const res = await get(`/api/v1/data/${String(def.entity).replace('.', '/')}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Json[];
}

/** The ids of rows, sorted: sets of records compared whatever their order. */
export const ids = (rows: Json[]) => rows.map((r) => r.id as string).sort();
