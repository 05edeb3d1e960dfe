import type { EntityModel, FieldModel } from '../model/entity-model.ts';

/**
 * The JSON Schema and UI schema JSON Forms draws a record with. The schema is the engine's input
 * schema (what a client may write) with labels, the read-only fields added from the record
 * schema, and hints our renderers read (`x-enum`, `x-reference`). Pure, so it is tested alone.
 */

export type JsonSchema = Record<string, unknown>;
export type UiElement = Record<string, unknown> & { type: string; elements?: UiElement[]; scope?: string };

export type FormMode = 'create' | 'edit';

export interface SchemaOptions {
  mode: FormMode;
  /** Fields the user may not read (absent from records): left out of the form. */
  hidden?: readonly string[];
  /** Fields the user may not change on this record. */
  readonly?: readonly string[];
  /** Helper texts of read-only fields. */
  texts: { computed: string; assignedOnSave: string };
}

const PREFIX = '#/properties/';
/** Field types whose input takes a whole row. */
const WIDE = new Set(['text', 'json', 'references', 'geopoint']);

/** A value schema without `null` among its types: JSON Forms picks renderers by type. */
function withoutNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    return { ...schema, type: rest.length === 1 ? rest[0] : rest };
  }
  return schema;
}

const properties = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;

/** A computed field the browser can work out as the user types: its definition carries the expression. */
const liveComputed = (f: FieldModel) => f.type === 'computed' && f.def?.type === 'computed' && !!f.def.expression;

/**
 * Fields the form shows in this mode: a new record has no sequence number yet, nor a computed
 * value the browser cannot work out itself.
 */
export function formFields(model: EntityModel, options: Pick<SchemaOptions, 'mode' | 'hidden'>): FieldModel[] {
  const hidden = new Set(options.hidden ?? []);
  return model.fields.filter(
    (f) => !hidden.has(f.name) && !(options.mode === 'create' && f.readOnly && !liveComputed(f)),
  );
}

export function buildSchema(model: EntityModel, options: SchemaOptions): JsonSchema {
  const input = properties(model.inputSchema);
  const record = properties(model.recordSchema);
  const locked = new Set(options.readonly ?? []);
  const props: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const f of formFields(model, options)) {
    const source = input[f.name] ?? record[f.name] ?? {};
    const readOnly = f.readOnly || !input[f.name] || (options.mode === 'edit' && locked.has(f.name));
    const s: JsonSchema = { ...withoutNull(source), title: f.label };
    delete s.readOnly;
    if (f.description) s.description = f.description;
    if (readOnly) {
      s.readOnly = true;
      if (f.readOnly) s.description = f.type === 'computed' ? options.texts.computed : options.texts.assignedOnSave;
    }
    if (f.values) s['x-enum'] = f.values;
    if (f.type === 'reference' && f.target) s['x-reference'] = f.target;
    if (f.type === 'references' && f.target) s['x-references'] = f.target;
    if (f.type === 'json') s['x-json'] = true;
    if (f.type === 'geopoint') s['x-geopoint'] = true;
    if (f.def?.type === 'decimal') s['x-decimal'] = { scale: f.def.scale ?? 2 };
    if (f.def?.type === 'computed' && liveComputed(f)) {
      s['x-computed'] = { expression: f.def.expression, resultType: f.def.resultType };
    }
    if (f.required && !readOnly) required.push(f.name);
    props[f.name] = s;
  }
  return { type: 'object', properties: props, ...(required.length && { required }) };
}

/** Two short fields to a row, a wide one alone: the engine's default form, for older engines. */
export function defaultUiSchema(fields: FieldModel[]): UiElement {
  const rows: UiElement[] = [];
  let pair: UiElement[] = [];
  const control = (f: FieldModel): UiElement => ({
    type: 'Control',
    scope: `${PREFIX}${f.name}`,
    ...(f.type === 'text' && { options: { multi: true } }),
  });
  const flush = () => {
    if (pair.length === 1) rows.push(pair[0]!);
    if (pair.length === 2) rows.push({ type: 'HorizontalLayout', elements: pair });
    pair = [];
  };
  for (const f of fields) {
    if (WIDE.has(f.type)) {
      flush();
      rows.push(control(f));
    } else {
      pair.push(control(f));
      if (pair.length === 2) flush();
    }
  }
  flush();
  return { type: 'VerticalLayout', elements: rows };
}

/**
 * The layout without controls of fields the schema lacks (hidden from this user, or a new
 * record's read-only fields), and without layouts those leave empty.
 */
