import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './harness.ts';
import { expectErrorShape, labClient, startLab, type Json, type LabClient } from './lab.ts';
import { loadDataset } from './lab-dataset.ts';

let t: TestEngine;
let c: LabClient;
beforeAll(async () => {
  t = await startLab();
  c = labClient(t);
  await loadDataset(c);
});
afterAll(() => t?.close());

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await request(t.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await request(t.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', registryVersion: expect.any(Number) });
  });
});

describe('meta', () => {
  it('lists the applied bundles with their entities', async () => {
    const res = await request(t.app).get('/api/v1/meta/bundles');
    expect(res.status).toBe(200);
    const lab = res.body.data.find((b: Json) => b.name === 'lab');
    expect(lab).toMatchObject({ version: '1.0.0', title: { en: 'Lab', fr: 'Labo' }, dependencies: {} });
    expect(lab.entities.map((e: Json) => e.name).sort()).toEqual(['sample', 'site', 'tag']);
    expect(lab.entities.find((e: Json) => e.name === 'sample')).toMatchObject({
      label: { en: 'Sample', fr: 'Échantillon' },
      pluralLabel: { en: 'Samples', fr: 'Échantillons' },
    });
  });

  it('describes an entity: definition, record schema and input schema', async () => {
    const res = await request(t.app).get('/api/v1/meta/entities/lab/sample');
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data).toMatchObject({ bundle: 'lab', name: 'sample', title: 'Sample' });
    expect(data.definition.sequence).toEqual({ field: 'number', pattern: 'SMP-{YYYY}-{#####}' });
    expect(data.definition.fields.find((f: Json) => f.name === 'status').values[0]).toEqual({
      value: 'draft',
      label: { en: 'Draft', fr: 'Brouillon' },
      color: '#9e9e9e',
    });
    const props = data.schema.properties;
    expect(props.id).toMatchObject({ type: 'string', format: 'uuid', readOnly: true });
    expect(props.quantity).toMatchObject({ type: ['integer', 'null'], minimum: 0, maximum: 1000 });
    expect(props.status).toMatchObject({ enum: ['draft', 'active', 'done'], default: 'draft' });
    expect(props.display).toMatchObject({ readOnly: true });
    expect(props.secret['x-opsflux']).toMatchObject({ type: 'string', sensitive: true });
    expect(data.schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'status']));
    const input = data.inputSchema.properties;
    expect(input.display).toBeUndefined();
    expect(input.number).toBeUndefined();
    expect(input.title).toBeDefined();
    expect(data.inputSchema.additionalProperties).toBe(false);
  });

  it('gives company-scoped entities a company_id', async () => {
    const site = (await request(t.app).get('/api/v1/meta/entities/lab/site')).body.data;
    expect(site.schema.properties.company_id).toMatchObject({ format: 'uuid', readOnly: true });
    // The engine sets it from the writer's company: a payload cannot.
    expect(site.inputSchema.properties.company_id).toBeUndefined();
    const tag = (await request(t.app).get('/api/v1/meta/entities/lab/tag')).body.data;
    expect(tag.schema.properties.company_id).toBeUndefined();
  });

  it('answers 404 for an unknown entity', async () => {
    for (const url of ['/api/v1/meta/entities/lab/nope', '/api/v1/meta/entities/nope/sample']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(404);
      expectErrorShape(res.body);
    }
  });

  it('returns records that match the published record schema', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const entity of ['sample', 'site', 'tag']) {
      const schema = (await request(t.app).get(`/api/v1/meta/entities/lab/${entity}`)).body.data.schema;
      const validate = ajv.compile(schema);
      const rows = (await c.list(entity, { limit: 500 })).body.data as Json[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(validate(row) ? [] : validate.errors, `${entity} ${row.id}`).toEqual([]);
    }
  });
});

describe('OpenAPI and docs', () => {
  it('publishes OpenAPI 3.1 with the paths of every entity', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTypeOf('string');
    for (const e of ['site', 'sample', 'tag']) {
      expect(doc.paths[`/api/v1/data/lab/${e}`], e).toMatchObject({
        get: expect.any(Object),
        post: expect.any(Object),
      });
      expect(doc.paths[`/api/v1/data/lab/${e}/{id}`]).toMatchObject({
        get: expect.any(Object),
        patch: expect.any(Object),
        delete: expect.any(Object),
      });
      expect(doc.paths[`/api/v1/data/lab/${e}/{id}/restore`]).toMatchObject({ post: expect.any(Object) });
      expect(doc.components.schemas[`lab_${e}`]).toBeDefined();
      expect(doc.components.schemas[`lab_${e}_input`]).toBeDefined();
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
    expect(doc.tags.map((x: Json) => x.name)).toContain('lab');
  });

  it('documents q only where search exists, and the input schema without engine-filled fields', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    const names = (e: string) => doc.paths[`/api/v1/data/lab/${e}`].get.parameters.map((p: Json) => p.name);
    expect(names('sample')).toContain('q');
    expect(names('tag')).not.toContain('q');
    expect(names('tag')).toEqual(expect.arrayContaining(['limit', 'cursor', 'page', 'sort', 'filter', 'fields']));
    const input = doc.components.schemas.lab_sample_input;
    expect(input.required).toEqual(['title']);
    expect(input.properties.display).toBeUndefined();
    expect(input.properties.quantity.type).toEqual(['integer', 'null']);
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
  });

  it('says how to authenticate, and which routes need no credentials', async () => {
    const res = await request(t.rawApp).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'bearer', 'cookie']);
    expect(doc.security).toEqual([{ bearer: [] }, { apiKey: [] }, { cookie: [] }]);
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/me/abilities'].get.security).toBeUndefined();
    expect(doc.paths['/api/v1/admin/users/{id}'].patch.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    // Data needs credentials; the description of the API does not.
    expect((await request(t.rawApp).get('/api/v1/data/lab/tag')).status).toBe(401);
    expect((await request(t.rawApp).get('/api/v1/meta/bundles')).status).toBe(401);
    expect((await request(t.rawApp).get('/api/docs')).status).toBe(200);
  });

  it('serves the docs page and its assets', async () => {
    const page = await request(t.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="ui">');
    const init = await request(t.app).get('/api/docs/init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/api/openapi.json');
    expect((await request(t.app).get('/api/docs/assets/swagger-ui.css')).status).toBe(200);
  });
});
