/** The UI meta routes in the OpenAPI document; docs/ui-meta.md says more. */

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const data = (schema: object) => json({ type: 'object', required: ['data'], properties: { data: schema } });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: str });

const menuItem = {
  type: 'object',
  required: ['key', 'name', 'label', 'icon'],
  properties: {
    key: { ...str, description: '<menu key>/<item name>/<child name>…, unique' },
    name: str,
    label: str,
    icon: { ...strOrNull, description: 'A Material Symbols name' },
    view: { ...str, description: 'Key of the view it opens (bundle.view)' },
    form: { ...str, description: 'Key of the form it opens a new record in (bundle.form)' },
    url: { ...str, description: 'A page of the app' },
    entity: { ...str, description: 'The entity the view or form shows (bundle.entity)' },
    children: { type: 'array', items: { $ref: '#/components/schemas/UiMenuItem' } },
  },
};

const menu = {
  type: 'object',
  required: ['key', 'bundle', 'name', 'label', 'icon', 'order', 'items'],
  properties: {
    key: str,
    bundle: str,
    name: str,
    label: str,
    icon: strOrNull,
    order: { type: ['integer', 'null'] },
    items: { type: 'array', items: { $ref: '#/components/schemas/UiMenuItem' } },
  },
};

export const VIEW_SCHEMA = {
  type: 'object',
  required: ['key', 'bundle', 'name', 'entity', 'label', 'type', 'columns', 'sort', 'filter', 'pageSize', 'kanban'],
  properties: {
    key: str,
    bundle: str,
    name: str,
    entity: str,
    label: str,
    description: strOrNull,
    type: { enum: ['list', 'kanban'] },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: str, label: str, width: { type: ['integer', 'null'] } },
      },
    },
    sort: {
      type: 'array',
      items: { type: 'object', properties: { field: str, direction: { enum: ['asc', 'desc'] } } },
    },
    filter: { type: ['object', 'null'], description: 'The data API filter the view always applies' },
    pageSize: { type: 'integer' },
    kanban: {
      type: ['object', 'null'],
      properties: {
        groupBy: str,
        cardFields: { type: 'array', items: str },
        lanes: {
          type: 'array',
          items: { type: 'object', properties: { value: str, label: str, color: strOrNull } },
        },
      },
    },
  },
};

const FORM_SCHEMA = {
  type: 'object',
  properties: {
    key: str,
    bundle: str,
    name: str,
    entity: str,
    label: str,
    description: strOrNull,
    default: { type: 'boolean', description: 'The engine made it: no bundle ships a form for the entity' },
    wizard: { type: 'boolean' },
    uischema: { type: 'object', description: 'A JSON Forms UI schema, labels in the language of the answer' },
    variants: { type: 'object', additionalProperties: { type: 'object' }, description: 'UI schema per workflow state' },
  },
};

const summary = (extra: Record<string, object>) => ({
  type: 'object',
  properties: { key: str, bundle: str, name: str, entity: str, label: str, ...extra },
});

export const UI_SCHEMAS = { UiMenuItem: menuItem, UiView: VIEW_SCHEMA, UiForm: FORM_SCHEMA };

const lang = {
  name: 'accept-language',
  in: 'header',
  schema: str,
  description: 'fr, en, es or pt; English when none of them is accepted',
};

export function uiMetaPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const op = (summary: string, extra: object, ok: object, codes: number[]) => ({
    tags: ['meta'],
    summary,
    parameters: [lang, ...((extra as { parameters?: object[] }).parameters ?? [])],
    responses: {
      '200': { description: 'Done', ...ok },
      ...Object.fromEntries([401, ...codes].map((s) => [String(s), errorResponse(s)])),
    },
  });
  return {
    '/api/v1/meta/ui': {
      get: op(
        'The menus, views and forms the caller may use, in their language',
        {},
        data({
          type: 'object',
          properties: {
            language: { enum: ['fr', 'en', 'es', 'pt'] },
            menus: { type: 'array', items: menu },
            views: { type: 'array', items: summary({ type: { enum: ['list', 'kanban'] } }) },
            forms: {
              type: 'array',
              items: summary({ wizard: { type: 'boolean' }, create: { type: 'boolean' }, update: { type: 'boolean' } }),
            },
          },
        }),
        [],
      ),
    },
    '/api/v1/meta/views/{bundle}/{view}': {
      get: op(
        'One view: columns, sort, filter, page size, board lanes',
        { parameters: [pathParam('bundle'), pathParam('view')] },
        data({ $ref: '#/components/schemas/UiView' }),
        [403, 404],
      ),
    },
    '/api/v1/meta/entities/{bundle}/{entity}': {
      get: op(
        'An entity for the apps: definition, schemas, field labels, workflow, views and forms',
        { parameters: [pathParam('bundle'), pathParam('entity')] },
        data({
          type: 'object',
          properties: {
            bundle: str,
            name: str,
            definition: { type: 'object' },
            schema: { type: 'object' },
            inputSchema: { type: 'object' },
            language: str,
            title: str,
            pluralTitle: str,
            displayField: strOrNull,
            fields: { type: 'array', items: { type: 'object' } },
            systemFields: { type: 'array', items: { type: 'object' } },
            workflow: { type: ['object', 'null'] },
            views: { type: 'array', items: { $ref: '#/components/schemas/UiView' } },
            forms: { type: 'array', items: { $ref: '#/components/schemas/UiForm' } },
          },
        }),
        [404],
      ),
    },
  };
}
