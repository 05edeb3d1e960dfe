import type { I18nText } from './i18n.ts';
import { NAME_PATTERN } from './names.ts';

/** What a state means for lists, dashboards and SLA clocks. */
export const STATE_CATEGORIES = ['draft', 'active', 'done', 'cancelled'] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

export interface StateDefinition {
  name: string;
  label: I18nText;
  /** Where every new record starts; exactly one state is initial. */
  initial?: boolean;
  /** No transition leaves a final state. */
  final?: boolean;
  category: StateCategory;
  /** How long a record should stay here, in hours (escalations arrive with automations). */
  slaHours?: number;
  /** A CSS color for chips and kanban columns. */
  color?: string;
}

export interface TransitionDefinition {
  name: string;
  label: I18nText;
  /** States it may be fired from. */
  from: string[];
  to: string;
  /**
   * Who may fire it, besides holding the `transition:<name>` grant: any of these roles
   * (`<bundle>.<role>` or a role of this bundle), the record's creator, or the user a reference
   * field names. None given: whoever holds the grant.
   */
  roles?: string[];
  owner?: boolean;
  userField?: string;
  /** json-logic over `{ record, user, now }`; the transition is refused while it is false. */
  guard?: unknown;
  guardMessage?: I18nText;
  /** Fields that must hold a value once the transition is done (it may set them). */
  requiredFields?: string[];
  commentRequired?: boolean;
}

/** A workflow governs one entity's `state` column. */
export interface WorkflowDefinition {
  $schema?: string;
  name: string;
  entity: string;
  label?: I18nText;
  states: StateDefinition[];
  transitions: TransitionDefinition[];
}

const name = { type: 'string', pattern: NAME_PATTERN, maxLength: 40 } as const;
const roleRef = { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$', maxLength: 64 } as const;

export const workflowSchema = {
  $id: 'opsflux:workflow',
  type: 'object',
  description: "The states of an entity's records and the transitions between them",
  required: ['name', 'entity', 'states', 'transitions'],
  properties: {
    $schema: { type: 'string' },
    name,
    entity: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
    label: { $ref: 'opsflux:i18n-text' },
    states: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['name', 'label', 'category'],
        properties: {
          name,
          label: { $ref: 'opsflux:i18n-text' },
          initial: { type: 'boolean' },
          final: { type: 'boolean' },
          category: { enum: [...STATE_CATEGORIES] },
          slaHours: { type: 'number', exclusiveMinimum: 0, maximum: 87_600 },
          color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
        },
        additionalProperties: false,
      },
    },
    transitions: {
      type: 'array',
      maxItems: 300,
      items: {
        type: 'object',
        required: ['name', 'label', 'from', 'to'],
        properties: {
          name,
          label: { $ref: 'opsflux:i18n-text' },
          from: { type: 'array', items: name, minItems: 1, uniqueItems: true },
          to: name,
          roles: { type: 'array', items: roleRef, uniqueItems: true, maxItems: 50 },
          owner: { type: 'boolean' },
          userField: name,
          guard: {},
          guardMessage: { $ref: 'opsflux:i18n-text' },
          requiredFields: { type: 'array', items: name, uniqueItems: true, maxItems: 200 },
          commentRequired: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
