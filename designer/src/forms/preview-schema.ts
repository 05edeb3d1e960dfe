import {
  pickText,
  type AnyFormElement,
  type EntityDefinition,
  type FieldDefinition,
  type Language,
} from '@opsflux/definitions';
import {
  buildSchema,
  pruneUiSchema,
  withDateFormats,
  type JsonSchema,
  type UiElement,
} from '@opsflux/runtime-ui/form-schema';

/** The runtime UI's entity model, as its schema builder takes it. */
type EntityModel = Parameters<typeof buildSchema>[0];

/** A field's value schema, as the engine's input schema writes it (what a client may send). */
export function fieldSchema(f: FieldDefinition): JsonSchema {
  switch (f.type) {
    case 'string':
      return {
        type: 'string',
        maxLength: f.maxLength ?? 255,
        ...(f.minLength !== undefined && { minLength: f.minLength }),
        ...(f.pattern && { pattern: f.pattern }),
      };
    case 'text':
      return {
        type: 'string',
        ...(f.minLength !== undefined && { minLength: f.minLength }),
        ...(f.maxLength !== undefined && { maxLength: f.maxLength }),
      };
    case 'integer':
    case 'decimal':
      return {
        type: f.type === 'integer' ? 'integer' : 'number',
        ...(f.min !== undefined && { minimum: f.min }),
        ...(f.max !== undefined && { maximum: f.max }),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', format: 'time' };
    case 'enum':
      return { type: 'string', enum: f.values.map((v) => v.value) };
    case 'email':
      return { type: 'string', format: 'email', ...(f.maxLength !== undefined && { maxLength: f.maxLength }) };
    case 'url':
      return { type: 'string', format: 'uri', ...(f.maxLength !== undefined && { maxLength: f.maxLength }) };
    case 'phone':
      return { type: 'string', ...(f.maxLength !== undefined && { maxLength: f.maxLength }) };
    case 'reference':
      return { type: 'string' };
    case 'references':
      return { type: 'array', items: { type: 'string' } };
    case 'json':
      return {};
    case 'geopoint':
      return { type: 'object', properties: { latitude: { type: 'number' }, longitude: { type: 'number' } } };
    case 'computed':
      return {
        type: { string: 'string', integer: 'integer', decimal: 'number', boolean: 'boolean', date: 'string' }[
          f.resultType
        ],
      };
  }
}

/**
 * The runtime UI's model of a draft entity, so the preview draws it with the very code records
 * are drawn with. References show as plain ids: the draft's targets may not exist yet.
 */
export function previewModel(entity: EntityDefinition, bundle: string, lang: Language): EntityModel {
  const readOnly = (f: FieldDefinition) => f.type === 'computed' || entity.sequence?.field === f.name;
  const fields = entity.fields.map((f) => ({
    name: f.name,
    type: f.type,
    label: pickText(f.label, lang) || f.name,
    description: f.description ? pickText(f.description, lang) : null,
    required: f.required === true,
    readOnly: readOnly(f),
    sortable: false,
    sensitive: f.sensitive === true,
    ...(f.type === 'enum' && {
      values: f.values.map((v) => ({
        value: v.value,
        label: pickText(v.label, lang) || v.value,
        color: v.color ?? null,
      })),
    }),
    def: f,
  }));
  const props = (list: FieldDefinition[]) => Object.fromEntries(list.map((f) => [f.name, fieldSchema(f)]));
  const byName = new Map(fields.map((f) => [f.name, f]));
  return {
    key: `${bundle}.${entity.name}`,
    bundle,
    name: entity.name,
    title: pickText(entity.label, lang) || entity.name,
    pluralTitle: pickText(entity.pluralLabel, lang) || entity.name,
    displayField: entity.displayField ?? null,
    fields,
    field: (name) => byName.get(name),
    systemFields: [],
    states: null,
    transitions: [],
    views: [],
    forms: [],
    searchable: false,
    sequenceField: entity.sequence?.field ?? null,
    definition: entity,
    inputSchema: { type: 'object', properties: props(entity.fields.filter((f) => !readOnly(f))) },
    recordSchema: { type: 'object', properties: props(entity.fields) },
  };
}

const TEXT_KEYS = ['label', 'text'] as const;

/** The layout with its labels in `lang`, as the engine serves a form to a reader. */
export function localizeLayout(el: AnyFormElement, lang: Language): UiElement {
  const out: Record<string, unknown> = { ...el };
  for (const k of TEXT_KEYS) {
    const v = out[k];
    if (v && typeof v === 'object') out[k] = pickText(v as Record<string, string>, lang);
  }
  if ('elements' in el) out.elements = el.elements.map((c) => localizeLayout(c, lang));
  return out as UiElement;
}

export interface Preview {
  schema: JsonSchema;
  uischema: UiElement | null;
}

/** What JSON Forms draws for a layout of an entity, in one language. */
export function previewForm(
  entity: EntityDefinition,
  bundle: string,
  layout: AnyFormElement,
  lang: Language,
  texts: { computed: string; assignedOnSave: string },
): Preview {
  const schema = buildSchema(previewModel(entity, bundle, lang), { mode: 'edit', texts });
  const pruned = pruneUiSchema(localizeLayout(layout, lang), schema);
  return { schema, uischema: pruned && withDateFormats(pruned, schema, lang) };
}
