import type { ViewDefinition } from '@opsflux/definitions';
import { isOpsError } from '../../errors.ts';
import { checkFilter } from '../../query/check-filter.ts';
import { bindFilterPlaceholders, SAMPLE_PLACEHOLDER_VALUES } from '../../query/filter-placeholders.ts';
import type { CompiledEntity } from '../../registry/registry-types.ts';
import type { BundleIssue } from '../bundle-types.ts';
import {
  namingIssues,
  recordColumns,
  resolveEntity,
  type BundleCheck,
  type CheckContext,
  type Resolved,
} from './check-context.ts';
import { compiledEntities } from './compiled-entities.ts';

type Say = (pointer: string, code: string, message: string) => void;

/**
 * A view shows an entity that exists (of this bundle or a dependency); its columns, sort and
 * card fields name the entity's fields or system columns; it sorts only by what the data API
 * sorts by; its filter is one the data API accepts on that entity; a board groups by an enum
 * field or by the workflow state.
 */
export const checkViews: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = namingIssues('view', ctx.views);
  for (const { file, def } of ctx.views) {
    const say: Say = (pointer, code, message) =>
      issues.push({ file, pointer, code, message: `View "${def.name}": ${message}` });
    const found = resolveEntity(ctx, def.entity);
    if (typeof found === 'string') say('/entity', 'view.unknown_entity', found);
    else if (found) viewProblems(ctx, def, found, say);
  }
  return issues;
};

function viewProblems(ctx: CheckContext, def: ViewDefinition, found: Resolved, say: Say): void {
  const columns = recordColumns(found);
  const entityName = found.entity.name;
  const unknown = (pointer: string, field: string) =>
    say(pointer, 'view.unknown_field', `${entityName} has no field or column "${field}"`);
  const shown = new Set<string>();
  def.columns.forEach((c, i) => {
    if (!columns.has(c.field)) unknown(`/columns/${i}/field`, c.field);
    else if (shown.has(c.field)) say(`/columns/${i}/field`, 'view.duplicate_column', `"${c.field}" is shown twice`);
    shown.add(c.field);
  });
  const compiled = compiledEntities(ctx).entities.get(`${found.bundle}.${entityName}`);
  const sorted = new Set<string>();
  (def.sort ?? []).forEach((s, i) => {
    const at = `/sort/${i}/field`;
    if (!columns.has(s.field)) unknown(at, s.field);
    else if (sorted.has(s.field)) say(at, 'view.duplicate_sort', `"${s.field}" appears twice in the sort`);
    else if (compiled && !compiled.sortable.has(s.field))
      say(
        at,
        'view.not_sortable',
        `cannot sort by "${s.field}": only indexed fields can be sorted (${[...compiled.sortable].join(', ')})`,
      );
    sorted.add(s.field);
  });
  if (def.filter !== undefined && compiled) filterProblems(ctx, def.filter, compiled, say);
  if (def.type !== 'kanban' && def.kanban) {
    say('/kanban', 'view.kanban_unused', 'only a view of type "kanban" takes kanban settings: remove them');
  }
  if (def.type === 'kanban' && def.kanban) {
    const { groupBy, cardFields } = def.kanban;
    const field = found.entity.fields.find((f) => f.name === groupBy);
    if (groupBy === 'state') {
      if (!found.workflow)
        say('/kanban/groupBy', 'view.group_by', `${entityName} has no workflow, so its board cannot group by state`);
    } else if (field?.type !== 'enum') {
      say(
        '/kanban/groupBy',
        'view.group_by',
        `a board groups by an enum field or by "state"; "${groupBy}" is ${field ? `a ${field.type} field` : 'not a field'} of ${entityName}`,
      );
    }
    cardFields.forEach((f, i) => {
      if (!columns.has(f)) unknown(`/kanban/cardFields/${i}`, f);
    });
  }
}

function filterProblems(ctx: CheckContext, filter: unknown, entity: CompiledEntity, say: Say): void {
  try {
    // Placeholders are checked here; their values are the reader's, known only when one reads.
    checkFilter(bindFilterPlaceholders(filter, SAMPLE_PLACEHOLDER_VALUES), entity, compiledEntities(ctx));
  } catch (e) {
    // Anything but the data API's own refusal means an entity the filter reaches did not
    // compile, which that entity's checks report.
    if (!isOpsError(e)) return;
    for (const d of e.details.length ? e.details : [{ message: e.message }])
      say('/filter', 'view.filter', `the filter is not one the data API accepts: ${d.message}`);
  }
}
