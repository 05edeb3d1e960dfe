import type { I18nText } from './i18n.ts';
import { NAME_PATTERN } from './names.ts';
import { byType } from './by-type.ts';

/** Events of a record that can start an automation. */
export const RECORD_TRIGGERS = ['record.created', 'record.updated', 'record.deleted', 'record.restored'] as const;
/** Events of an approval that can start an automation. */
export const APPROVAL_TRIGGERS = [
  'approval.requested',
  'approval.decided',
  'approval.reminder',
  'approval.escalated',
] as const;

export type Trigger =
  | { type: (typeof RECORD_TRIGGERS)[number] }
  /** A field changed; `from` / `to` narrow it to those values. */
  | { type: 'field.changed'; field: string; from?: unknown; to?: unknown }
  /** A transition was fired (any, or the named one, or any reaching `to`). */
  | { type: 'transition'; transition?: string; to?: string }
  | { type: (typeof APPROVAL_TRIGGERS)[number]; approval?: string; decision?: 'approved' | 'rejected' }
  /** A cron expression (5 fields, or 6 with seconds) read in `timezone` (IANA, UTC by default). */
  | { type: 'schedule'; cron: string; timezone?: string }
  /**
   * A date relative to a date field of each record: `offsetDays` -30 is 30 days before it. Fires
   * once per record and date value, at `at` (HH:MM, 08:00 by default) in `timezone`.
   */
  | { type: 'date'; field: string; offsetDays: number; at?: string; timezone?: string }
  /**
   * A POST to `/api/v1/hooks/<bundle>/<automation>`, signed with HMAC-SHA256 with the secret held
   * by the environment variable `secretEnv`; the body (JSON, XML or form) is the event.
   */
  | { type: 'webhook'; secretEnv: string };

/** Who receives a notification or an e-mail: the union of what is given. */
export interface Recipients {
  /** User ids. */
  users?: string[];
  /** Users holding any of these roles in the record's company. */
  roles?: string[];
  /** The user ids held by these text fields of the record. */
  fields?: string[];
  /** The record's creator. */
  creator?: boolean;
  /** The manager of the record's creator. */
  creatorManager?: boolean;
  /** Whoever acted (fired the transition, decided). */
  actor?: boolean;
  /** The approvers awaited by the approval step of the event, and their delegates. */
  approvers?: boolean;
  /** The managers of those approvers: the next level, for escalations. */
  approversManagers?: boolean;
  /** Plain addresses (e-mail only). */
  emails?: string[];
}

/** A value: a literal, or a json-logic expression over the event (`{"var": "record.site"}`). */
export type ValueExpression = unknown;

export type AutomationAction =
  | {
      type: 'notify';
      to: Recipients;
      /** Handlebars over the event: `{{record.reference}} is waiting for you`. */
      title: I18nText;
      message?: I18nText;
      category?: string;
      /** 0 low … 3 urgent. */
      priority?: 0 | 1 | 2 | 3;
      /** A path in the apps; `{{…}}` allowed. Defaults to the record. */
      link?: string;
      /** Offer the approval decision buttons (Approve / Reject) of the event's step. */
      decisionButtons?: boolean;
    }
  | { type: 'email'; to: Recipients; template: string; category?: string }
  | {
      type: 'webhook';
      /** The URL, or the name of the environment variable holding it (a Slack URL is a secret). */
      url?: string;
      urlEnv?: string;
      /** Signs the body with HMAC-SHA256 (`x-opsflux-signature`) using this environment variable's value. */
      secretEnv?: string;
      /** `json`: the event; `slack` / `teams`: a `{ "text": … }` message rendered from `text`. */
      format?: 'json' | 'slack' | 'teams';
      text?: I18nText;
    }
  | { type: 'create'; entity: string; values: Record<string, ValueExpression> }
  /** Updates the record, or the record a reference field of it points to. */
  | { type: 'update'; target?: string; values: Record<string, ValueExpression> }
  | { type: 'transition'; transition: string; target?: string; comment?: string }
  | { type: 'plugin'; action: string; params?: Record<string, ValueExpression> };

export interface AutomationDefinition {
  $schema?: string;
  name: string;
  label?: I18nText;
  description?: I18nText;
  /** Off: kept, not run. */
  enabled?: boolean;
  /** The entity whose events it listens to (not needed for schedules and webhooks). */
  entity?: string;
  trigger: Trigger;
  /** json-logic over the event: `{ record, before, changes, transition, approval, body, now }`. */
  condition?: unknown;
  actions: AutomationAction[];
  /** Wait this long after the event; the condition is read again then, on the current record. */
  delayMinutes?: number;
  /** Gather events: the actions run once per `size` events or `windowMinutes`, with `events`. */
  batch?: { size: number; windowMinutes: number };
  /** Run again every `everyMinutes` while the condition holds, at most `maxTimes`. */
  repeat?: { everyMinutes: number; maxTimes?: number };
  /** Retries after a failure, with a doubling delay (3 by default). */
  retries?: number;
}

