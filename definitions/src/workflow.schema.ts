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
  /** Decisions the record waits for while in this state; their outcome fires a transition. */
  approval?: ApprovalDefinition;
}

/** Who is asked to decide one approval step. */
export interface ApproverRule {
  /** Users holding this role in the record's company. */
  role?: string;
  /** This user id. */
  user?: string;
  /** The user id held by this text field of the record. */
  field?: string;
  /** The manager of the record's creator (or of the user a `field` names). */
  manager?: boolean;
}

export interface ApprovalStepDefinition {
  name: string;
  label: I18nText;
  approvers: ApproverRule;
}

/**
 * Approvals while a record is in a state: `sequential` asks each step in turn, `parallel` asks
 * all steps at once and needs every one, `quorum` asks all and needs `quorum` of them. One
 * approver decides for a step. A rejection (with a comment) fires `onRejected`; the last
 * needed approval fires `onApproved`.
 */
export interface ApprovalDefinition {
  name: string;
  mode: 'sequential' | 'parallel' | 'quorum';
  quorum?: number;
  steps: ApprovalStepDefinition[];
  onApproved: string;
  onRejected: string;
  /** Each pending step sends an `approval.reminder` event this many hours after it opened. */
  reminderHours?: number;
  /** After this many hours a pending step is escalated: an `approval.escalated` event, and optionally a transition. */
  escalation?: { afterHours: number; transition?: string };
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
  /**
   * Named values the guard and its message read as `facts.<name>`: json-logic over
   * `{ record, user, now }` that may count or sum other records (`peak_overlap`, ...).
   */
  facts?: Record<string, unknown>;
  /** json-logic over `{ record, user, now, facts }`; the transition is refused while it is false. */
  guard?: unknown;
  /** Shown when the guard refuses; `{{facts.peak.day}}`, `{{record.title}}` are filled in. */
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
  /**
   * How records still running an earlier version move to this one when it is applied: records
   * of a bundle version matching `from` (a semver range) change state as `states` maps them
   * (a state not listed keeps its name). Records no migration covers keep their version.
   */
  migrations?: WorkflowMigration[];
}

export interface WorkflowMigration {
  from: string;
  states?: Record<string, string>;
}

const name = { type: 'string', pattern: NAME_PATTERN, maxLength: 40 } as const;
const roleRef = { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$', maxLength: 64 } as const;
const hours = { type: 'number', exclusiveMinimum: 0, maximum: 87_600 } as const;

const approvalSchema = {
  type: 'object',
  required: ['name', 'mode', 'steps', 'onApproved', 'onRejected'],
  properties: {
    name,
    mode: { enum: ['sequential', 'parallel', 'quorum'] },
    quorum: { type: 'integer', minimum: 1, maximum: 50 },
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['name', 'label', 'approvers'],
        properties: {
          name,
          label: { $ref: 'opsflux:i18n-text' },
          approvers: {
            type: 'object',
            minProperties: 1,
            properties: {
              role: roleRef,
              user: { type: 'string', format: 'uuid' },
              field: name,
              manager: { type: 'boolean' },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    onApproved: name,
    onRejected: name,
    reminderHours: hours,
    escalation: {
      type: 'object',
      required: ['afterHours'],
      properties: { afterHours: hours, transition: name },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

const migrationsSchema = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    required: ['from'],
    properties: {
      from: { type: 'string', minLength: 1, maxLength: 100 },
      states: {
        type: 'object',
        propertyNames: { pattern: NAME_PATTERN },
        additionalProperties: name,
        maxProperties: 100,
      },
    },
    additionalProperties: false,
  },
} as const;

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
          approval: approvalSchema,
        },
        additionalProperties: false,
      },
    },
    migrations: migrationsSchema,
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
          facts: { type: 'object', propertyNames: { pattern: NAME_PATTERN }, maxProperties: 20 },
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
