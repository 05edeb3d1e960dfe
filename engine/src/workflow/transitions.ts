import { pickText, type TransitionDefinition } from '@opsflux/definitions';
import jsonLogic from 'json-logic-js';
import '../rules/date-operations.ts';
import {
  hasRecordOperations,
  lockRecordOperationEntities,
  resolveRecordOperations,
} from '../rules/record-operations.ts';
import { renderText } from '../automations/render-text.ts';
import { onStateChange, outcomeTransitions } from './approvals.ts';
import { workflowFor, workflowOf } from './workflow-version.ts';
import type { Knex } from 'knex';
import { expandRoles } from '../access/compile-permissions.ts';
import { assertReadable, assertWrite, redact } from '../access/enforce.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { afterChange, recordEvent } from '../automations/automation-events.ts';
import { recordChanges } from '../audit/record-changes.ts';
import { computeFields } from '../data/fill-record.ts';
import { findRecordRow } from '../data/read-record.ts';
import { toApi, type ApiRecord } from '../data/record-mapper.ts';
import { auditActor, type RequestContext } from '../data/request-context.ts';
import { checkRules, validatePayload } from '../data/validate-record.ts';
import { checkReferences, columnValues, normalizeIds } from '../data/write-records.ts';
import { conflict, invalid, notFound, OpsError, type ErrorDetail } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';

/**
 * Why a transition cannot be fired now: a code, an English sentence (for API clients) and what a
 * client needs to say it in its own words. `params` by code: `state` → `{ state, from }`,
 * `permission` → `{}`, `role` → `{ roles, roleLabels, owner, userField }`, `approval` →
 * `{ approval }`, `guard` → `{ fromDefinition }` (the message is the definition's, in the
 * reader's language, when true).
 */
export interface Obstacle {
  code: 'state' | 'permission' | 'role' | 'approval' | 'guard';
  message: string;
  params: Record<string, unknown>;
}

export interface TransitionOption {
  name: string;
  label: string;
  to: string;
  allowed: boolean;
  obstacles: Obstacle[];
  requiredFields: string[];
  commentRequired: boolean;
}

/** The roles the user holds (with inheritance) where the record lives. */
function rolesFor(ctx: RequestContext, record: ApiRecord): string[] {
  const memberships = ctx.principal.memberships.filter(
    (m) => typeof record.company_id !== 'string' || m.companyId === record.company_id,
  );
  return expandRoles(
    ctx.registry.roles,
    memberships.flatMap((m) => m.roles),
  );
}

/** What keeps this user from firing `t` on `record` now (empty: nothing). */
async function obstacles(
  ctx: RequestContext,
  entity: CompiledEntity,
  t: TransitionDefinition,
  record: ApiRecord,
  byApproval = false,
): Promise<Obstacle[]> {
  const out: Obstacle[] = [];
  const state = record.state as string;
  // An approval's outcome is fired by the decision that settles it (or by the engine itself).
  const wf = workflowFor(entity, record);
  if (!byApproval && !ctx.access.unrestricted && outcomeTransitions(wf, state).has(t.name)) {
    const approval = wf.states.get(state)!.approval!.name;
    out.push({
      code: 'approval',
      message: `The approval "${approval}" decides this: approvers approve or reject`,
      params: { approval },
    });
  }
  if (!t.from.includes(state)) {
    out.push({
      code: 'state',
      message: `The record is ${state}; this transition starts from ${t.from.join(' or ')}`,
      params: { state, from: t.from },
    });
  }
  // Fired by a decision, the approver's step is the authority: no grant or role is asked.
  if (byApproval) {
    // nothing
  } else if (!ctx.access.can(`transition:${t.name}`, entity, record)) {
    out.push({ code: 'permission', message: 'Your roles do not allow this transition', params: {} });
  } else if (!ctx.access.unrestricted && (t.roles?.length || t.owner || t.userField)) {
    const held = new Set(rolesFor(ctx, record));
    const codes = (t.roles ?? []).map((r) => (r.includes('.') ? r : `${entity.bundle}.${r}`));
    const byRole = codes.some((r) => held.has(r));
    const byOwner = !!t.owner && record.created_by === ctx.actor;
    const byField = !!t.userField && record[t.userField] === ctx.actor;
    if (!byRole && !byOwner && !byField) {
      const who = [
        ...(t.roles?.length ? [`a role among ${t.roles.join(', ')}`] : []),
        ...(t.owner ? ['the record’s creator'] : []),
        ...(t.userField ? [`the user named in "${t.userField}"`] : []),
      ];
      out.push({
        code: 'role',
        message: `Only ${who.join(' or ')} may fire it`,
        params: {
          roles: codes,
          roleLabels: codes.map((c) => {
            const role = ctx.registry.roles.get(c);
            return role ? pickText(role.label, ctx.lang) : c;
          }),
          owner: !!t.owner,
          userField: t.userField ?? null,
        },
      });
    }
  }
  if (t.guard !== undefined) {
    const guard = await checkGuard(ctx, t, record);
    // The definition's message is already in the user's language; without one, the client says it.
    if (!guard.holds) out.push({ code: 'guard', message: guard.message, params: { fromDefinition: guard.told } });
  }
  return out;
}

