import { pickText } from '@opsflux/definitions';
import { authPaths, SECURITY_SCHEMES } from '../auth/auth-openapi.ts';
import { notifyPaths } from '../notify/notify-openapi.ts';
import { processPaths } from '../workflow/process-openapi.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import { UI_SCHEMAS, uiMetaPaths } from '../ui-meta/ui-openapi.ts';
import { mePaths } from '../me/me-openapi.ts';
import { bundleDraftPaths } from '../bundle-admin/drafts-openapi.ts';
import { bundleVersionPaths } from '../bundle-admin/versions-openapi.ts';

const cache = new WeakMap<Registry, object>();

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: STATUS[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
const STATUS: Record<number, string> = {
  400: 'Malformed query or body',
  401: 'No valid credentials',
  403: 'Not allowed (role, field or CSRF token)',
  429: 'Too many attempts; see Retry-After',
  404: 'No such record',
  409: 'Conflict (stale version, unique value, reference)',
  413: 'Body over the size limit',
  415: 'Unsupported content type',
  422: 'Validation failed, one entry per field',
};

function listParameters(e: CompiledEntity) {
  const filterable = [...e.fields.values()]
    .filter((f) => f.operators.size)
    .map((f) => `${f.name} (${[...f.operators].join(' ')})`);
  const sortable = [...e.sortable];
  return [
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'meta.nextCursor of the previous page' },
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
    {
      name: 'sort',
      in: 'query',
      schema: { type: 'string' },
      description: `Comma-separated, "-" for descending. Sortable: ${sortable.join(', ')}`,
    },
    {
      name: 'filter',
      in: 'query',
      schema: { type: 'string' },
      description: `URL-encoded JSON, e.g. {"field":{"$in":[...]}}. Fields and operators: ${filterable.join('; ')}. $and $or $not combine; dotted paths follow references.`,
    },
    ...(e.searchable
      ? [{ name: 'q', in: 'query', schema: { type: 'string' }, description: 'Full-text search with typo tolerance' }]
      : []),
    { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields to return' },
    {
      name: 'expand',
      in: 'query',
      schema: { type: 'string' },
      description: 'Comma-separated reference fields to replace by their record',
    },
    { name: 'count', in: 'query', schema: { type: 'boolean' }, description: 'Add meta.total' },
    { name: 'deleted', in: 'query', schema: { enum: ['exclude', 'include', 'only'] } },
  ];
}

function entityPaths(e: CompiledEntity) {
  const name = `${e.bundle}_${e.name}`;
  const ref = { $ref: `#/components/schemas/${name}` };
  const input = { $ref: `#/components/schemas/${name}_input` };
  const one = { content: { 'application/json': { schema: { type: 'object', properties: { data: ref } } } } };
  const tag = `${e.bundle}`;
  const label = pickText(e.def.label);
  const idParam = {
    name: 'id',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'Record id (UUID) or external id',
  };
  return {
    [`/api/v1/data/${e.bundle}/${e.name}`]: {
      get: {
        tags: [tag],
        summary: `List ${pickText(e.def.pluralLabel)}`,
        parameters: listParameters(e),
        responses: {
          200: {
            description: 'A page of records',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { data: { type: 'array', items: ref }, meta: { type: 'object' } },
                },
              },
            },
          },
          ...errors(400),
        },
      },
      post: {
        tags: [tag],
        summary: `Create one ${label} or a batch (all or nothing)`,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { oneOf: [input, { type: 'array', items: input, maxItems: 1000 }] } },
          },
        },
        responses: { 201: { description: 'Created', ...one }, ...errors(400, 409, 413, 422) },
      },
    },
    [`/api/v1/data/${e.bundle}/${e.name}/{id}`]: {
      parameters: [idParam],
      get: {
        tags: [tag],
        summary: `Read a ${label}`,
        parameters: [{ name: 'expand', in: 'query', schema: { type: 'string' } }],
        responses: { 200: { description: 'The record', ...one }, ...errors(400, 404) },
      },
      patch: {
        tags: [tag],
        summary: `Update a ${label} (send the version you read)`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [input, { type: 'object', required: ['version'], properties: { version: { type: 'integer' } } }],
              },
            },
          },
        },
        responses: { 200: { description: 'Updated', ...one }, ...errors(400, 404, 409, 413, 422) },
      },
      delete: {
        tags: [tag],
        summary: `Delete a ${label} (soft)`,
        responses: { 204: { description: 'Deleted' }, ...errors(404, 409) },
      },
    },
    [`/api/v1/data/${e.bundle}/${e.name}/{id}/restore`]: {
      parameters: [idParam],
      post: {
        tags: [tag],
        summary: `Restore a deleted ${label}`,
        responses: { 200: { description: 'Restored', ...one }, ...errors(404, 409) },
      },
    },
    [`/api/v1/data/${e.bundle}/${e.name}/groups`]: {
      get: {
        tags: [tag],
        summary: `Count the ${label} records one may read per value of a field (state, enum, boolean, reference)`,
        parameters: [
          { name: 'by', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'filter', in: 'query', schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: { description: '{ data: [{ value, count }] }, largest first' }, ...errors(400) },
      },
    },
    ...(e.workflow && workflowPaths(e, tag, label, idParam, one)),
  };
}

