import { pickText, type AutomationAction, type Language } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { Access } from '../access/access.ts';
import { SYSTEM_PRINCIPAL } from '../access/principal.ts';
import { findRecordRow } from '../data/read-record.ts';
import { toApi, type ApiRecord } from '../data/record-mapper.ts';
import type { RequestContext } from '../data/request-context.ts';
import { createRecords, updateRecord } from '../data/write-records.ts';
import { enqueue } from '../jobs/outbox.ts';
import { PermanentJobError } from '../jobs/job-runner.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from '../registry/registry-types.ts';
import { fireTransition } from '../workflow/transitions.ts';
import type { AutomationEvent } from './automation-events.ts';
import type { CompiledAutomation } from './compile-automations.ts';
import { evaluateValues, renderText } from './render-text.ts';

/** What an action did, for the execution log (and what it would do, in a dry run). */
export type ActionOutcome = { type: string } & Record<string, unknown>;

/** Everything an action may use; effects go through `trx`, so they commit with the run. */
export interface ActionScope {
  trx: Knex.Transaction;
  registry: Registry;
  log: Logger;
  now: Date;
  automation: CompiledAutomation;
  event: AutomationEvent;
  /** The event's data as conditions and templates see it. */
  data: Record<string, unknown>;
  lang: Language;
  /** Which run of a repeating automation this is (0: the first). */
  occurrence?: number;
  /** Position of the action in the automation. */
  actionIndex?: number;
}

/** An action kind; plugins and the notification and e-mail modules add theirs. */
export type ActionHandler = (action: never, scope: ActionScope) => Promise<ActionOutcome>;

/** The engine acting for an automation: every permission, named in the audit trail, in the record's company. */
export function automationContext(scope: ActionScope): RequestContext {
  const name = `automation ${scope.automation.key}`;
  const principal = { ...SYSTEM_PRINCIPAL, name, companyId: scope.event.companyId ?? null };
  return {
    db: scope.trx as unknown as Knex,
    registry: scope.registry,
    log: scope.log,
    actor: `automation:${scope.automation.key}`,
    principal,
    access: Access.unrestricted(principal),
    now: () => scope.now,
    lang: scope.lang,
    depth: (scope.event.depth ?? 0) + 1,
  };
}

/** The entity and id an action aims at: the event's record, or the record one of its references names. */
function targetOf(scope: ActionScope, target: string | undefined) {
  const entity = scope.registry.entities.get(scope.event.entity ?? '');
  if (!entity) throw new PermanentJobError(`The entity "${scope.event.entity}" no longer exists`);
  if (!target) return { entity, id: scope.event.recordId };
  const field = entity.fields.get(target);
  const targetEntity = field?.target && scope.registry.entities.get(field.target);
  if (!targetEntity) throw new PermanentJobError(`"${target}" is not a reference of ${entity.key}`);
  return { entity: targetEntity, id: (scope.event.record?.[target] as string | null | undefined) ?? undefined };
}

const qualify = (scope: ActionScope, ref: string) => (ref.includes('.') ? ref : `${scope.automation.bundle}.${ref}`);

export const CORE_ACTIONS: Record<string, ActionHandler> = {
  async create(action: Extract<AutomationAction, { type: 'create' }>, scope) {
    const entity = scope.registry.entities.get(qualify(scope, action.entity));
    if (!entity) throw new PermanentJobError(`The entity "${action.entity}" no longer exists`);
    const values = evaluateValues(action.values, scope.data);
    const [created] = await createRecords(automationContext(scope), entity, [values], false);
    return { type: 'create', entity: entity.key, id: created!.id };
  },

  async update(action: Extract<AutomationAction, { type: 'update' }>, scope) {
    const { entity, id } = targetOf(scope, action.target);
    if (!id) return { type: 'update', skipped: 'no record to update' };
    const ctx = automationContext(scope);
    const row = await findRecordRow(ctx, entity, id);
    if (!row || row.deleted_at) return { type: 'update', skipped: 'the record is gone' };
    const values = evaluateValues(action.values, scope.data);
    await updateRecord(ctx, entity, id, { ...values, version: row.version });
    return { type: 'update', entity: entity.key, id, fields: Object.keys(values) };
  },

  async transition(action: Extract<AutomationAction, { type: 'transition' }>, scope) {
    const { entity, id } = targetOf(scope, action.target);
    if (!id) return { type: 'transition', skipped: 'no record to move' };
    const comment = action.comment ? renderText(action.comment, scope.data) : undefined;
    const moved = await fireTransition(automationContext(scope), entity, id, action.transition, { comment });
    return { type: 'transition', entity: entity.key, id, transition: action.transition, to: moved.state };
  },

  /** Outbound webhooks leave after the run commits, as jobs of their own with their own retries. */
  async webhook(action: Extract<AutomationAction, { type: 'webhook' }>, scope) {
    const format = action.format ?? 'json';
    const body =
      format === 'json'
        ? {
            automation: scope.automation.key,
            event: scope.event.type,
            entity: scope.event.entity ?? null,
            recordId: scope.event.recordId ?? null,
            record: scope.event.record ?? null,
            transition: scope.event.transition ?? null,
            approval: scope.event.approval ?? null,
            at: scope.event.at,
          }
        : { text: renderText(pickText(action.text, scope.lang) || scope.automation.key, scope.data) };
    const job = { url: action.url, urlEnv: action.urlEnv, secretEnv: action.secretEnv, body };
    await enqueue(scope.trx, scope.now, [{ topic: 'webhook.post', payload: job, maxAttempts: 4 }]);
    return { type: 'webhook', format, target: action.url ? new URL(action.url).host : `$${action.urlEnv}` };
  },
};

/** A record as conditions and templates read it: the current one, or null when it is gone. */
export async function currentRecord(
  trx: Knex.Transaction,
  registry: Registry,
  event: AutomationEvent,
): Promise<ApiRecord | null> {
  const entity = event.entity && registry.entities.get(event.entity);
  if (!entity || !event.recordId) return null;
  const row = await trx(entity.table).where({ id: event.recordId }).first(entity.columns);
  return row && !row.deleted_at ? toApi(entity, row) : null;
}
