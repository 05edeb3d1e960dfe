import type { I18nText } from './i18n.ts';
import { NAME_PATTERN, QUALIFIED_NAME_PATTERN } from './names.ts';

/** How a list or a board of an entity's records looks: columns, default order and filter. */
export const VIEW_TYPES = ['list', 'kanban'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

export interface ViewColumn {
  /** A field of the entity, or a system column such as `state` or `created_at`. */
  field: string;
  /** Replaces the field's own label in this view. */
  label?: I18nText;
  /** Width in pixels; the app decides when absent. */
  width?: number;
}

export interface ViewSort {
  /** A field the data API can sort by (an indexed one, `state`, `created_at`, ...). */
  field: string;
  direction: 'asc' | 'desc';
}

export interface KanbanSettings {
  /** An enum field, or `state` when a workflow governs the entity: one column per value. */
  groupBy: string;
  /** Fields shown on each card, under the record's display field. */
  cardFields: string[];
}

/**
 * A list or a kanban board of an entity's records (`views/<name>.json`). `filter` is written in
 * the data API's filter language (docs/data-api.md) and always applies; users narrow it further.
 */
export interface ViewDefinition {
  $schema?: string;
  name: string;
  /** `<entity>` of this bundle or `<bundle>.<entity>` of a dependency. */
  entity: string;
  label: I18nText;
  description?: I18nText;
  type: ViewType;
  columns: ViewColumn[];
  sort?: ViewSort[];
  filter?: Record<string, unknown>;
  /** Records per page, 1 to 500 (the data API's limit). */
  pageSize?: number;
  kanban?: KanbanSettings;
}

const name = { type: 'string', pattern: NAME_PATTERN, maxLength: 40 } as const;
const columnName = { type: 'string', pattern: NAME_PATTERN, maxLength: 64 } as const;

export const viewSchema = {
  $id: 'opsflux:view',
  type: 'object',
  description: "A list or kanban board of an entity's records: columns, sort, filter",
  required: ['name', 'entity', 'label', 'type', 'columns'],
  properties: {
    $schema: { type: 'string' },
    name,
    entity: { type: 'string', pattern: QUALIFIED_NAME_PATTERN, maxLength: 64 },
    label: { $ref: 'opsflux:i18n-text' },
    description: { $ref: 'opsflux:i18n-text' },
    type: { enum: [...VIEW_TYPES] },
    columns: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['field'],
        properties: {
          field: columnName,
          label: { $ref: 'opsflux:i18n-text' },
          width: { type: 'integer', minimum: 40, maximum: 2000 },
        },
        additionalProperties: false,
      },
    },
    sort: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        required: ['field', 'direction'],
        properties: { field: columnName, direction: { enum: ['asc', 'desc'] } },
        additionalProperties: false,
      },
    },
    filter: { type: 'object', maxProperties: 200 },
    pageSize: { type: 'integer', minimum: 1, maximum: 500 },
    kanban: {
      type: 'object',
      required: ['groupBy', 'cardFields'],
      properties: {
        groupBy: columnName,
        cardFields: { type: 'array', items: columnName, maxItems: 10, uniqueItems: true },
      },
      additionalProperties: false,
    },
  },
  // A board needs to know what its columns are.
  allOf: [{ if: { properties: { type: { const: 'kanban' } }, required: ['type'] }, then: { required: ['kanban'] } }],
  additionalProperties: false,
} as const;