/**
 * Whether the guard holds, and the message to show when it does not. Facts are evaluated first
 * (they may read other records through `ctx.db`), then the guard and its message read them.
 */
async function checkGuard(
  ctx: RequestContext,
  t: TransitionDefinition,
  record: ApiRecord,
): Promise<{ holds: boolean; message: string; told: boolean }> {
  const data: Record<string, unknown> = {
    record,
    user: { id: ctx.actor, roles: rolesFor(ctx, record) },
    now: ctx.now().toISOString(),
  };
  const scope = { db: ctx.db, registry: ctx.registry };
  // Outside the try: a query that timed out is a 503, not a guard that does not hold.
  const resolve = (logic: unknown) =>
    hasRecordOperations(logic) ? resolveRecordOperations(logic, data, scope) : Promise.resolve(logic);
  const facts: Record<string, unknown> = {};
  for (const [name, logic] of Object.entries(t.facts ?? {})) {
    const resolved = await resolve(logic);
    try {
      facts[name] = jsonLogic.apply(resolved as jsonLogic.RulesLogic, data);
    } catch {
      facts[name] = null;
    }
  }
  data.facts = facts;
  const guard = await resolve(t.guard);
  let holds: boolean;
  try {
    holds = jsonLogic.truthy(jsonLogic.apply(guard as jsonLogic.RulesLogic, data));
  } catch {
    holds = false;
  }
  const template = pickText(t.guardMessage, ctx.lang);
  let message = template;
  if (!holds && template.includes('{{')) {
    try {
      message = renderText(template, data);
    } catch {
      message = template;
    }
  }
  return { holds, message: message || 'Its condition is not met', told: !!message };
}

