import type { I18nText } from './i18n.ts';
import { NAME_PATTERN, QUALIFIED_NAME_PATTERN } from './names.ts';
import { byType } from './by-type.ts';

/**
 * A form is a JSON Forms UI schema (https://jsonforms.io/docs/uischema) over an entity's record
 * schema, with labels in several languages. The engine serves it with the labels resolved to
 * the reader's language, so the apps hand it to JSON Forms as it is.
 */

/** Shows, hides, enables or disables an element while a field's value matches `schema`. */
export interface FormRule {
  effect: 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';
  condition: {
    /** `#/properties/<field>` */
    scope: string;
    /** A JSON Schema the field's value is checked against, e.g. `{ "const": "urgent" }`. */
    schema: Record<string, unknown>;
    failWhenUndefined?: boolean;
  };
}

interface ElementBase {
  rule?: FormRule;
}

export interface ControlElement extends ElementBase {
  type: 'Control';
  /** `#/properties/<field>` */
  scope: string;
  /** Replaces the field's label in this form. */
  label?: I18nText;
  /** JSON Forms options (`multi`, `readonly`, `format`...). */
  options?: Record<string, unknown>;
}

export interface LayoutElement extends ElementBase {
  type: 'VerticalLayout' | 'HorizontalLayout';
  elements: FormElement[];
}

export interface GroupElement extends ElementBase {
  type: 'Group';
  label: I18nText;
  elements: FormElement[];
}

export interface LabelElement extends ElementBase {
  type: 'Label';
  text: I18nText;
}

/** A tab, or a wizard step when the form is a wizard. */
export interface CategoryElement extends ElementBase {
  type: 'Category';
  label: I18nText;
  elements: FormElement[];
}

export interface CategorizationElement extends ElementBase {
  type: 'Categorization';
  label?: I18nText;
  elements: CategoryElement[];
}

/**
 * The records of another entity that point at this one through a reference field (the person's
 * certificates), listed read-only under the form with links to them. Not a field: nothing of it
 * is saved with the record.
 */
export interface RelatedElement extends ElementBase {
  type: 'Related';
  /** `<entity>` of this bundle or `<bundle>.<entity>` of a dependency. */
  entity: string;
  /** The reference (or references) field of that entity that points at the form's entity. */
  field: string;
  /** Defaults to the related entity's plural label. */
  label?: I18nText;
  /** Fields of the related entity shown as columns; its display field when absent. */
  columns?: string[];
  /** Records listed at most, 1 to 50 (10 when absent); the list links to all of them. */
  limit?: number;
}

/** What a layout holds; a Category only ever sits in a Categorization. */
export type FormElement =
  ControlElement | LayoutElement | GroupElement | LabelElement | CategorizationElement | RelatedElement;
/** Any node of a layout tree, for code that walks one. */
export type AnyFormElement = FormElement | CategoryElement;

export interface FormDefinition {
  $schema?: string;
  name: string;
  /** `<entity>` of this bundle or `<bundle>.<entity>` of a dependency. */
  entity: string;
  label?: I18nText;
  description?: I18nText;
  layout: FormElement;
  /** The layout is a Categorization whose categories are steps, filled one after the other. */
  wizard?: boolean;
  /** Another layout while the record is in one of these workflow states. */
  variants?: Record<string, FormElement>;
}

export const FORM_EFFECTS = ['SHOW', 'HIDE', 'ENABLE', 'DISABLE'] as const;
export const SCOPE_PATTERN = '^#/properties/[a-z][a-z0-9_]*$';

const scope = { type: 'string', pattern: SCOPE_PATTERN, maxLength: 100 } as const;
const text = { $ref: 'opsflux:i18n-text' } as const;
const elements = { type: 'array', minItems: 1, maxItems: 200, items: { $ref: '#/$defs/element' } } as const;

const rule = {
  type: 'object',
  required: ['effect', 'condition'],
  properties: {
    effect: { enum: [...FORM_EFFECTS] },
    condition: {
      type: 'object',
      required: ['scope', 'schema'],
      properties: { scope, schema: { type: 'object' }, failWhenUndefined: { type: 'boolean' } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

const element = (type: string, required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  required: ['type', ...required],
  properties: { type: { const: type }, rule, ...properties },
  additionalProperties: false,
});

const category = element('Category', ['label', 'elements'], { label: text, elements });

export const formSchema = {
  $id: 'opsflux:form',
  type: 'object',
  description: 'A JSON Forms UI schema for an entity: layouts, groups, categories, wizard steps, rules',
  required: ['name', 'entity', 'layout'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: NAME_PATTERN, maxLength: 40 },
    entity: { type: 'string', pattern: QUALIFIED_NAME_PATTERN, maxLength: 64 },
    label: text,
    description: text,
    layout: { $ref: '#/$defs/element' },
    wizard: { type: 'boolean' },
    variants: {
      type: 'object',
      propertyNames: { pattern: NAME_PATTERN },
      additionalProperties: { $ref: '#/$defs/element' },
      maxProperties: 100,
    },
  },
  additionalProperties: false,
  $defs: {
    element: byType({
      Control: element('Control', ['scope'], {
        scope,
        label: text,
        options: { type: 'object', maxProperties: 30 },
      }),
      VerticalLayout: element('VerticalLayout', ['elements'], { elements }),
      HorizontalLayout: element('HorizontalLayout', ['elements'], { elements }),
      Group: element('Group', ['label', 'elements'], { label: text, elements }),
      Label: element('Label', ['text'], { text }),
      Related: element('Related', ['entity', 'field'], {
        entity: { type: 'string', pattern: QUALIFIED_NAME_PATTERN, maxLength: 64 },
        field: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
        label: text,
        columns: {
          type: 'array',
          minItems: 1,
          maxItems: 8,
          uniqueItems: true,
          items: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
        },
        limit: { type: 'integer', minimum: 1, maximum: 50 },
      }),
      Categorization: element('Categorization', ['elements'], {
        label: text,
        elements: { type: 'array', minItems: 1, maxItems: 50, items: category },
      }),
    }),
  },
} as const;
