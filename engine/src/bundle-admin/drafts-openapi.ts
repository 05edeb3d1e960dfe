import { LANGUAGES } from '@opsflux/definitions';
import { DRY_RUN_BODY } from '../automations/dry-run-automation.ts';

/** The designer's bundle list and drafts in the OpenAPI document; docs/designer-api.md says more. */

const str = { type: 'string' } as const;
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const data = (schema: object) => json({ type: 'object', required: ['data'], properties: { data: schema } });
const obj = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  properties,
  ...(required.length && { required }),
});
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: str,
  description,
});
const revision = {
  type: 'integer',
  minimum: 0,
  description: 'The draft revision the change is based on (0: the applied files)',
};

const ISSUE = obj({ file: str, pointer: str, code: str, message: str });
const STAMP = {
  revision: { type: 'integer' },
  updatedAt: time,
  updatedBy: { type: ['string', 'null'], description: 'User id' },
  updatedByName: { type: ['string', 'null'] },
};
const DRAFT = obj({
  bundle: str,
  isDraft: { type: 'boolean', description: 'false: no draft exists, these are the applied files at revision 0' },
  baseVersion: { type: ['string', 'null'], description: 'The applied version the draft was copied from' },
  ...STAMP,
  files: { type: 'object', additionalProperties: { type: 'object' }, description: 'path → parsed JSON' },
  fileRevisions: { type: 'object', additionalProperties: { type: 'integer' } },
});
const CHANGE = obj({
  revision: { type: 'integer' },
  changed: {
    type: 'object',
    description: 'Files others changed since the caller’s revision: their content now, or null when removed',
  },
});
const STEP = obj({
  action: str,
  table: str,
  column: str,
  description: str,
  destructive: { type: 'boolean' },
  rowsAffected: { type: 'integer' },
  sql: { type: 'array', items: str },
});
const PLAN = obj({
  bundle: str,
  fromVersion: { type: ['string', 'null'] },
  toVersion: str,
  noop: { type: 'boolean' },
  destructive: { type: 'boolean' },
  steps: { type: 'array', items: STEP },
});
const BUNDLE = obj({
  name: str,
  title: str,
  version: { type: ['string', 'null'] },
  status: { enum: ['active', 'inactive', 'draft'] },
  dependencies: { type: 'object', additionalProperties: str },
  dependants: { type: 'array', items: str },
  appliedAt: time,
  appliedBy: { type: ['string', 'null'] },
  draft: { type: ['object', 'null'], properties: STAMP },
});

export function bundleDraftPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (summary: string, extra: object, ok: object, codes: number[], status = '200') => ({
    tags: ['designer'],
    summary,
    ...extra,
    responses: {
      [status]: { description: 'Done', ...ok },
      ...Object.fromEntries([401, 403, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  const base = '/api/v1/admin/bundles';
  const draft = `${base}/{name}/draft`;
  const name = pathParam('name', 'The bundle');
  return {
    [base]: {
      get: op(
        'Every bundle, installed or drafted, with its draft if any',
        {},
        data({ type: 'array', items: BUNDLE }),
        [],
      ),
      post: op(
        'Start a new bundle as a draft (nothing applied)',
        {
          requestBody: json(
            obj(
              {
                name: { type: 'string', pattern: '^[a-z][a-z0-9]*$', maxLength: 20 },
                title: { oneOf: [str, { type: 'object' }], description: 'A text (English) or one per language' },
                description: { type: 'object' },
                dependencies: { type: 'object', additionalProperties: str, description: 'bundle → semver range' },
              },
              ['name', 'title'],
            ),
          ),
        },
        data(DRAFT),
        [409, 422],
        '201',
      ),
    },
    [draft]: {
      parameters: [name],
      get: op('The draft, or the applied files at revision 0', {}, data(DRAFT), [404]),
      delete: op('Discard the draft', {}, data(obj({ discarded: { type: 'boolean' } })), [404]),
    },
    [`${draft}/files/{path}`]: {
      parameters: [
        name,
        pathParam('path', 'The file inside the bundle, e.g. entities/site.json (slashes as they are, or %2F)'),
      ],
      put: op(
        'Create or replace one file of the draft',
        { requestBody: json(obj({ revision, content: { type: 'object' } }, ['revision', 'content'])) },
        data(CHANGE),
        [400, 404, 409, 413, 422],
      ),
      delete: op(
        'Remove one file of the draft',
        { requestBody: json(obj({ revision }, ['revision'])) },
        data(CHANGE),
        [400, 404, 409, 422],
      ),
    },
    [`${draft}/rename`]: {
      parameters: [name],
      post: op(
        'Rename a file (a definition follows its file; an entity keeps renamedFrom)',
        { requestBody: json(obj({ revision, from: str, to: str }, ['revision', 'from', 'to'])) },
        data(CHANGE),
        [400, 404, 409, 422],
      ),
    },
    [`${draft}/validate`]: {
      parameters: [name],
      post: op(
        'Validate the draft',
        {},
        data(obj({ ok: { type: 'boolean' }, issues: { type: 'array', items: ISSUE } })),
        [404],
      ),
    },
    [`${draft}/plan`]: {
      parameters: [name],
      post: op(
        'What publishing would do to the database, tried in a rolled-back transaction',
        {},
        data(
          obj({
            ok: { type: 'boolean' },
            issues: { type: 'array', items: ISSUE },
            plan: { oneOf: [PLAN, { type: 'null' }] },
            problems: { type: 'array', items: { type: 'object' } },
          }),
        ),
        [404],
      ),
    },
    [`${draft}/publish`]: {
      parameters: [name],
      post: op(
        'Validate, plan and apply the draft; destructive steps need confirm = the bundle name',
        { requestBody: json(obj({ revision, confirm: str }, ['revision'])) },
        data(obj({ version: str, plan: PLAN })),
        [404, 409, 422],
      ),
    },
    [`${draft}/automations/{automation}/dry-run`]: {
      parameters: [name, pathParam('automation', 'The automation’s name')],
      post: op(
        'Run the draft’s automation on a record or sample values, rolled back',
        { requestBody: json(DRY_RUN_BODY) },
        data(obj({ dryRun: { type: 'boolean' }, outcome: str, reason: str, actions: { type: 'array' } })),
        [404, 422],
      ),
    },
    [`${draft}/templates/{template}/preview`]: {
      parameters: [name, pathParam('template', 'The template’s name')],
      post: op(
        'Render the draft’s template with sample data',
        {
          requestBody: json(obj({ data: { type: 'object' }, language: { enum: [...LANGUAGES] } })),
        },
        data(obj({ subject: str, text: str, html: str, lang: str })),
        [404, 422],
      ),
    },
  };
}
