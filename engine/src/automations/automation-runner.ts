import type { AutomationAction } from '@opsflux/definitions';
import jsonLogic from 'json-logic-js';
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { enqueue } from '../jobs/outbox.ts';
import { PermanentJobError } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';
import type { Registry } from '../registry/registry-types.ts';
import { hasRecordOperations, resolveRecordOperations } from '../rules/record-operations.ts';
import { CORE_ACTIONS, currentRecord, type ActionHandler, type ActionOutcome, type ActionScope } from './actions.ts';
import { runJob, type AutomationEvent } from './automation-events.ts';
import { MESSAGE_ACTIONS } from './message-actions.ts';
import type { CompiledAutomation } from './compile-automations.ts';
import { planDueAutomations } from './scheduler.ts';
import { postWebhook, type WebhookJob } from './webhook-post.ts';

export interface AutomationDeps {
  registry: RegistryHolder;
  log: Logger;
  config: Config;
  /** Action kinds beyond the core ones: notify, email, plugin actions. */
  actions: Map<string, ActionHandler>;
}

interface RunPayload {
  automation: string;
  event: AutomationEvent;
  /** Runs of a repeating automation so far. */
  repeat?: number;
}

/** What conditions and templates read: the event, flattened. */
export function eventData(event: AutomationEvent, now: Date, extra: Record<string, unknown> = {}) {
  return {
    record: event.record ?? null,
    before: event.before ?? null,
    changes: event.changes ?? [],
    transition: event.transition ?? null,
    approval: event.approval ?? null,
    actor: event.actor ?? null,
    body: event.body ?? null,
    event: { type: event.type, at: event.at },
    now: now.toISOString(),
    ...extra,
  };
}

export async function conditionHolds(
  condition: unknown,
  data: Record<string, unknown>,
  db: Knex | Knex.Transaction,
  registry: Registry,
): Promise<boolean> {
  if (condition === undefined) return true;
  const logic = hasRecordOperations(condition)
    ? await resolveRecordOperations(condition, data, { db: db as Knex, registry })
    : condition;
  return jsonLogic.truthy(jsonLogic.apply(logic as jsonLogic.RulesLogic, data));
}

export interface RunResult {
  outcome: 'done' | 'skipped';
  reason?: string;
  actions: ActionOutcome[];
}

/**
 * Runs an automation for one event inside `trx`: the condition, then each action in order.
 * Delayed and repeated runs read the record as it is now, not as the event saw it.
 */
export async function runAutomation(
  deps: AutomationDeps,
  trx: Knex.Transaction,
  a: CompiledAutomation,
  event: AutomationEvent,
  now: Date,
  opts: { fresh: boolean; events?: AutomationEvent[]; occurrence?: number },
): Promise<RunResult> {
  const registry = deps.registry.current;
  let current = event;
  if (opts.fresh && event.recordId) {
    const record = await currentRecord(trx, registry, event);
    if (!record) return { outcome: 'skipped', reason: 'the record is gone', actions: [] };
    current = { ...event, record };
  }
  const data = eventData(current, now, opts.events ? { events: opts.events.map((e) => eventData(e, now)) } : {});
  if (!(await conditionHolds(a.def.condition, data, trx, registry))) {
    return { outcome: 'skipped', reason: 'the condition does not hold', actions: [] };
  }
  const scope: ActionScope = {
    trx,
    registry,
    log: deps.log,
    now,
    automation: a,
    event: current,
    data,
    lang: 'en',
    occurrence: opts.occurrence ?? 0,
  };
  const actions: ActionOutcome[] = [];
  for (const [i, action] of a.def.actions.entries()) {
    actions.push(await runAction(deps, action, { ...scope, actionIndex: i }));
  }
  return { outcome: 'done', actions };
}

function runAction(deps: AutomationDeps, action: AutomationAction, scope: ActionScope): Promise<ActionOutcome> {
  const name = action.type === 'plugin' ? `plugin:${action.action}` : action.type;
  const handler = CORE_ACTIONS[name] ?? MESSAGE_ACTIONS[name] ?? deps.actions.get(name);
  if (!handler) throw new PermanentJobError(`No action "${name}" is available in this engine (a plugin missing?)`);
  return handler(action as never, scope);
}

