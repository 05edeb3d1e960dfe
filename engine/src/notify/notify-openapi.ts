import { PREFERENCES_BODY } from './preferences.ts';

/** The notification routes in the OpenAPI document; docs/notifications.md says more. */

const action = {
  type: 'object',
  required: ['id', 'label', 'method', 'url'],
  properties: {
    id: { type: 'string' },
    label: { type: 'string' },
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    url: { type: 'string', description: 'Relative to the apps: an API call, or a page for GET' },
    body: { type: 'object' },
  },
};

export const NOTIFICATION_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    message: { type: 'string' },
    category: { type: 'string' },
    priority: { type: 'integer', minimum: 0, maximum: 3, description: '0 low, 1 normal, 2 high, 3 urgent' },
    link: { type: ['string', 'null'] },
    actions: { type: 'array', items: action },
    source: {
      type: ['object', 'null'],
      properties: {
        entity: { type: ['string', 'null'] },
        recordId: { type: ['string', 'null'] },
        automation: { type: ['string', 'null'] },
      },
    },
    read: { type: 'boolean' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ids = json({
  type: 'object',
  required: ['ids'],
  properties: { ids: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 500 } },
});
const counted = json({ type: 'object', properties: { updated: { type: 'integer' }, unread: { type: 'integer' } } });
const q = (name: string, schema: object, description: string) => ({ name, in: 'query', schema, description });

export function notifyPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (summary: string, extra: object, ok: object, codes: number[]) => ({
    tags: ['notifications'],
    summary,
    ...extra,
    responses: {
      '200': { description: 'Done', ...ok },
      ...Object.fromEntries([401, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  const base = '/api/v1/notifications';
  return {
    [base]: {
      get: op(
        'One’s notifications, newest first',
        {
          parameters: [
            q('unread', { type: 'boolean' }, 'Only unread (true) or only read (false)'),
            q('category', { type: 'string' }, 'A category, or a prefix of categories (`projects` for `projects.*`)'),
            q('priority', { type: 'integer', minimum: 0, maximum: 3 }, 'Only this priority and above'),
            q('since', { type: 'string', format: 'date-time' }, 'Only those created since'),
            q('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Page size'),
            q('cursor', { type: 'string' }, 'meta.nextCursor of the previous page'),
          ],
        },
        json({
          type: 'object',
          properties: {
            data: { type: 'array', items: NOTIFICATION_SCHEMA },
            meta: {
              type: 'object',
              properties: { nextCursor: { type: ['string', 'null'] }, unread: { type: 'integer' } },
            },
          },
        }),
        [400],
      ),
    },
    [`${base}/unread-count`]: {
      get: op(
        'How many of one’s notifications are unread',
        {},
        json({ type: 'object', properties: { count: {} } }),
        [],
      ),
    },
    [`${base}/preferences`]: {
      get: op('One’s notification preferences', {}, json(PREFERENCES_BODY), []),
      put: op(
        'Replace one’s notification preferences (what is left out takes its default)',
        { requestBody: json(PREFERENCES_BODY) },
        json(PREFERENCES_BODY),
        [403, 422],
      ),
    },
    [`${base}/read`]: {
      post: op('Mark notifications read', { requestBody: ids }, counted, [403, 404, 422]),
    },
    [`${base}/unread`]: {
      post: op('Mark notifications unread', { requestBody: ids }, counted, [403, 404, 422]),
    },
    [`${base}/read-all`]: {
      post: op(
        'Mark all one’s notifications read, or those of a category',
        { requestBody: json({ type: 'object', properties: { category: { type: 'string' } } }) },
        counted,
        [403, 422],
      ),
    },
    [`${base}/{id}`]: {
      get: op(
        'One of one’s notifications',
        { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] },
        json(NOTIFICATION_SCHEMA),
        [404],
      ),
    },
  };
}
