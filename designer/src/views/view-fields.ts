import type { EntityDefinition } from '@opsflux/definitions';

/** Columns every record has besides its fields (docs/writing-a-bundle.md, "Views"). */
export const SYSTEM_VIEW_COLUMNS = [
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'external_id',
  'id',
] as const;

/** What a column may show: the entity's fields, `state` when a workflow governs it, system columns. */
export function columnChoices(entity: EntityDefinition | null, hasWorkflow: boolean): string[] {
  return [...(entity?.fields.map((f) => f.name) ?? []), ...(hasWorkflow ? ['state'] : []), ...SYSTEM_VIEW_COLUMNS];
}

/** What the data API sorts by: indexed fields, references, an index's first field, state, id, times. */
export function sortChoices(entity: EntityDefinition | null, hasWorkflow: boolean): string[] {
  const out = new Set<string>();
  for (const f of entity?.fields ?? []) if (f.index || f.unique || f.type === 'reference') out.add(f.name);
  for (const ix of entity?.indexes ?? []) if (ix.fields[0]) out.add(ix.fields[0]);
  if (entity?.sequence) out.add(entity.sequence.field);
  if (hasWorkflow) out.add('state');
  for (const c of ['id', 'created_at', 'updated_at']) out.add(c);
  return [...out];
}

/** What a board may be grouped by: enum fields, and `state` under a workflow. */
export function groupChoices(entity: EntityDefinition | null, hasWorkflow: boolean): string[] {
  return [
    ...(entity?.fields.filter((f) => f.type === 'enum').map((f) => f.name) ?? []),
    ...(hasWorkflow ? ['state'] : []),
  ];
}
