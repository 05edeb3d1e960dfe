/**
 * The process routes in the OpenAPI document: approvals awaiting the caller, delegations, and,
 * for administrators, background jobs and automations (their log and dry run), plus inbound
 * webhooks. docs/workflows.md, docs/automations.md and docs/jobs.md say more.
 */

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const data = (items: object) => json({ type: 'object', properties: { data: items } });
const list = (item: object) => data({ type: 'array', items: item });
const path = (name: string, schema: object = { type: 'string' }) => ({ name, in: 'path', required: true, schema });
const query = (name: string, schema: object, description: string) => ({ name, in: 'query', schema, description });

const DELEGATION = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    userId: { type: 'string', format: 'uuid' },
    delegateId: { type: 'string', format: 'uuid' },
    startsOn: { type: 'string', format: 'date' },
    endsOn: { type: 'string', format: 'date' },
    reason: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    userName: { type: 'string', description: 'who delegates (in lists)' },
    delegateName: { type: 'string', description: 'who decides for them (in lists)' },
  },
};

const JOB = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    queue: { type: 'string' },
    topic: { type: 'string' },
    status: { enum: ['pending', 'queued', 'running', 'done', 'dead', 'cancelled'] },
    attempts: { type: 'integer' },
    maxAttempts: { type: 'integer' },
    runAt: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    durationMs: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    payload: {},
  },
};

const RUN = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trigger: { type: 'string' },
    entity: { type: ['string', 'null'] },
    recordId: { type: ['string', 'null'] },
    input: { type: 'object' },
    outcome: { enum: ['done', 'skipped', 'failed', 'dead'] },
    actions: { type: ['array', 'null'] },
    error: { type: ['string', 'null'] },
    jobId: { type: ['string', 'null'] },
    attempt: { type: ['integer', 'null'] },
    durationMs: { type: ['integer', 'null'] },
    dryRun: { type: 'boolean' },
    at: { type: 'string', format: 'date-time' },
  },
};

export function processPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (tag: string, summary: string, extra: object, ok: object, codes: number[], status = '200') => ({
    tags: [tag],
    summary,
    ...extra,
    responses: {
      [status]: { description: 'Done', ...ok },
      ...Object.fromEntries([401, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  const admin = '/api/v1/admin';
  return {
    '/api/v1/approvals/pending': {
      get: op(
        'approvals',
        'Approval steps awaiting the caller, or someone who delegated to them today',
        {},
        list({
          type: 'object',
          properties: {
            stepId: { type: 'string', format: 'uuid' },
            step: { type: 'string' },
            stepLabel: { type: 'string' },
            approval: { type: 'string' },
            state: { type: 'string' },
            entity: { type: 'string' },
            recordId: { type: 'string', format: 'uuid' },
            openedAt: { type: 'string', format: 'date-time' },
            asDelegate: { type: 'boolean' },
          },
        }),
        [],
      ),
    },
    '/api/v1/delegations': {
      get: op('approvals', 'The caller’s delegations, given and received', {}, list(DELEGATION), []),
      post: op(
        'approvals',
        'Delegate one’s approvals to another user for a range of days (both included)',
        {
          requestBody: json({
            type: 'object',
            required: ['delegateId', 'startsOn', 'endsOn'],
            properties: {
              delegateId: { type: 'string', format: 'uuid' },
              startsOn: { type: 'string', format: 'date' },
              endsOn: { type: 'string', format: 'date' },
              reason: { type: 'string', maxLength: 500 },
            },
            additionalProperties: false,
          }),
        },
        data(DELEGATION),
        [422],
        '201',
      ),
    },
    '/api/v1/delegations/candidates': {
      get: op(
        'approvals',
        'Active colleagues (sharing a company) whose name or e-mail contains q: whom one may delegate to',
        { parameters: [query('q', { type: 'string', minLength: 2, maxLength: 100 }, 'Part of a name or e-mail')] },
        list({
          type: 'object',
          properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, email: { type: 'string' } },
        }),
        [400],
      ),
    },
    '/api/v1/delegations/{id}': {
      parameters: [path('id', { type: 'string', format: 'uuid' })],
      delete: op('approvals', 'Revoke one of the caller’s delegations', {}, {}, [404, 409], '204'),
    },
    [`${admin}/jobs`]: {
      get: op('jobs', 'Jobs per queue and status (outbox), and what BullMQ holds', {}, json({ type: 'object' }), [403]),
    },
    [`${admin}/jobs/list`]: {
      get: op(
        'jobs',
        'Jobs, newest first',
        {
          parameters: [
            query('status', JOB.properties.status, 'Only jobs in this status'),
            query('queue', { type: 'string' }, 'Only this queue'),
            query('topic', { type: 'string' }, 'Only this topic'),
            query('before', { type: 'string' }, 'Jobs older than this id (paging)'),
            query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size'),
          ],
        },
        list(JOB),
        [400, 403],
      ),
    },
    [`${admin}/jobs/{id}`]: {
      parameters: [path('id')],
      get: op('jobs', 'One job', {}, json(JOB), [403, 404]),
    },
    [`${admin}/jobs/{id}/retry`]: {
      parameters: [path('id')],
      post: op('jobs', 'Run a dead or cancelled job again from its first attempt', {}, json(JOB), [403, 404, 409]),
    },
    [`${admin}/jobs/{id}/cancel`]: {
      parameters: [path('id')],
      post: op('jobs', 'Drop a waiting job (kept as cancelled)', {}, json(JOB), [403, 404, 409]),
    },
    [`${admin}/automations`]: {
      get: op('automations', 'The enabled automations', {}, list({ type: 'object' }), [403]),
    },
    [`${admin}/automations/{key}/runs`]: {
      parameters: [path('key')],
      get: op(
        'automations',
        'An automation’s execution log, newest first',
        {
          parameters: [
            query('outcome', RUN.properties.outcome, 'Only runs with this outcome'),
            query('before', { type: 'string' }, 'Runs older than this id (paging)'),
            query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size'),
          ],
        },
        list(RUN),
        [400, 403],
      ),
    },
    [`${admin}/automations/{key}/dry-run`]: {
      parameters: [path('key')],
      post: op(
        'automations',
        'Run an automation on a record or sample values without any effect: what it would do',
        {
          requestBody: json({
            type: 'object',
            properties: {
              recordId: { type: 'string', format: 'uuid' },
              record: { type: 'object' },
              before: { type: 'object' },
              body: {},
            },
            additionalProperties: false,
          }),
        },
        data({ type: 'object' }),
        [403, 404, 422],
      ),
    },
    '/api/v1/hooks/{bundle}/{automation}': {
      parameters: [path('bundle'), path('automation')],
      post: {
        tags: ['automations'],
        summary: 'Inbound webhook: an event for the automation, signed with x-opsflux-signature',
        security: [],
        requestBody: {
          content: {
            'application/json': { schema: {} },
            'application/xml': { schema: {} },
            'application/x-www-form-urlencoded': { schema: {} },
          },
        },
        responses: {
          '202': { description: 'The event is stored; the run happens in a job' },
          ...Object.fromEntries([400, 401, 404, 413, 415, 503].map((s) => [String(s), errorResponse(s)])),
        },
      },
    },
  };
}
