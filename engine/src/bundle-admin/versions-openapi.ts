/** Export, import, versions and lifecycle of bundles in the OpenAPI document (docs/designer-api.md). */

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const data = (schema: object) => json({ type: 'object', required: ['data'], properties: { data: schema } });
const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'Bundle name' };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } };
const confirmBody = (required = false) =>
  json({
    type: 'object',
    ...(required && { required: ['confirm'] }),
    properties: {
      confirm: { type: 'string', description: 'The bundle name, needed when a step is destructive' },
    },
    additionalProperties: false,
  });

const issue = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    pointer: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
  },
};
const step = {
  type: 'object',
  properties: {
    action: { type: 'string' },
    table: { type: 'string' },
    column: { type: 'string' },
    description: { type: 'string' },
    destructive: { type: 'boolean' },
    rowsAffected: { type: 'integer' },
  },
};
const plan = {
  type: ['object', 'null'],
  properties: {
    bundle: { type: 'string' },
    fromVersion: { type: ['string', 'null'] },
    toVersion: { type: 'string' },
    noop: { type: 'boolean' },
    destructive: { type: 'boolean' },
    steps: { type: 'array', items: step },
  },
};
const version = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: { type: 'string' },
    operation: { enum: ['install', 'upgrade', 'rollback', 'uninstall', 'purge', 'activate', 'deactivate'] },
    checksum: { type: 'string' },
    appliedAt: { type: 'string', format: 'date-time' },
    appliedBy: { type: ['string', 'null'] },
    steps: { type: 'array' },
  },
};
const files = { type: ['object', 'null'], additionalProperties: true, description: 'Path → parsed JSON' };
const applied = data({
  type: 'object',
  properties: { bundle: { type: 'string' }, version: { type: 'string' }, plan },
});
const lifecycle = data({
  type: 'object',
  properties: {
    bundle: { type: 'string' },
    version: { type: ['string', 'null'] },
    status: { enum: ['active', 'inactive'] },
    changed: { type: 'boolean' },
  },
});

export function bundleVersionPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (summary: string, extra: object, ok: object, codes: number[]) => ({
    tags: ['designer'],
    summary,
    ...extra,
    responses: {
      200: { description: 'Done', ...ok },
      ...Object.fromEntries([401, 403, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  const base = '/api/v1/admin/bundles';
  const flag = (n: string, description: string) => ({
    name: n,
    in: 'query',
    schema: { enum: ['true', 'false'] },
    description,
  });
  return {
    [`${base}/{name}/export.zip`]: {
      get: op(
        'The bundle as a .zip of formatted files (same bytes for the same bundle)',
        { parameters: [name, flag('seed', 'Add demo data under seed/'), flag('draft', 'Export the draft if any')] },
        { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        [400, 404],
      ),
    },
    [`${base}/import`]: {
      post: op(
        'Check a bundle .zip: validation, dependencies, plan; nothing applied (expires after an hour)',
        { requestBody: { content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } } },
        data({
          type: 'object',
          properties: {
            importId: { type: ['string', 'null'], format: 'uuid' },
            expiresAt: { type: ['string', 'null'], format: 'date-time' },
            bundle: { type: ['string', 'null'] },
            version: { type: ['string', 'null'] },
            installedVersion: { type: ['string', 'null'] },
            issues: { type: 'array', items: issue },
            dependencies: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  range: { type: 'string' },
                  installed: { type: ['string', 'null'] },
                  ok: { type: 'boolean' },
                  reason: { type: 'string' },
                },
              },
            },
            plan,
            problems: { type: 'array', items: { type: 'object' } },
          },
        }),
        [400, 413, 415],
      ),
    },
    [`${base}/import/{importId}/apply`]: {
      post: op(
        'Apply a checked import (checked again first)',
        {
          parameters: [{ name: 'importId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: confirmBody(),
        },
        applied,
        [404, 409, 422],
      ),
    },
    [`${base}/{name}/versions`]: {
      get: op(
        'The versions of a bundle, newest first',
        { parameters: [name] },
        data({ type: 'array', items: version }),
        [404],
      ),
    },
    [`${base}/{name}/versions/{id}`]: {
      get: op(
        'One version with its files',
        { parameters: [name, id] },
        data({ ...version, properties: { ...version.properties, files } }),
        [404],
      ),
    },
    [`${base}/{name}/diff`]: {
      get: op(
        'Per-file differences between two versions (`current`, `draft` or a version id)',
        {
          parameters: [
            name,
            { name: 'from', in: 'query', schema: { type: 'string', default: 'current' } },
            { name: 'to', in: 'query', schema: { type: 'string', default: 'draft' } },
          ],
        },
        data({
          type: 'object',
          properties: {
            from: { type: 'string' },
            to: { type: 'string' },
            files: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  status: { enum: ['added', 'removed', 'changed'] },
                  changes: {
                    type: 'array',
                    items: { type: 'object', properties: { pointer: { type: 'string' }, before: {}, after: {} } },
                  },
                },
              },
            },
          },
        }),
        [400, 404, 409],
      ),
    },
    [`${base}/{name}/versions/{id}/rollback/plan`]: {
      post: op(
        'The plan that brings the bundle back to a version, as a new version',
        { parameters: [name, id] },
        data({
          type: 'object',
          properties: {
            ok: { type: 'boolean' },
            issues: { type: 'array', items: issue },
            version: { type: 'string' },
            plan,
          },
        }),
        [404, 409],
      ),
    },
    [`${base}/{name}/versions/{id}/rollback`]: {
      post: op(
        'Roll back to a version',
        { parameters: [name, id], requestBody: confirmBody() },
        applied,
        [404, 409, 422],
      ),
    },
    [`${base}/{name}/activate`]: {
      post: op(
        'Show the bundle’s menus, views, forms and data API again',
        { parameters: [name] },
        lifecycle,
        [404, 409],
      ),
    },
    [`${base}/{name}/deactivate`]: {
      post: op(
        'Hide the bundle (data kept); refused while an active bundle depends on it',
        { parameters: [name] },
        lifecycle,
        [404, 409],
      ),
    },
    [`${base}/{name}`]: {
      delete: op(
        'Uninstall: tables archived in sys_archive, or dropped with purge',
        {
          parameters: [name],
          requestBody: json({
            type: 'object',
            required: ['confirm'],
            properties: { confirm: { type: 'string' }, purge: { type: 'boolean' } },
            additionalProperties: false,
          }),
        },
        data({
          type: 'object',
          properties: {
            bundle: { type: 'string' },
            purged: { type: 'boolean' },
            archived: { type: 'array', items: { type: 'string' } },
          },
        }),
        [404, 409, 422],
      ),
    },
  };
}