async function logRun(
  db: Knex | Knex.Transaction,
  a: { key: string; def?: { trigger: { type: string } } } | string,
  event: AutomationEvent,
  outcome: string,
  fields: {
    actions?: unknown;
    error?: string;
    jobId?: string;
    attempt?: number;
    durationMs?: number;
    dryRun?: boolean;
  },
  at: Date,
) {
  const key = typeof a === 'string' ? a : a.key;
  const [row] = await db('sys_automation_runs')
    .insert({
      automation: key,
      trigger: event.type,
      entity: event.entity ?? null,
      record_id: event.recordId ?? null,
      input: JSON.stringify({
        type: event.type,
        recordId: event.recordId,
        transition: event.transition,
        approval: event.approval,
        actor: event.actor,
        changes: event.changes,
      }),
      outcome,
      actions: fields.actions === undefined ? null : JSON.stringify(fields.actions),
      error: fields.error ?? null,
      job_id: fields.jobId ?? null,
      attempt: fields.attempt ?? null,
      duration_ms: fields.durationMs ?? null,
      dry_run: fields.dryRun ?? false,
      at,
    })
    .returning('id');
  return String(row.id);
}

/** The automation job handlers: runs, batch flushes, the scheduler's tick and outbound webhooks. */
export function registerAutomationJobs(jobs: Jobs, deps: AutomationDeps): void {
  const find = (key: string) => deps.registry.current.automations.byKey.get(key);

  /** Runs the automation in the job's transaction and logs the run there, with its actions. */
  const runAndLog = async (
    trx: Knex.Transaction,
    a: CompiledAutomation,
    event: AutomationEvent,
    ctx: JobContext,
    opts: Parameters<typeof runAutomation>[5],
    trigger = event.type,
  ) => {
    const t0 = performance.now();
    const result = await runAutomation(deps, trx, a, event, ctx.now, opts);
    await logRun(
      trx,
      a,
      { ...event, type: trigger },
      result.outcome,
      {
        actions: result.actions,
        error: result.reason,
        jobId: ctx.job.id,
        attempt: ctx.job.attempt,
        durationMs: Math.round(performance.now() - t0),
      },
      ctx.now,
    );
    return result;
  };

  jobs.register('automation.run', {
    async handle(payload: RunPayload, ctx: JobContext) {
      const trx = ctx.trx!;
      const a = find(payload.automation);
      if (!a) {
        await logRun(
          trx,
          payload.automation,
          payload.event,
          'skipped',
          { error: 'the automation was removed or disabled', jobId: ctx.job.id },
          ctx.now,
        );
        return;
      }
      const fresh = !!a.def.delayMinutes || payload.repeat !== undefined;
      const result = await runAndLog(trx, a, payload.event, ctx, {
        fresh,
        occurrence: payload.repeat ?? 0,
      });
      const times = (payload.repeat ?? 0) + 1;
      if (result.outcome === 'done' && a.def.repeat && times < (a.def.repeat.maxTimes ?? Infinity)) {
        const runAt = new Date(ctx.now.getTime() + a.def.repeat.everyMinutes * 60_000);
        await enqueue(trx, ctx.now, [
          runJob(a, payload.event, ctx.now, {
            payload: { ...payload, repeat: times },
            runAt,
            key: `repeat:${a.key}:${payload.event.recordId ?? ''}:${payload.event.at}:${times}`,
          }),
        ]);
      }
    },
    async failed(payload: RunPayload, f) {
      await logRun(
        f.db,
        payload.automation,
        payload.event,
        f.dead ? 'dead' : 'failed',
        { error: f.error, jobId: f.jobId, attempt: f.attempt, durationMs: f.durationMs },
        f.now,
      );
    },
  });

  jobs.register('automation.flush', {
    async handle(payload: { automation: string }, ctx: JobContext) {
      const trx = ctx.trx!;
      const a = find(payload.automation);
      const rows = (await trx('sys_automation_events')
        .where({ automation: payload.automation })
        .whereNull('flushed_at')
        .orderBy('id')
        .limit(10_000)
        .forUpdate()
        .skipLocked()) as { id: string; event: AutomationEvent }[];
      if (!rows.length) return;
      await trx('sys_automation_events')
        .whereIn(
          'id',
          rows.map((r) => r.id),
        )
        .update({ flushed_at: ctx.now });
      if (!a) return;
      const events = rows.map((r) => r.event);
      const last = events.at(-1)!;
      await runAndLog(trx, a, last, ctx, { fresh: false, events }, `${last.type} ×${events.length}`);
    },
  });

  jobs.register('automation.tick', {
    async handle(payload: { at: string }, ctx: JobContext) {
      await planDueAutomations(ctx.trx!, deps.registry.current, ctx.now, deps.log);
    },
  });

  jobs.register('webhook.post', {
    transactional: false,
    async handle(payload: WebhookJob, ctx: JobContext) {
      await postWebhook(payload, deps.config, ctx);
    },
  });
}