const name = { type: 'string', pattern: NAME_PATTERN, maxLength: 40 } as const;
const entityRef = { type: 'string', pattern: '^([a-z][a-z0-9]*\\.)?[a-z][a-z0-9_]*$', maxLength: 64 } as const;
const envName = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' } as const;
const text = { $ref: 'opsflux:i18n-text' } as const;
const strings = (max: number) => ({ type: 'array', items: { type: 'string', maxLength: 128 }, maxItems: max });
const values = {
  type: 'object',
  propertyNames: { pattern: NAME_PATTERN },
  maxProperties: 200,
} as const;

const recipients = {
  type: 'object',
  minProperties: 1,
  properties: {
    users: strings(100),
    roles: strings(50),
    fields: strings(20),
    creator: { type: 'boolean' },
    creatorManager: { type: 'boolean' },
    actor: { type: 'boolean' },
    approvers: { type: 'boolean' },
    approversManagers: { type: 'boolean' },
    emails: { type: 'array', items: { type: 'string', format: 'email', maxLength: 254 }, maxItems: 50 },
  },
  additionalProperties: false,
} as const;

const object = (type: string, required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  required: ['type', ...required],
  properties: { type: { const: type }, ...properties },
  additionalProperties: false,
});

const triggerSchema = byType({
  ...Object.fromEntries(RECORD_TRIGGERS.map((t) => [t, object(t, [], {})])),
  'field.changed': object('field.changed', ['field'], { field: name, from: {}, to: {} }),
  transition: object('transition', [], { transition: name, to: name }),
  ...Object.fromEntries(
    APPROVAL_TRIGGERS.map((t) => [t, object(t, [], { approval: name, decision: { enum: ['approved', 'rejected'] } })]),
  ),
  schedule: object('schedule', ['cron'], { cron: { type: 'string', maxLength: 120 }, timezone: { type: 'string' } }),
  date: object('date', ['field', 'offsetDays'], {
    field: name,
    offsetDays: { type: 'integer', minimum: -3650, maximum: 3650 },
    at: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    timezone: { type: 'string' },
  }),
  webhook: object('webhook', ['secretEnv'], { secretEnv: envName }),
});

const actionSchema = byType({
  notify: object('notify', ['to', 'title'], {
    to: recipients,
    title: text,
    message: text,
    category: name,
    priority: { enum: [0, 1, 2, 3] },
    link: { type: 'string', maxLength: 500 },
    decisionButtons: { type: 'boolean' },
  }),
  email: object('email', ['to', 'template'], { to: recipients, template: entityRef, category: name }),
  webhook: {
    ...object('webhook', [], {
      url: { type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 2000 },
      urlEnv: envName,
      secretEnv: envName,
      format: { enum: ['json', 'slack', 'teams'] },
      text,
    }),
    oneOf: [{ required: ['url'] }, { required: ['urlEnv'] }],
  },
  create: object('create', ['entity', 'values'], { entity: entityRef, values }),
  update: object('update', ['values'], { target: name, values }),
  transition: object('transition', ['transition'], { transition: name, target: name, comment: { type: 'string' } }),
  plugin: object('plugin', ['action'], {
    action: { type: 'string', pattern: '^[a-z][a-z0-9_-]*\\.[a-z][a-zA-Z0-9_]*$', maxLength: 100 },
    params: { type: 'object', maxProperties: 100 },
  }),
});

export const automationSchema = {
  $id: 'opsflux:automation',
  type: 'object',
  description: 'When something happens (a trigger) and a condition holds, do these actions',
  required: ['name', 'trigger', 'actions'],
  properties: {
    $schema: { type: 'string' },
    name,
    label: text,
    description: text,
    enabled: { type: 'boolean' },
    entity: entityRef,
    trigger: triggerSchema,
    condition: {},
    actions: { type: 'array', items: actionSchema, minItems: 1, maxItems: 20 },
    delayMinutes: { type: 'integer', minimum: 0, maximum: 525_600 },
    batch: {
      type: 'object',
      required: ['size', 'windowMinutes'],
      properties: {
        size: { type: 'integer', minimum: 2, maximum: 10_000 },
        windowMinutes: { type: 'integer', minimum: 1, maximum: 10_080 },
      },
      additionalProperties: false,
    },
    repeat: {
      type: 'object',
      required: ['everyMinutes'],
      properties: {
        everyMinutes: { type: 'integer', minimum: 1, maximum: 525_600 },
        maxTimes: { type: 'integer', minimum: 1, maximum: 1000 },
      },
      additionalProperties: false,
    },
    retries: { type: 'integer', minimum: 0, maximum: 10 },
  },
  additionalProperties: false,
} as const;
