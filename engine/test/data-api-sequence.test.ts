import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { labClient, make, makeMany, startLab, YEAR, type LabClient } from './lab.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
});
afterAll(() => t?.close());

const num = (n: number) => `SMP-${YEAR}-${String(n).padStart(5, '0')}`;
const counter = (s: unknown) => Number(String(s).split('-').at(-1));

/** Every number given so far, read from the table (deleted records included). */
async function allNumbers(): Promise<number[]> {
  const rows = (await t.engine.db('lab_sample').pluck('number')) as string[];
  return rows.map(counter).sort((a, b) => a - b);
}

const contiguous = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('sequence numbers', () => {
  it('numbers records SMP-<year>-00001, 00002, ... in creation order', async () => {
    const a = await make(c, 'sample', { title: 'first' });
    const b = await make(c, 'sample', { title: 'second' });
    expect(a.number).toBe(num(1));
    expect(b.number).toBe(num(2));
    const batch = await makeMany(c, 'sample', [{ title: 'b1' }, { title: 'b2' }, { title: 'b3' }]);
    expect(batch.map((r) => r.number)).toEqual([num(3), num(4), num(5)]);
  });

  it('does not let a client choose or change the number', async () => {
    const chosen = await c.create('sample', { title: 'x', number: 'SMP-1999-99999' });
    expect(chosen.status).toBe(422);
    expect(chosen.body.error.details[0]).toMatchObject({ path: 'number', code: 'read_only' });
    const r = await make(c, 'sample', { title: 'keeps its number' });
    const u = await c.patch('sample', r.id as string, { title: 'renamed', version: 1 });
    expect(u.body.data.number).toBe(r.number);
    expect(r.number).toBe(num(6));
  });

  it('gives no number away when a create fails before or after numbering', async () => {
    await make(c, 'sample', { title: 'holder', code: 'SQ-001' });
    const start = (await allNumbers()).length;
    // Refused by validation (before numbering).
    expect((await c.create('sample', { title: 'x', quantity: -5 })).status).toBe(422);
    expect((await c.create('sample', { title: 'x', status: 'done' })).status).toBe(422);
    // Refused by the database after the number was taken: unique value, value out of range.
    expect((await c.create('sample', { title: 'x', code: 'SQ-001' })).status).toBe(409);
    const overflow = await c.create('sample', { title: 'x', weight: 99999.999 });
    expect(overflow.status).toBeGreaterThanOrEqual(400);
    expect(overflow.status).toBeLessThan(500);
    // A batch whose last record fails after the first two were numbered.
    expect((await c.create('sample', [{ title: 'y' }, { title: 'y' }, { title: 'y', code: 'SQ-001' }])).status).toBe(
      409,
    );
    const next = await make(c, 'sample', { title: 'after failures' });
    expect(counter(next.number)).toBe(start + 1);
    expect(await allNumbers()).toEqual(contiguous(start + 1));
  });

  it('gives 20 concurrent creates distinct, contiguous numbers', async () => {
    const start = (await allNumbers()).length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.create('sample', { title: `concurrent ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const got = results.map((r) => counter(r.body.data.number)).sort((a, b) => a - b);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
    expect(await allNumbers()).toEqual(contiguous(start + 20));
  });

  it('stays gap-free when concurrent creates fail after numbering', async () => {
    await make(c, 'sample', { title: 'holder 2', code: 'SQ-002' });
    const start = (await allNumbers()).length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.create('sample', i % 2 ? { title: `dup ${i}`, code: 'SQ-002' } : { title: `fine ${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(10).fill(201), ...Array(10).fill(409)]);
    expect(await allNumbers()).toEqual(contiguous(start + 10));
  });

  it('keeps the numbers of deleted records', async () => {
    const r = await make(c, 'sample', { title: 'to delete' });
    await c.del('sample', r.id as string);
    const next = await make(c, 'sample', { title: 'after delete' });
    expect(counter(next.number)).toBe(counter(r.number) + 1);
  });

  it('computes fields that read the sequence number with the number', async () => {
    const r = await make(c, 'sample', { title: 'labelled' });
    expect(r.ref_label).toBe(`${String(r.number)} labelled`);
  });

  it('recomputes a field reading the number on update', async () => {
    const r = await make(c, 'sample', { title: 'relabel' });
    const u = await c.patch('sample', r.id as string, { quantity: 1, version: 1 });
    expect(u.body.data.ref_label).toBe(`${String(r.number)} relabel`);
  });
});
