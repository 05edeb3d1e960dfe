import { pickText, type AnyFormElement, type Language, type RelatedElement } from '@opsflux/definitions';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import type { CompiledForm } from './compile-ui.ts';
import { columnLabel } from './labels.ts';

/** A JSON Forms UI schema element, labels as plain text. */
export type UiSchemaElement = Record<string, unknown> & { type: string };

/** A form as the apps read it: JSON Forms UI schemas ready to render, in the reader's language. */
export interface ResolvedForm {
  key: string;
  bundle: string;
  name: string;
  entity: string;
  label: string;
  description: string | null;
  /** Made by the engine: the entity's bundles ship no form for it. */
  default: boolean;
  wizard: boolean;
  uischema: UiSchemaElement;
  /** Another UI schema while the record is in one of these states. */
  variants: Record<string, UiSchemaElement>;
}

const PREFIX = '#/properties/';

export function resolveForm(
  form: CompiledForm,
  entity: CompiledEntity,
  lang: Language,
  entities: Registry['entities'] = new Map(),
): ResolvedForm {
  const d = form.def;
  const wizard = d.wizard === true;
  const ui = (layout: AnyFormElement) => toUiSchema(layout, { entity, lang, wizard, bundle: form.bundle, entities });
  return {
    key: form.key,
    bundle: form.bundle,
    name: form.name,
    entity: form.entity,
    label: pickText(d.label ?? entity.def.label, lang),
    description: d.description ? pickText(d.description, lang) : null,
    default: form.isDefault,
    wizard,
    uischema: ui(d.layout),
    variants: Object.fromEntries(Object.entries(d.variants ?? {}).map(([state, layout]) => [state, ui(layout)])),
  };
}

interface Resolving {
  entity: CompiledEntity;
  lang: Language;
  wizard: boolean;
  /** The form's bundle: an unqualified related entity is one of it. */
  bundle: string;
  entities: Registry['entities'];
}

/**
 * JSON Forms reads plain labels: each is taken in `lang`; a control without one gets its field's.
 * Long texts get a multi-line input, and a wizard's categorization JSON Forms' stepper.
 */
function toUiSchema(el: AnyFormElement, r: Resolving): UiSchemaElement {
  const { entity, lang, wizard } = r;
  const out: UiSchemaElement = { type: el.type };
  if (el.type === 'Related') Object.assign(out, related(el, r));
  if (el.type === 'Control') {
    const field = el.scope.slice(PREFIX.length);
    out.scope = el.scope;
    out.label = el.label ? pickText(el.label, lang) : columnLabel(entity, field, lang);
    const multi = entity.fields.get(field)?.def.type === 'text' ? { multi: true } : {};
    const options = { ...multi, ...el.options };
    if (Object.keys(options).length) out.options = options;
  }
  if ('label' in el && el.label && el.type !== 'Control' && el.type !== 'Related') out.label = pickText(el.label, lang);
  if (el.type === 'Label') out.text = pickText(el.text, lang);
  if (el.type === 'Categorization' && wizard) out.options = { variant: 'stepper', showNavButtons: true };
  if ('elements' in el) out.elements = el.elements.map((c: AnyFormElement) => toUiSchema(c, r));
  if (el.rule) out.rule = el.rule;
  return out;
}

/** A related-records element: the entity by its key, labels in the reader's language. */
function related(el: RelatedElement, r: Resolving) {
  const key = el.entity.includes('.') ? el.entity : `${r.bundle}.${el.entity}`;
  const other = r.entities.get(key);
  const display = other?.def.displayField;
  const columns = el.columns ?? (display ? [display] : ['id']);
  return {
    entity: key,
    field: el.field,
    label: el.label ? pickText(el.label, r.lang) : other ? pickText(other.def.pluralLabel, r.lang) : key,
    columns: columns.map((c) => ({ field: c, label: other ? columnLabel(other, c, r.lang) : c })),
    limit: el.limit ?? 10,
  };
}
