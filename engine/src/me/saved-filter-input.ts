import { QUALIFIED_NAME_PATTERN } from '@opsflux/definitions';
import type { Access } from '../access/access.ts';
import { invalid, isOpsError, OpsError, type ErrorDetail } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { checkFilter } from '../query/check-filter.ts';
import { bindFilterPlaceholders, SAMPLE_PLACEHOLDER_VALUES } from '../query/filter-placeholders.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import { SORT_SCHEMA } from './preferences.ts';

export interface SavedFilterBody {
  view?: string;
  name?: string;
  filter?: Record<string, unknown>;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  shared?: boolean;
  columns?: string[] | null;
  q?: string | null;
}

export const MAX_FILTER_BYTES = 16 * 1024;

const properties = {
  name: S.text(200),
  filter: { type: 'object' },
  sort: SORT_SCHEMA,
  shared: { type: 'boolean' },
  columns: {
    type: ['array', 'null'],
    items: { type: 'string', minLength: 1, maxLength: 128 },
    maxItems: 200,
    uniqueItems: true,
  },
  q: { type: ['string', 'null'], maxLength: 200 },
};
export const CREATE_SCHEMA = objectSchema(
  { view: { type: 'string', pattern: QUALIFIED_NAME_PATTERN, maxLength: 128 }, ...properties },
  ['view', 'name', 'filter'],
);
/** A change: the view a filter belongs to stays. */
export const UPDATE_SCHEMA = objectSchema(properties);

/**
 * A saved filter's body, checked against its view's entity as a list request would be: the
 * filter through the data API's parser and translator (with the caller's field restrictions),
 * the sort against the sortable fields. Every problem is a 422 naming its place (`filter.<field>`,
 * `sort.0.field`); a view of an entity the caller may not read is a 403.
 */
export function checkSavedFilter(
  body: unknown,
  ctx: { registry: Registry; access: Access; view?: string },
): SavedFilterBody & { entity: CompiledEntity } {
  const input = checkBody<SavedFilterBody>(body, ctx.view ? UPDATE_SCHEMA : CREATE_SCHEMA);
  const viewKey = ctx.view ?? input.view!;
  const view = ctx.registry.ui.views.get(viewKey);
  const entity = view && ctx.registry.entities.get(view.entity);
  if (!view || !entity)
    throw invalid([{ path: 'view', code: 'unknown_view', message: `There is no view "${viewKey}"` }], 'Unknown view');
  if (!ctx.access.can('read', entity))
    throw new OpsError(403, 'forbidden', `You may not read the records of the view "${viewKey}"`);
  const problems: ErrorDetail[] = [];
  if (input.filter !== undefined) problems.push(...filterProblems(input.filter, entity, ctx));
  (input.sort ?? []).forEach((s, i) => {
    const path = `sort.${i}.field`;
    if (!entity.sortable.has(s.field))
      problems.push({
        path,
        code: entity.fields.has(s.field) ? 'not_sortable' : 'unknown_field',
        message: `Cannot sort by "${s.field}": sortable are ${[...entity.sortable].join(', ')}`,
      });
  });
  (input.columns ?? []).forEach((c, i) => {
    const path = `columns.${i}`;
    if (!entity.fields.has(c) && !entity.columns.includes(c))
      problems.push({ path, code: 'unknown_field', message: `"${c}" is not a field of ${entity.key}` });
    else if (ctx.access.fieldRows(entity, c) === false)
      problems.push({ path, code: 'field_not_readable', message: `You may not read "${c}"` });
  });
  if (problems.length) throw invalid(problems, 'The saved filter is not valid');
  return { ...input, entity };
}

function filterProblems(filter: unknown, entity: CompiledEntity, ctx: { registry: Registry; access: Access }) {
  const size = Buffer.byteLength(JSON.stringify(filter));
  if (size > MAX_FILTER_BYTES)
    return [
      { path: 'filter', code: 'too_large', message: `A saved filter takes at most ${MAX_FILTER_BYTES / 1024} KB` },
    ];
  try {
    checkFilter(bindFilterPlaceholders(filter, SAMPLE_PLACEHOLDER_VALUES), entity, ctx.registry, ctx.access);
    return [];
  } catch (e) {
    if (!isOpsError(e)) throw e;
    // The data API's paths start at the filter (`filter.x.$in[0]`) or name the field (`x`).
    return e.details.map((d) => ({ ...d, path: d.path.startsWith('filter') ? d.path : `filter.${d.path}` }));
  }
}