export function pruneUiSchema(el: UiElement, schema: JsonSchema): UiElement | null {
  const props = properties(schema);
  if (el.type === 'Control') {
    const name = typeof el.scope === 'string' && el.scope.startsWith(PREFIX) ? el.scope.slice(PREFIX.length) : '';
    return props[name] ? el : null;
  }
  if (!el.elements) return el;
  const elements = el.elements.map((c) => pruneUiSchema(c, schema)).filter((c): c is UiElement => c !== null);
  return elements.length ? { ...el, elements } : null;
}

/** How dates read in the user's language (dayjs tokens), for JSON Forms' date pickers. */
export const DATE_FORMATS: Record<string, { date: string; dateTime: string }> = {
  en: { date: 'YYYY-MM-DD', dateTime: 'YYYY-MM-DD HH:mm' },
  fr: { date: 'DD/MM/YYYY', dateTime: 'DD/MM/YYYY HH:mm' },
  es: { date: 'DD/MM/YYYY', dateTime: 'DD/MM/YYYY HH:mm' },
  pt: { date: 'DD/MM/YYYY', dateTime: 'DD/MM/YYYY HH:mm' },
};

/** Date and time controls shown in the user's format, unless the form chose one. */
export function withDateFormats(el: UiElement, schema: JsonSchema, lang: string): UiElement {
  const formats = DATE_FORMATS[lang] ?? DATE_FORMATS.en!;
  if (el.type === 'Control' && typeof el.scope === 'string') {
    const format = properties(schema)[el.scope.slice(PREFIX.length)]?.format;
    const key = format === 'date' ? 'dateFormat' : format === 'date-time' ? 'dateTimeFormat' : null;
    if (!key) return el;
    const options = (el.options ?? {}) as Record<string, unknown>;
    return options[key]
      ? el
      : { ...el, options: { ...options, [key]: key === 'dateFormat' ? formats.date : formats.dateTime } };
  }
  return el.elements ? { ...el, elements: el.elements.map((c) => withDateFormats(c, schema, lang)) } : el;
}

/** The form's layout: the engine's form for the record's state (or its main one), else a generated one. */
export function chooseUiSchema(model: EntityModel, schema: JsonSchema, mode: FormMode, state?: string): UiElement {
  const form = model.forms.find((f) => !f.default) ?? model.forms[0];
  const layout = (state && form?.variants?.[state]) || form?.uischema;
  const fields = model.fields.filter((f) => properties(schema)[f.name]);
  const fallback = defaultUiSchema(
    mode === 'edit' ? [...fields.filter((f) => f.readOnly), ...fields.filter((f) => !f.readOnly)] : fields,
  );
  const pruned = layout ? pruneUiSchema(layout as UiElement, schema) : null;
  if (!pruned) return fallback;
  // The engine's own form lists only writable fields: its computed ones are shown after them.
  return form?.default && !(state && form.variants?.[state]) ? withComputed(pruned, model, schema) : pruned;
}

function scopes(el: UiElement, out = new Set<string>()): Set<string> {
  if (typeof el.scope === 'string') out.add(el.scope);
  el.elements?.forEach((c) => scopes(c, out));
  return out;
}

/** The layout with a control for each computed field of the schema it does not place. */
function withComputed(layout: UiElement, model: EntityModel, schema: JsonSchema): UiElement {
  const placed = scopes(layout);
  const missing = model.fields
    .filter((f) => f.type === 'computed' && properties(schema)[f.name] && !placed.has(`${PREFIX}${f.name}`))
    .map((f): UiElement => ({ type: 'Control', scope: `${PREFIX}${f.name}` }));
  if (!missing.length) return layout;
  return layout.type === 'VerticalLayout'
    ? { ...layout, elements: [...(layout.elements ?? []), ...missing] }
    : { type: 'VerticalLayout', elements: [layout, ...missing] };
}

/** The record's values the form edits: only its fields, without nulls (JSON Forms reads absent as empty). */
export function formData(schema: JsonSchema, record: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(properties(schema))) {
    const v = record?.[name];
    if (v !== null && v !== undefined) out[name] = v;
  }
  // Rules may read the workflow state; it is shown, never sent (not a property of the schema).
  if (typeof record?.state === 'string') out.state = record.state;
  return out;
}

/** Defaults the definition gives, for a new record. */
export function defaults(model: EntityModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of model.fields) if (f.def?.default !== undefined && !f.readOnly) out[f.name] = f.def.default;
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The writable values that differ from `base`; a cleared field is sent as null. */
export function changedValues(
  schema: JsonSchema,
  base: Record<string, unknown>,
  current: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(properties(schema))) {
    if (s.readOnly) continue;
    const v = current[name] === '' ? undefined : current[name];
    if (!same(base[name], v)) out[name] = v ?? null;
  }
  return out;
}
