import {
  FIELD_TYPES,
  type EntityDefinition,
  type FieldDefinition,
  type FieldType,
  type FieldTypeSchema,
} from '@opsflux/definitions';

/**
 * Pure edits of an entity definition, each returning a new definition. Renaming and removing a
 * field also fix what names it inside the entity (display field, sequence, indexes, rules,
 * search list, `var`s in rules and computed fields), so the file stays consistent.
 */

export const fieldTypeOf = (type: string): FieldTypeSchema | undefined => FIELD_TYPES.find((t) => t.type === type);

/** Options every field takes, whatever its type; a type change keeps them. */
const COMMON = ['name', 'label', 'description', 'required', 'sensitive', 'renamedFrom'] as const;

/** `base`, or `base_2`, `base_3`... whichever no field has. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** What a type needs from the start so the field is valid as soon as it is added. */
function typeDefaults(type: FieldType, entity: EntityDefinition): Record<string, unknown> {
  switch (type) {
    case 'enum':
      return { values: [{ value: 'value_1', label: { en: 'Value 1' } }] };
    case 'reference':
    case 'references':
      return { entity: entity.name };
    case 'computed':
      return { expression: { var: entity.fields[0]?.name ?? '' }, resultType: 'string' };
    default:
      return {};
  }
}

export function newField(entity: EntityDefinition, type: FieldType = 'string'): FieldDefinition {
  const name = uniqueName(
    'new_field',
    entity.fields.map((f) => f.name),
  );
  return { name, type, label: { en: name }, ...typeDefaults(type, entity) } as FieldDefinition;
}

export function addField(entity: EntityDefinition, type: FieldType = 'string'): EntityDefinition {
  return { ...entity, fields: [...entity.fields, newField(entity, type)] };
}

/** The field as another type: common options kept, those the new type does not take dropped. */
export function changeFieldType(entity: EntityDefinition, index: number, type: FieldType): EntityDefinition {
  const field = entity.fields[index];
  const schema = fieldTypeOf(type);
  if (!field || !schema || field.type === type) return entity;
  const kept: Record<string, unknown> = { type };
  for (const [k, v] of Object.entries(field)) {
    if ((COMMON as readonly string[]).includes(k) || k in schema.properties) kept[k] = v;
    if ((k === 'unique' || k === 'index') && schema.indexable) kept[k] = v;
    if (k === 'searchable' && schema.searchable) kept[k] = v;
  }
  const next = { ...typeDefaults(type, entity), ...kept } as unknown as FieldDefinition;
  return { ...entity, fields: entity.fields.map((f, i) => (i === index ? next : f)) };
}

export function updateField(entity: EntityDefinition, index: number, patch: Record<string, unknown>): EntityDefinition {
  const fields = entity.fields.map((f, i) => {
    if (i !== index) return f;
    const next: Record<string, unknown> = { ...f, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    return next as unknown as FieldDefinition;
  });
  return { ...entity, fields };
}

export function moveField(entity: EntityDefinition, from: number, to: number): EntityDefinition {
  if (from === to || !entity.fields[from] || to < 0 || to >= entity.fields.length) return entity;
  const fields = [...entity.fields];
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved!);
  return { ...entity, fields };
}

/** `{"var": "from"}` and `{"var": "from.x"}` read `to` instead; the rest of the JSON as it was. */
export function renameVars(json: unknown, from: string, to: string): unknown {
  const rename = (p: unknown) =>
    typeof p === 'string' && (p === from || p.startsWith(`${from}.`)) ? to + p.slice(from.length) : p;
  if (Array.isArray(json)) return json.map((j) => renameVars(j, from, to));
  if (typeof json !== 'object' || json === null) return json;
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => {
      if (k !== 'var') return [k, renameVars(v, from, to)];
      if (Array.isArray(v)) return [k, [rename(v[0]), ...v.slice(1).map((x) => renameVars(x, from, to))]];
      return [k, typeof v === 'string' ? rename(v) : renameVars(v, from, to)];
    }),
  );
}

/**
 * Renames the field at `index`. A field that already exists in the applied bundle (`isNew`
 * false) records its first name in `renamedFrom`, so the engine plans a column rename rather
 * than a drop and an add; renaming it back to that name removes the mark. Settings naming the
 * old name follow, unless another field still bears it (a name typed on the way to another).
 */
export function renameField(entity: EntityDefinition, index: number, to: string, isNew: boolean): EntityDefinition {
  const target = entity.fields[index];
  if (!target || target.name === to) return entity;
  const from = target.name;
  const fields = entity.fields.map((f, i) => {
    if (i !== index) return f;
    const next: Record<string, unknown> = { ...f, name: to };
    const original = f.renamedFrom ?? (isNew ? undefined : from);
    if (original && original !== to) next.renamedFrom = original;
    else delete next.renamedFrom;
    return next as unknown as FieldDefinition;
  });
  if (entity.fields.some((f, i) => i !== index && f.name === from)) return { ...entity, fields };
  const swap = (n: string) => (n === from ? to : n);
  return {
    ...entity,
    fields: fields.map((f) =>
      f.type === 'computed' ? ({ ...f, expression: renameVars(f.expression, from, to) } as FieldDefinition) : f,
    ),
    ...(entity.displayField && { displayField: swap(entity.displayField) }),
    ...(entity.sequence && { sequence: { ...entity.sequence, field: swap(entity.sequence.field) } }),
    ...(entity.indexes && { indexes: entity.indexes.map((ix) => ({ ...ix, fields: ix.fields.map(swap) })) }),
    ...(entity.searchable && { searchable: entity.searchable.map(swap) }),
    ...(entity.rules && {
      rules: entity.rules.map((r) => ({
        ...r,
        expression: renameVars(r.expression, from, to),
        ...(r.field && { field: swap(r.field) }),
      })),
    }),
  };
}

/** Removes a field and the entity's settings that named it (expressions are left to validation). */
export function removeField(entity: EntityDefinition, index: number): EntityDefinition {
  const name = entity.fields[index]?.name;
  if (name === undefined) return entity;
  const next: EntityDefinition = { ...entity, fields: entity.fields.filter((_, i) => i !== index) };
  if (next.displayField === name) delete next.displayField;
  if (next.sequence?.field === name) delete next.sequence;
  if (next.indexes) {
    next.indexes = next.indexes
      .map((ix) => ({ ...ix, fields: ix.fields.filter((f) => f !== name) }))
      .filter((ix) => ix.fields.length > 0);
    if (!next.indexes.length) delete next.indexes;
  }
  if (next.searchable) {
    next.searchable = next.searchable.filter((f) => f !== name);
    if (!next.searchable.length) delete next.searchable;
  }
  if (next.rules)
    next.rules = next.rules.map((r) => {
      if (r.field !== name) return r;
      const { field: _gone, ...rest } = r;
      return rest;
    });
  return next;
}
