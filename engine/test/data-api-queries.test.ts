import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { labClient, make, makeMany, startLab, type Json, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  const sites = await makeMany(
    c,
    'site',
    Array.from({ length: 12 }, (_, i) => ({ name: `Site ${i}` })),
  );
  const tags = await makeMany(
    c,
    'tag',
    Array.from({ length: 8 }, (_, i) => ({ name: `tag ${i}` })),
  );
  const root = await make(c, 'sample', { title: 'root' });
  await makeMany(
    c,
    'sample',
    Array.from({ length: 120 }, (_, i) => ({
      title: `Row ${i}`,
      site: sites[i % 12]!.id,
      backup_site: sites[(i + 5) % 12]!.id,
      parent: root.id,
      tags: [tags[i % 8]!.id, tags[(i + 3) % 8]!.id],
    })),
  );
});
afterAll(() => t?.close());

/** Runs `fn` and returns the SQL statements the engine sent meanwhile. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (q: { sql: string }) => seen.push(q.sql);
  t.engine.db.on('query', listener);
  try {
    await fn();
  } finally {
    t.engine.db.removeListener('query', listener);
  }
  return seen;
}

describe('no N+1 queries', () => {
  it('lists 10 or 100 records with references expanded and many-to-many in the same number of queries', async () => {
    const query = { expand: 'site,backup_site,parent,tags', count: 'true' };
    let small: Json[] = [];
    let large: Json[] = [];
    const q10 = await queriesDuring(async () => {
      small = (await c.list('sample', { ...query, limit: 10 })).body.data;
    });
    const q100 = await queriesDuring(async () => {
      large = (await c.list('sample', { ...query, limit: 100 })).body.data;
    });
    expect(small).toHaveLength(10);
    expect(large).toHaveLength(100);
    expect((large[50]!.site as Json).name).toMatch(/^Site /);
    expect(large[50]!.tags as Json[]).toHaveLength(2);
    expect((large[50]!.tags as Json[])[0]!.name).toMatch(/^tag /);
    expect(q100.length).toBe(q10.length);
    // rows + count + one per many-to-many field + one per expanded field
    expect(q100.length).toBeLessThanOrEqual(2 + 1 + 4);
  });

  it('follows cursors with a constant number of queries per page', async () => {
    const counts: number[] = [];
    let cursor: string | null = null;
    do {
      const c0: string | null = cursor;
      let next: string | null = null;
      counts.push(
        (
          await queriesDuring(async () => {
            const query: Record<string, string | number> = { limit: 30, expand: 'site,tags' };
            if (c0) query.cursor = c0;
            const res = await c.list('sample', query);
            next = res.body.meta.nextCursor;
          })
        ).length,
      );
      cursor = next;
    } while (cursor);
    expect(counts.length).toBeGreaterThan(3);
    // Pages without any reference to expand may skip that query; none costs more than the first.
    expect(Math.max(...counts)).toBe(counts[0]);
    expect(new Set(counts.slice(0, -1)).size).toBe(1);
  });

  it('filters through references and many-to-many with subqueries, not per row', async () => {
    const f = JSON.stringify({ 'site.name': { $startsWith: 'Site' }, 'tags.name': { $in: ['tag 1', 'tag 2'] } });
    const q10 = await queriesDuring(() => c.list('sample', { filter: f, limit: 10, expand: 'tags' }));
    const q100 = await queriesDuring(() => c.list('sample', { filter: f, limit: 100, expand: 'tags' }));
    expect(q100.length).toBe(q10.length);
  });

  it('creates a batch with a number of queries that does not depend on references', async () => {
    const [s] = await makeMany(c, 'site', [{ name: 'Batch site' }]);
    const tag = await make(c, 'tag', { name: 'batch tag' });
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ title: `B${n}-${i}`, site: s!.id, backup_site: s!.id, tags: [tag.id] }));
    const q5 = await queriesDuring(() => c.create('sample', batch(5)));
    const q50 = await queriesDuring(() => c.create('sample', batch(50)));
    // Reference checks are one query per field; each record then costs its number, insert, links.
    const perRecord = (q50.length - q5.length) / 45;
    expect(perRecord).toBeLessThanOrEqual(3);
    expect(q5.filter((s) => /from "lab_site"/.test(s))).toHaveLength(2);
    expect(q50.filter((s) => /from "lab_site"/.test(s))).toHaveLength(2);
  });
});
