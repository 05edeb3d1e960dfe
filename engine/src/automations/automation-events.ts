import { isDeepStrictEqual } from 'node:util';
import type { Trigger } from '@opsflux/definitions';
import type { Knex } from 'knex';
import type { ApiRecord } from '../data/record-mapper.ts';
import { enqueue, type NewJob } from '../jobs/outbox.ts';
import type { RequestContext } from '../data/request-context.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import type { CompiledAutomation } from './compile-automations.ts';

/** Something that happened, as automations see it: the payload of their runs. */
export interface AutomationEvent {
  /** The trigger type it answers: `record.updated`, `transition`, `approval.decided`, `schedule`... */
  type: string;
  entity?: string;
  recordId?: string;
  companyId?: string | null;
  /** The record after the change (before it, for a deletion). */
  record?: ApiRecord | null;
  before?: ApiRecord | null;
  /** Fields whose value changed. */
  changes?: string[];
  transition?: { name: string; from: string; to: string; comment: string | null };
  approval?: {
    id: string;
    name: string;
    step?: string;
    stepId?: string;
    decision?: 'approved' | 'rejected';
    comment?: string | null;
    approvers?: string[];
  };
  actor?: { id: string | null; name: string | null };
  /** An inbound webhook's body. */
  body?: unknown;
  at: string;
  /** How many automations led to this event: chains stop at MAX_CHAIN. */
  depth?: number;
}

/** An automation changing a record that starts an automation...: the chain stops here. */
export const MAX_CHAIN = 5;

const BOOKKEEPING = new Set(['version', 'updated_at', 'updated_by']);

/** Fields whose value differs between two versions of a record. */
export function changedFields(before: ApiRecord | null | undefined, after: ApiRecord | null | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => !BOOKKEEPING.has(k) && !isDeepStrictEqual(before?.[k], after?.[k]));
}

/** Whether an event answers a trigger. */
export function triggerMatches(trigger: Trigger, event: AutomationEvent): boolean {
  switch (trigger.type) {
    case 'field.changed':
      return (
        (event.type === 'record.updated' || event.type === 'transition') &&
        !!event.changes?.includes(trigger.field) &&
        (trigger.from === undefined || isDeepStrictEqual(event.before?.[trigger.field] ?? null, trigger.from)) &&
        (trigger.to === undefined || isDeepStrictEqual(event.record?.[trigger.field] ?? null, trigger.to))
      );
    case 'transition':
      return (
        event.type === 'transition' &&
        (!trigger.transition || trigger.transition === event.transition?.name) &&
        (!trigger.to || trigger.to === event.transition?.to)
      );
    case 'approval.requested':
    case 'approval.decided':
    case 'approval.reminder':
    case 'approval.escalated':
      return (
        event.type === trigger.type &&
        (!trigger.approval || trigger.approval === event.approval?.name) &&
        (!('decision' in trigger) || !trigger.decision || trigger.decision === event.approval?.decision)
      );
    default:
      return event.type === trigger.type;
  }
}

/** The job that runs `automation` for `event`, after its delay. */
export function runJob(a: CompiledAutomation, event: AutomationEvent, now: Date, extra: Partial<NewJob> = {}): NewJob {
  return {
    topic: 'automation.run',
    payload: { automation: a.key, event },
    runAt: new Date(now.getTime() + (a.def.delayMinutes ?? 0) * 60_000),
    maxAttempts: (a.def.retries ?? 3) + 1,
    ...extra,
  };
}

/**
 * Plans the runs of the automations these events start, in the transaction of the change: they
 * happen if and only if it commits. Batched automations gather the event instead, and a flush
 * is planned at the end of the window (or now, once the batch is full).
 */
export async function planAutomations(
  trx: Knex | Knex.Transaction,
  registry: Registry,
  now: Date,
  events: AutomationEvent[],
): Promise<void> {
  const jobs: NewJob[] = [];
  for (const event of events) {
    if ((event.depth ?? 0) > MAX_CHAIN || !event.entity) continue;
    for (const a of registry.automations.byEntity.get(event.entity) ?? []) {
      if (!triggerMatches(a.def.trigger, event)) continue;
      if (!a.def.batch) {
        jobs.push(runJob(a, event, now));
        continue;
      }
      const [row] = await trx('sys_automation_events')
        .insert({ automation: a.key, event: JSON.stringify(event), at: now })
        .returning('id');
      const windowMs = a.def.batch.windowMinutes * 60_000;
      const windowEnd = new Date((Math.floor(now.getTime() / windowMs) + 1) * windowMs);
      jobs.push({
        topic: 'automation.flush',
        payload: { automation: a.key },
        runAt: windowEnd,
        key: `flush:${a.key}:${windowEnd.toISOString()}`,
      });
      const waiting = await trx('sys_automation_events')
        .where({ automation: a.key })
        .whereNull('flushed_at')
        .count('* as n')
        .first();
      if (Number(waiting?.n) >= a.def.batch.size) {
        jobs.push({ topic: 'automation.flush', payload: { automation: a.key }, key: `flush:${a.key}:full:${row.id}` });
      }
    }
  }
  await enqueue(trx, now, jobs);
}

/** The event of a change a request made to a record. */
export function recordEvent(
  ctx: RequestContext,
  entity: CompiledEntity,
  type: string,
  before: ApiRecord | null,
  after: ApiRecord | null,
  extra: Partial<AutomationEvent> = {},
): AutomationEvent {
  const record = after ?? before;
  return {
    type,
    entity: entity.key,
    recordId: record?.id as string,
    companyId: (record?.company_id as string | null | undefined) ?? null,
    record,
    before,
    changes: changedFields(before, after),
    actor: { id: ctx.actor, name: ctx.principal.name },
    at: ctx.now().toISOString(),
    depth: ctx.depth ?? 0,
    ...extra,
  };
}

/** Plans the automations a request's changes start; nothing at all when none listens to the entity. */
export async function afterChange(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  events: () => AutomationEvent[],
): Promise<void> {
  if (!ctx.registry.automations.byEntity.has(entity.key)) return;
  await planAutomations(trx, ctx.registry, ctx.now(), events());
}
