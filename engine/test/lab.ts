import path from 'node:path';
import request from 'supertest';
import { expect } from 'vitest';
import { createTestEngine, type TestEngine } from './harness.ts';

/** The test bundle of the data API suites: every field type, references of each kind. */
export const LAB = path.join(import.meta.dirname, 'bundles/lab');
export const BASE = '/api/v1/data/lab';
export const YEAR = new Date().getUTCFullYear();

export type Json = Record<string, unknown>;

export function startLab(): Promise<TestEngine> {
  return createTestEngine([LAB]);
}

/** Every error answer is `{ error: { code, message, details: [...] } }`. */
export function expectErrorShape(body: unknown): void {
  const err = (body as { error?: Json }).error;
  expect(err, JSON.stringify(body)).toBeTypeOf('object');
  expect(err!.code).toBeTypeOf('string');
  expect(err!.message).toBeTypeOf('string');
  expect(Array.isArray(err!.details), JSON.stringify(body)).toBe(true);
  for (const d of err!.details as Json[]) {
    expect(d.path).toBeTypeOf('string');
    expect(d.code).toBeTypeOf('string');
    expect(d.message).toBeTypeOf('string');
  }
}

/** A small client for the lab bundle: each call asserts nothing but returns the response. */
export function labClient(t: TestEngine) {
  const app = t.app;
  return {
    create: (entity: string, body: unknown) =>
      request(app)
        .post(`${BASE}/${entity}`)
        .send(body as object),
    get: (entity: string, id: string, query = '') => request(app).get(`${BASE}/${entity}/${id}${query}`),
    patch: (entity: string, id: string, body: unknown) =>
      request(app)
        .patch(`${BASE}/${entity}/${id}`)
        .send(body as object),
    del: (entity: string, id: string) => request(app).delete(`${BASE}/${entity}/${id}`),
    restore: (entity: string, id: string) => request(app).post(`${BASE}/${entity}/${id}/restore`),
    list: (entity: string, query: Record<string, string | number | boolean> = {}) =>
      request(app)
        .get(`${BASE}/${entity}`)
        .query(query as Record<string, string>),
    /** Lists with a filter given as an object (JSON-encoded into `filter`). */
    filter: (entity: string, filter: unknown, query: Record<string, string | number> = {}) =>
      request(app)
        .get(`${BASE}/${entity}`)
        .query({ limit: 500, ...query, filter: JSON.stringify(filter) }),
  };
}
export type LabClient = ReturnType<typeof labClient>;

/** Creates one record and returns it; fails the test with the error body otherwise. */
export async function make(c: LabClient, entity: string, body: Json): Promise<Json> {
  const res = await c.create(entity, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Json;
}

/** Creates records in one batch and returns them in order. */
export async function makeMany(c: LabClient, entity: string, bodies: Json[]): Promise<Json[]> {
  const res = await c.create(entity, bodies);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Json[];
}

/** Every live id of an entity (up to 500), with an optional extra query. */
export async function ids(
  c: LabClient,
  entity: string,
  query: Record<string, string | number> = {},
): Promise<string[]> {
  const res = await c.list(entity, { limit: 500, ...query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as Json[]).map((r) => r.id as string);
}

/** Counts rows of a lab table straight from the database, deleted ones included. */
export async function rowCount(t: TestEngine, entity: string): Promise<number> {
  const row = await t.engine.db(`lab_${entity}`).count({ n: '*' }).first();
  return Number((row as { n: unknown }).n);
}

export const sorted = (xs: string[]) => [...xs].sort();
