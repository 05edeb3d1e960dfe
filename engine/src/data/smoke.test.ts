import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, TIERS, type TestEngine } from '../../test/harness.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await createTestEngine([TIERS]);
});
afterAll(() => t?.close());

describe('data API on PostgreSQL', () => {
  it('creates, reads, updates with a version, deletes and restores a company', async () => {
    const created = await request(t.app)
      .post('/api/v1/data/tiers/company')
      .send({ legal_name: 'Kribi Marine SA', type: 'partner', country: 'CM', website: 'https://kribi.example' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data.version).toBe(1);
    const stale = await request(t.app).patch(`/api/v1/data/tiers/company/${id}`).send({ city: 'Kribi', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current.id).toBe(id);
    const updated = await request(t.app).patch(`/api/v1/data/tiers/company/${id}`).send({ city: 'Kribi', version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ city: 'Kribi', version: 2 });
    expect((await request(t.app).delete(`/api/v1/data/tiers/company/${id}`)).status).toBe(204);
    expect((await request(t.app).get(`/api/v1/data/tiers/company/${id}`)).status).toBe(404);
    const restored = await request(t.app).post(`/api/v1/data/tiers/company/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.data.deleted_at).toBeNull();
  });
});
