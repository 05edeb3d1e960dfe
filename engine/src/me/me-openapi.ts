import { BOOKMARK_CREATE, BOOKMARK_ORDER, BOOKMARK_UPDATE } from './bookmark-routes.ts';
import { PREFERENCES_SCHEMA } from './preferences.ts';
import { CREATE_SCHEMA, UPDATE_SCHEMA } from './saved-filter-input.ts';

/** The user storage routes in the OpenAPI document; docs/ui-meta.md says more. */

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const data = (schema: object) => json({ type: 'object', required: ['data'], properties: { data: schema } });
const list = (schema: object) => data({ type: 'array', items: schema });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const time = { type: 'string', format: 'date-time' };

const bookmark = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    label: { type: 'string' },
    url: { type: 'string' },
    folder: { type: ['string', 'null'] },
    position: { type: 'integer' },
    createdAt: time,
    updatedAt: time,
  },
};

const savedFilter = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    view: { type: 'string' },
    name: { type: 'string' },
    filter: { type: 'object' },
    sort: { type: 'array', items: { type: 'object' } },
    shared: { type: 'boolean' },
    columns: { type: ['array', 'null'], items: { type: 'string' }, description: 'Visible columns, in order' },
    q: { type: ['string', 'null'], description: 'Full-text search of the list' },
    mine: { type: 'boolean' },
    owner: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    createdAt: time,
    updatedAt: time,
  },
};

export function mePaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (summary: string, extra: object, ok: [number, object], codes: number[]) => ({
    tags: ['me'],
    summary,
    ...extra,
    responses: {
      [String(ok[0])]: { description: 'Done', ...ok[1] },
      ...Object.fromEntries([401, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  const base = '/api/v1/me';
  return {
    [`${base}/preferences`]: {
      get: op('One’s preferences, defaults filled in', {}, [200, data(PREFERENCES_SCHEMA)], []),
      put: op(
        'Replace one’s preferences (unknown keys refused, 32 KB at most; the language is the profile’s)',
        { requestBody: json(PREFERENCES_SCHEMA) },
        [200, data(PREFERENCES_SCHEMA)],
        [403, 422],
      ),
    },
    [`${base}/bookmarks`]: {
      get: op('One’s bookmarks, in their order', {}, [200, list(bookmark)], []),
      post: op(
        'Add a bookmark (a page of the app)',
        { requestBody: json(BOOKMARK_CREATE) },
        [201, data(bookmark)],
        [403, 409, 422],
      ),
    },
    [`${base}/bookmarks/order`]: {
      put: op(
        'Reorder: the ids listed first, in that order, the others after',
        { requestBody: json(BOOKMARK_ORDER) },
        [200, list(bookmark)],
        [403, 404, 422],
      ),
    },
    [`${base}/bookmarks/{id}`]: {
      parameters: [idParam],
      patch: op('Change a bookmark', { requestBody: json(BOOKMARK_UPDATE) }, [200, data(bookmark)], [403, 404, 422]),
      delete: op('Delete a bookmark', {}, [204, {}], [403, 404]),
    },
    [`${base}/saved-filters`]: {
      get: op(
        'One’s saved filters and those shared in one’s companies on views one may read',
        {
          parameters: [
            { name: 'view', in: 'query', schema: { type: 'string' }, description: 'A view key (bundle.view)' },
          ],
        },
        [200, list(savedFilter)],
        [400],
      ),
      post: op(
        'Save a filter of a view (checked as the data API checks it)',
        { requestBody: json(CREATE_SCHEMA) },
        [201, data(savedFilter)],
        [403, 409, 422],
      ),
    },
    [`${base}/saved-filters/{id}`]: {
      parameters: [idParam],
      patch: op(
        'Change one’s saved filter',
        { requestBody: json(UPDATE_SCHEMA) },
        [200, data(savedFilter)],
        [403, 404, 409, 422],
      ),
      delete: op('Delete one’s saved filter', {}, [204, {}], [403, 404]),
    },
  };
}
