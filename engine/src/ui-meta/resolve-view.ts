import { pickText, type Language } from '@opsflux/definitions';
import { DEFAULT_LIMIT } from '../query/list-params.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { CompiledView } from './compile-ui.ts';
import { columnLabel } from './labels.ts';

/** One lane of a board: a value of the enum, or a state of the workflow, in their order. */
export interface KanbanLane {
  value: string;
  label: string;
  color: string | null;
}

/** A view as the apps read it: labels in the reader's language, defaults filled in. */
export interface ResolvedView {
  key: string;
  bundle: string;
  name: string;
  entity: string;
  label: string;
  description: string | null;
  type: 'list' | 'kanban';
  columns: { field: string; label: string; width: number | null }[];
  sort: { field: string; direction: 'asc' | 'desc' }[];
  filter: Record<string, unknown> | null;
  pageSize: number;
  kanban: { groupBy: string; cardFields: string[]; lanes: KanbanLane[] } | null;
}

export function resolveView(view: CompiledView, entity: CompiledEntity, lang: Language): ResolvedView {
  const d = view.def;
  return {
    key: view.key,
    bundle: view.bundle,
    name: view.name,
    entity: view.entity,
    label: pickText(d.label, lang),
    description: d.description ? pickText(d.description, lang) : null,
    type: d.type,
    columns: d.columns.map((c) => ({
      field: c.field,
      label: c.label ? pickText(c.label, lang) : columnLabel(entity, c.field, lang),
      width: c.width ?? null,
    })),
    sort: d.sort ?? [],
    filter: d.filter ?? null,
    pageSize: d.pageSize ?? DEFAULT_LIMIT,
    kanban:
      d.type === 'kanban' && d.kanban
        ? { groupBy: d.kanban.groupBy, cardFields: d.kanban.cardFields, lanes: lanes(entity, d.kanban.groupBy, lang) }
        : null,
  };
}

function lanes(entity: CompiledEntity, groupBy: string, lang: Language): KanbanLane[] {
  if (groupBy === 'state')
    return (entity.workflow?.def.states ?? []).map((s) => ({
      value: s.name,
      label: pickText(s.label, lang),
      color: s.color ?? null,
    }));
  const field = entity.fields.get(groupBy)?.def;
  if (field?.type !== 'enum') return [];
  return field.values.map((v) => ({ value: v.value, label: pickText(v.label, lang), color: v.color ?? null }));
}
