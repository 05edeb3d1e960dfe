import type { AutomationAction } from '@opsflux/definitions';
import { automationContext, type ActionHandler, type ActionScope } from '../automations/actions.ts';
import { evaluateValues } from '../automations/render-text.ts';
import { findRecordRow } from '../data/read-record.ts';
import { createRecords, updateRecord } from '../data/write-records.ts';
import { PermanentJobError } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import { PluginError, type PluginAction, type PluginActionContext, type PluginRecord } from '../plugin-api.ts';

type PluginStep = Extract<AutomationAction, { type: 'plugin' }>;

/** What a plugin action sees of the run: its params evaluated, the event, the run's transaction. */
function actionContext(step: PluginStep, scope: ActionScope, log: Logger): PluginActionContext {
  const e = scope.event;
  const t = e.transition;
  return {
    params: evaluateValues(step.params ?? {}, scope.data),
    record: e.record ? Object.freeze(structuredClone(e.record)) : null,
    event: {
      type: e.type,
      at: e.at,
      entity: e.entity ?? null,
      recordId: e.recordId ?? null,
      changes: [...(e.changes ?? [])],
      transition: t ? { name: t.name, from: t.from, to: t.to } : null,
    },
    automation: scope.automation.key,
    now: scope.now,
    log,
    db: scope.trx,
    async updateRecord(values) {
      const entity = scope.registry.entities.get(e.entity ?? '');
      if (!entity || !e.recordId) throw new PluginError('This automation has no record to update');
      const ctx = automationContext(scope);
      const row = await findRecordRow(ctx, entity, e.recordId);
      if (!row || row.deleted_at) return null;
      return updateRecord(ctx, entity, e.recordId, { ...values, version: row.version });
    },
    async createRecord(ref, values) {
      const key = ref.includes('.') ? ref : `${scope.automation.bundle}.${ref}`;
      const entity = scope.registry.entities.get(key);
      if (!entity) throw new PluginError(`There is no entity "${key}"`);
      const [created] = await createRecords(automationContext(scope), entity, [values], false);
      return created as PluginRecord;
    },
  };
}

/**
 * The automation action `<plugin>.<name>`. What the plugin returns joins the execution log; a
 * `PluginError` ends the run for good (the params are wrong), any other error is retried.
 */
export function pluginActionHandler(qualified: string, run: PluginAction, log: Logger): ActionHandler {
  return async (step: PluginStep, scope) => {
    let result: unknown;
    try {
      result = await run(actionContext(step, scope, log));
    } catch (err) {
      const message = `The plugin action ${qualified} failed: ${(err as Error)?.message ?? String(err)}`;
      if (err instanceof PluginError) throw new PermanentJobError(message, { cause: err });
      throw new Error(message, { cause: err });
    }
    const outcome = result && typeof result === 'object' && !Array.isArray(result) ? result : {};
    return { ...outcome, type: 'plugin', action: qualified };
  };
}