function workflowPaths(e: CompiledEntity, tag: string, label: string, idParam: object, one: object) {
  const base = `/api/v1/data/${e.bundle}/${e.name}/{id}`;
  const names = [...e.workflow!.transitions.keys()];
  return {
    [`${base}/transitions`]: {
      parameters: [idParam],
      get: {
        tags: [tag],
        summary: `Transitions of a ${label}: which the caller may fire now, and why not the others`,
        responses: { 200: { description: 'The state and the transitions' }, ...errors(404) },
      },
    },
    [`${base}/transitions/{transition}`]: {
      parameters: [idParam, { name: 'transition', in: 'path', required: true, schema: { enum: names } }],
      post: {
        tags: [tag],
        summary: `Fire a transition of a ${label}`,
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { comment: { type: 'string' }, values: { type: 'object' }, version: { type: 'integer' } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: { 200: { description: 'Moved', ...one }, ...errors(403, 404, 409, 422) },
      },
    },
    [`${base}/workflow`]: {
      parameters: [idParam],
      get: {
        tags: [tag],
        summary: `Workflow history of a ${label}: transitions, approval decisions and migrations`,
        responses: { 200: { description: 'The steps, oldest first' }, ...errors(404) },
      },
    },
    [`${base}/approvals`]: {
      parameters: [idParam],
      get: {
        tags: [tag],
        summary: `Approvals of a ${label}, each with its steps: who was asked, who decided what, for whom`,
        responses: { 200: { description: 'The approvals, oldest first' }, ...errors(404) },
      },
    },
    [`${base}/approvals/decide`]: {
      parameters: [idParam],
      post: {
        tags: [tag],
        summary: `Decide the caller's pending approval step of a ${label}`,
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision'],
                properties: {
                  decision: { enum: ['approved', 'rejected'] },
                  comment: { type: 'string', maxLength: 4000, description: 'Required to reject' },
                  step: { type: 'string', format: 'uuid', description: 'When several steps await the caller' },
                },
                additionalProperties: false,
              },
            },
          },
        },
        responses: { 200: { description: 'Decided: the record and the approval' }, ...errors(403, 404, 409, 422) },
      },
    },
  };
}

function clean(schema: Record<string, unknown>): Record<string, unknown> {
  // OpenAPI 3.1 is JSON Schema 2020-12: `nullable` is expressed by type unions instead.
  const { nullable, ...rest } = schema;
  if (!nullable) return rest;
  return { ...rest, ...(rest.type !== undefined && { type: [rest.type, 'null'].flat() }) };
}

/** OpenAPI 3.1 of the generic API, built once per registry. */
export function openApiDocument(registry: Registry): object {
  const cached = cache.get(registry);
  if (cached) return cached;
  const schemas: Record<string, unknown> = { Error: errorSchema, ...UI_SCHEMAS };
  let paths: Record<string, unknown> = {};
  for (const e of registry.entities.values()) {
    const name = `${e.bundle}_${e.name}`;
    schemas[name] = e.recordSchema;
    const props = e.inputSchema.properties as Record<string, Record<string, unknown>>;
    schemas[`${name}_input`] = {
      ...e.inputSchema,
      properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, clean(v)])),
      required: e.requiredFields,
    };
    paths = { ...paths, ...entityPaths(e) };
  }
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'OpsFlux API',
      version: String(registry.version),
      description: 'Generated from the applied definition bundles.',
    },
    tags: [...registry.bundles.values()].map((b) => ({
      name: b.manifest.name,
      description: pickText(b.manifest.title),
    })),
    paths: {
      ...paths,
      ...authPaths((status) => errors(status)[String(status)]!),
      ...notifyPaths((status) => errors(status)[String(status)]!),
      ...processPaths((status) => errors(status)[String(status)]!),
      ...uiMetaPaths((status) => errors(status)[String(status)]!),
      ...mePaths((status) => errors(status)[String(status)]!),
      ...bundleDraftPaths((status) => errors(status)[String(status)]!),
      ...bundleVersionPaths((status) => errors(status)[String(status)]!),
    },
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
    // Every route needs one of these unless it says otherwise (sign-in, reset, invitations).
    security: [{ bearer: [] }, { apiKey: [] }, { cookie: [] }],
  };
  cache.set(registry, doc);
  return doc;
}
