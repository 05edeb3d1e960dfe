import {
  APPROVAL_TRIGGERS,
  RECORD_TRIGGERS,
  type AutomationAction,
  type EntityDefinition,
  type Trigger,
  type WorkflowDefinition,
} from '@opsflux/definitions';

export type TriggerType = Trigger['type'];
export type ActionType = AutomationAction['type'];

export const TRIGGER_TYPES: readonly TriggerType[] = [
  ...RECORD_TRIGGERS,
  'field.changed',
  'transition',
  ...APPROVAL_TRIGGERS,
  'schedule',
  'date',
  'webhook',
];

export const ACTION_TYPES: readonly ActionType[] = [
  'notify',
  'email',
  'webhook',
  'create',
  'update',
  'transition',
  'plugin',
];

/** Schedules and inbound webhooks are not about one entity's records. */
export const triggerNeedsEntity = (type: TriggerType) => type !== 'schedule' && type !== 'webhook';

const isApproval = (t: string): t is (typeof APPROVAL_TRIGGERS)[number] =>
  (APPROVAL_TRIGGERS as readonly string[]).includes(t);

export type ApprovalTrigger = Extract<Trigger, { type: (typeof APPROVAL_TRIGGERS)[number] }>;
export const isApprovalTrigger = (t: Trigger): t is ApprovalTrigger => isApproval(t.type);

/** A valid trigger of `type`, keeping what the previous one had in common with it. */
export function defaultTrigger(type: TriggerType, prev?: Trigger): Trigger {
  const p = (prev ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const keep = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  if (type === 'field.changed') return { type, field: str('field') ?? '' };
  if (type === 'transition') return keep({ type, transition: str('transition'), to: str('to') });
  if (isApproval(type)) return keep({ type, approval: str('approval') });
  if (type === 'schedule') return keep({ type, cron: str('cron') ?? '0 8 * * 1-5', timezone: str('timezone') });
  if (type === 'date') {
    return keep({ type, field: str('field') ?? '', offsetDays: -7, at: '08:00', timezone: str('timezone') });
  }
  if (type === 'webhook') return { type, secretEnv: str('secretEnv') ?? 'HOOK_SECRET' };
  return { type } as Trigger;
}

export function defaultAction(type: ActionType): AutomationAction {
  switch (type) {
    case 'notify':
      return { type, to: { creator: true }, title: { en: '{{record.id}}' } };
    case 'email':
      return { type, to: { creator: true }, template: '' };
    case 'webhook':
      return { type, url: 'https://', format: 'json' };
    case 'create':
      return { type, entity: '', values: {} };
    case 'update':
      return { type, values: {} };
    case 'transition':
      return { type, transition: '' };
    case 'plugin':
      return { type, action: '' };
  }
}

/** Where an inbound webhook listens. */
export const webhookUrl = (origin: string, bundle: string, name: string) =>
  `${origin}/api/v1/hooks/${encodeURIComponent(bundle)}/${encodeURIComponent(name)}`;

/** A copy of `list` with item `i` moved by `by` places (no-op past either end). */
export function moveInList<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  const copy = [...list];
  if (j < 0 || j >= list.length) return copy;
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

/** The draft's definition of a local entity (`site` or `<bundle>.site`). */
export function draftEntity(files: Readonly<Record<string, unknown>>, bundle: string, entity: string | undefined) {
  if (!entity) return undefined;
  const local = entity.startsWith(`${bundle}.`) ? entity.slice(bundle.length + 1) : entity;
  return files[`entities/${local}.json`] as EntityDefinition | undefined;
}

/** The draft's workflows of that entity: their transitions, states and approvals. */
export function entityWorkflow(files: Readonly<Record<string, unknown>>, entity: string | undefined) {
  const wfs = Object.entries(files)
    .filter(([p]) => p.startsWith('workflows/'))
    .map(([, w]) => w as WorkflowDefinition)
    .filter((w) => w && typeof w === 'object' && w.entity === entity);
  return {
    transitions: wfs.flatMap((w) => (w.transitions ?? []).map((t) => t.name)),
    states: wfs.flatMap((w) => (w.states ?? []).map((s) => s.name)),
    approvals: wfs.flatMap((w) => (w.states ?? []).flatMap((s) => (s.approval ? [s.approval.name] : []))),
  };
}

/** The variables a condition or a text may read for this trigger (docs/automations.md). */
export function eventVariables(type: TriggerType, fields: readonly string[]): string[] {
  const out: string[] = [];
  if (triggerNeedsEntity(type)) {
    out.push('record.id', ...fields.map((f) => `record.${f}`));
    if (type !== 'record.created' && type !== 'date') out.push(...fields.map((f) => `before.${f}`), 'changes');
  }
  if (type === 'transition') out.push('transition.name', 'transition.from', 'transition.to', 'transition.comment');
  if (isApproval(type)) {
    out.push('approval.name', 'approval.step', 'approval.decision', 'approval.comment', 'approval.approvers');
  }
  if (type === 'webhook') out.push('body');
  out.push('actor.id', 'actor.name', 'event.type', 'event.at', 'now');
  return out;
}
