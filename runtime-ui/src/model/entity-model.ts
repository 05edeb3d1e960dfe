import type { EntityDefinition, FieldDefinition, Language } from '@opsflux/definitions';
import type { EntityMeta, FieldMeta, ResolvedFormMeta, TransitionMeta, ViewMeta } from '../api/api-types.ts';
import { textIn } from '../i18n/definition-text.ts';

/** One field of an entity as the app draws it: labels in the user's language, what it may do. */
export interface FieldModel {
  name: string;
  type: string;
  label: string;
  description: string | null;
  required: boolean;
  /** Computed, numbered by a sequence, or otherwise filled by the engine. */
  readOnly: boolean;
  sortable: boolean;
  sensitive: boolean;
  values?: { value: string; label: string; color: string | null }[];
  /** `bundle.entity` a reference points at. */
  target?: string;
  /** The definition as written, for what only it says (limits, computed result type...). */
  def?: FieldDefinition;
}

export interface StateModel {
  name: string;
  label: string;
  color: string | null;
  category: string | null;
  initial: boolean;
  final: boolean;
}

export interface EntityModel {
  key: string;
  bundle: string;
  name: string;
  title: string;
  pluralTitle: string;
  displayField: string | null;
  fields: FieldModel[];
  field(name: string): FieldModel | undefined;
  /** Columns every record has (`created_at`, `state`...), with labels. */
  systemFields: { name: string; label: string; type: string }[];
  /** Null when no workflow governs the entity. */
  states: StateModel[] | null;
  transitions: TransitionMeta[];
  views: ViewMeta[];
  forms: ResolvedFormMeta[];
  /** Whether full-text search (`q`) works on it. */
  searchable: boolean;
  sequenceField: string | null;
  definition: EntityDefinition;
  /** JSON Schema of what a client may write (each field nullable unless required). */
  inputSchema: Record<string, unknown>;
  /** JSON Schema of a record as the API returns it, read-only fields included. */
  recordSchema: Record<string, unknown>;
}

/** Labels of system columns when the engine does not send them: the app's own words. */
export type SystemLabels = Record<'created_at' | 'updated_at' | 'state', string>;

const SYSTEM_SORTABLE = ['id', 'created_at', 'updated_at'];

/** `entity` of `bundle`, or `other.entity` as written. */
const targetOf = (bundle: string, ref: string) => (ref.includes('.') ? ref : `${bundle}.${ref}`);

/** What the definition says when the engine did not describe the fields itself. */
function fieldsFromDefinition(def: EntityDefinition, bundle: string, lang: Language): FieldMeta[] {
  const sortable = new Set<string>(SYSTEM_SORTABLE);
  for (const f of def.fields) if (f.unique || f.index || f.type === 'reference') sortable.add(f.name);
  for (const ix of def.indexes ?? []) if (ix.fields[0]) sortable.add(ix.fields[0]);
  if (def.sequence) sortable.add(def.sequence.field);
  return def.fields.map((f) => ({
    name: f.name,
    type: f.type,
    label: textIn(f.label, lang, f.name),
    description: f.description ? textIn(f.description, lang) : null,
    required: f.required === true,
    readOnly: f.type === 'computed' || def.sequence?.field === f.name,
    sortable: sortable.has(f.name),
    sensitive: f.sensitive === true,
    ...(f.type === 'enum' && {
      values: f.values.map((v) => ({ value: v.value, label: textIn(v.label, lang, v.value), color: v.color ?? null })),
    }),
    ...((f.type === 'reference' || f.type === 'references') && { target: targetOf(bundle, f.entity) }),
  }));
}

/** The app's view of an entity, from the engine's metadata (or the bare definition of older engines). */
export function entityModel(meta: EntityMeta, lang: Language, system: SystemLabels): EntityModel {
  const def = meta.definition;
  const defs = new Map(def.fields.map((f) => [f.name, f]));
  const fields: FieldModel[] = (meta.fields ?? fieldsFromDefinition(def, meta.bundle, lang)).map((f) => ({
    name: f.name,
    type: f.type,
    label: f.label,
    description: f.description ?? null,
    required: f.required === true,
    readOnly: f.readOnly === true,
    sortable: f.sortable === true,
    sensitive: f.sensitive === true,
    ...(f.values && { values: f.values.map((v) => ({ ...v, color: v.color ?? null })) }),
    ...(f.target && { target: f.target }),
    def: defs.get(f.name),
  }));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const hasState = !!meta.workflow || !!meta.schema.properties?.state;
  const states =
    meta.workflow?.states.map((s) => ({
      name: s.name,
      label: textIn(s.label, lang, s.name),
      color: s.color ?? null,
      category: s.category ?? null,
      initial: s.initial === true,
      final: s.final === true,
    })) ??
    (hasState
      ? ((meta.schema.properties?.state?.enum as string[] | undefined) ?? []).map((name) => ({
          name,
          label: name,
          color: null,
          category: null,
          initial: false,
          final: false,
        }))
      : null);
  const systemFields = meta.systemFields ?? [
    ...(hasState ? [{ name: 'state', label: system.state, type: 'state' }] : []),
    { name: 'created_at', label: system.created_at, type: 'datetime' },
    { name: 'updated_at', label: system.updated_at, type: 'datetime' },
  ];
  return {
    key: `${meta.bundle}.${meta.name}`,
    bundle: meta.bundle,
    name: meta.name,
    title: meta.title ?? textIn(def.label, lang, meta.name),
    pluralTitle: meta.pluralTitle ?? textIn(def.pluralLabel, lang, meta.name),
    displayField: meta.displayField ?? def.displayField ?? null,
    fields,
    field: (name) => byName.get(name),
    systemFields,
    states,
    transitions: meta.workflow?.transitions ?? [],
    views: meta.views ?? [],
    forms: meta.forms ?? [],
    searchable: def.fields.some((f) => f.searchable) || (def.searchable?.length ?? 0) > 0,
    sequenceField: def.sequence?.field ?? null,
    definition: def,
    inputSchema: meta.inputSchema,
    recordSchema: meta.schema,
  };
}

/** What to call a record: its display field, else its sequence number, else a short id. */
export function recordTitle(model: EntityModel, record: Record<string, unknown> | undefined): string {
  if (!record) return '';
  for (const name of [model.displayField, model.sequenceField]) {
    const v = name ? record[name] : undefined;
    if (v !== undefined && v !== null && v !== '') return String(v);
  }
  const id = typeof record.id === 'string' ? record.id : '';
  return id.slice(0, 8);
}