/** Every transition of the workflow, and whether this user may fire it now (and if not, why). */
export async function listTransitions(ctx: RequestContext, entity: CompiledEntity, key: string) {
  workflowOf(entity);
  const row = await findRecordRow(ctx, entity, key);
  if (!row || row.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
  const record = toApi(entity, row);
  assertReadable(ctx.access, entity, record, key);
  const wf = workflowFor(entity, record);
  const state = wf.states.get(record.state as string);
  const options: TransitionOption[] = [];
  for (const t of wf.transitions.values()) {
    const found = await obstacles(ctx, entity, t, record);
    options.push({
      name: t.name,
      label: pickText(t.label, ctx.lang),
      to: t.to,
      allowed: found.length === 0,
      obstacles: found,
      requiredFields: t.requiredFields ?? [],
      commentRequired: !!t.commentRequired,
    });
  }
  return {
    state: record.state,
    workflowVersion: wf.bundleVersion,
    stateLabel: state ? pickText(state.label, ctx.lang) : record.state,
    final: !!state?.final,
    transitions: options,
  };
}

export interface FireInput {
  comment?: string;
  values?: Record<string, unknown>;
  version?: number;
}

/**
 * Fires a transition: the record locked, the state checked (a concurrent transition that got
 * there first makes this one a 409), the permission, roles and guard checked, the values
 * validated with the entity's rules exactly as an edit is, then the state, the history step and
 * the audit entry written in one transaction.
 */
export async function fireTransition(
  ctx: RequestContext,
  entity: CompiledEntity,
  key: string,
  name: string,
  input: FireInput,
  opts: { byApproval?: boolean } = {},
): Promise<ApiRecord> {
  workflowOf(entity);
  const values = input.values ?? {};
  const payloadErrors = validatePayload(entity, values, 'update', 'values.');
  if (payloadErrors.length) throw invalid(payloadErrors);
  normalizeIds(entity, values);
  return ctx.db.transaction(async (trx) => {
    const scoped = { ...ctx, db: trx as unknown as Knex };
    const row = await findRecordRow(scoped, entity, key, { forUpdate: true });
    if (!row || row.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
    const before = toApi(entity, row);
    assertReadable(ctx.access, entity, before, key);
    // The record runs under the workflow version it started with.
    const wf = workflowFor(entity, before);
    const t = wf.transitions.get(name);
    if (!t) throw notFound(`${entity.key} has no transition "${name}" (workflow ${wf.bundleVersion})`);
    if (input.version !== undefined && input.version !== before.version) {
      throw conflict('version_conflict', `The record changed since you read it (version ${String(before.version)})`, {
        current: redact(ctx.access, entity, { ...before }),
      });
    }
    // Guards that count other records see every concurrent write to them: no write skew.
    await lockRecordOperationEntities(trx as unknown as Knex, [t.guard, ...Object.values(t.facts ?? {})]);
    const blocking = await obstacles(scoped, entity, t, before, opts.byApproval);
    const state = blocking.find((o) => o.code === 'state');
    if (state) throw conflict('state_changed', state.message, { current: redact(ctx.access, entity, { ...before }) });
    if (blocking.some((o) => o.code !== 'guard')) {
      throw new OpsError(403, 'transition_forbidden', blocking.map((o) => o.message).join('; '));
    }
    // Fields the transition asks for may be set by whoever fires it; others need write access.
    const asked = new Set(t.requiredFields ?? []);
    const merged: ApiRecord = { ...before, ...values, state: t.to };
    computeFields(entity, merged);
    // The transition's grant covers the state and the fields it asks for; other values need write access.
    const extra = Object.keys(values).filter((f) => !asked.has(f));
    if (extra.length) assertWrite(ctx.access, 'update', entity, { ...before, ...values }, extra, 'values.');
    const errors: ErrorDetail[] = [];
    for (const f of t.requiredFields ?? []) {
      const v = merged[f];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) {
        errors.push({ path: `values.${f}`, code: 'required', message: `"${f}" is required to ${name}` });
      }
    }
    const comment = input.comment?.trim() ?? '';
    if (t.commentRequired && !comment) {
      errors.push({ path: 'comment', code: 'required', message: `A comment is required to ${name}` });
    }
    const guard = t.guard === undefined ? undefined : await checkGuard(scoped, t, merged);
    if (guard && !guard.holds) errors.push({ path: '(record)', code: 'guard', message: guard.message });
    const rules = await checkRules(entity, merged, ctx.lang, 'values.', scoped);
    errors.push(...rules);
    errors.push(...(await checkReferences(trx, ctx, entity, [values], () => 'values.')));
    if (errors.length) throw invalid(errors, `The record cannot ${name}`);
    const now = ctx.now();
    const computed = Object.fromEntries(
      [...entity.fields.values()].filter((f) => f.def.type === 'computed').map((f) => [f.name, merged[f.name]]),
    );
    const [updated] = await trx(entity.table)
      .where({ id: before.id as string })
      .update({
        ...columnValues(entity, { ...values, ...computed }),
        state: t.to,
        version: (before.version as number) + 1,
        updated_at: now,
        updated_by: ctx.actor,
      })
      .returning(entity.columns);
    for (const f of entity.fields.values()) if (f.joinTable) updated[f.name] = before[f.name];
    const after = toApi(entity, updated);
    await trx('sys_workflow_history').insert({
      entity: entity.key,
      record_id: before.id,
      workflow: wf.def.name,
      bundle_version: wf.bundleVersion,
      transition: name,
      from_state: before.state,
      to_state: t.to,
      actor_id: ctx.actor,
      actor_name: ctx.principal.name,
      comment: comment || null,
      at: now,
    });
    await onStateChange(trx, scoped, entity, after);
    await afterChange(trx, ctx, entity, () => [
      recordEvent(ctx, entity, 'transition', before, after, {
        transition: { name, from: before.state as string, to: t.to, comment: comment || null },
      }),
    ]);
    await appendAudit(trx, auditActor(ctx), now, [
      {
        action: 'transition',
        entity: entity.key,
        recordId: before.id as string,
        changes: recordChanges(entity, before, after),
        reason: comment ? `${name}: ${comment}` : name,
      },
    ]);
    return redact(ctx.access, entity, after);
  });
}

/** The process history of a record: each transition, who fired it, when, under which version. */
export async function workflowHistory(ctx: RequestContext, entity: CompiledEntity, key: string) {
  workflowOf(entity);
  const row = await findRecordRow(ctx, entity, key);
  if (!row) throw notFound(`No ${entity.key} record "${key}"`);
  assertReadable(ctx.access, entity, toApi(entity, row), key);
  const steps = await ctx
    .db('sys_workflow_history')
    .where({ entity: entity.key, record_id: row.id as string })
    .orderBy('id');
  return steps.map((s: Record<string, unknown>) => ({
    kind: s.kind,
    transition: s.transition,
    ...(s.kind === 'decision' && {
      approval: s.approval,
      step: s.step,
      decision: s.decision,
      onBehalfOf: s.on_behalf_of,
    }),
    from: s.from_state,
    to: s.to_state,
    actorId: s.actor_id,
    actorName: s.actor_name,
    comment: s.comment,
    workflow: s.workflow,
    bundleVersion: s.bundle_version,
    at: new Date(s.at as string).toISOString(),
  }));
}

const FIRE_BODY = objectSchema({
  comment: { type: 'string', maxLength: 4000 },
  values: { type: 'object' },
  version: { type: 'integer' },
});

/** Checks the body of a transition request: `{ comment?, values?, version? }`. */
export function fireInput(body: unknown): FireInput {
  return checkBody<FireInput>(body, FIRE_BODY);
}
