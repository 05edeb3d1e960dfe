import { pickText, type ApprovalDefinition, type ApproverRule } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { hasSystemRole } from '../access/principal.ts';
import { assertReadable } from '../access/enforce.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { planAutomations, type AutomationEvent } from '../automations/automation-events.ts';
import { holdersOf, managersOf } from '../automations/recipients.ts';
import { findRecordRow } from '../data/read-record.ts';
import { toApi, type ApiRecord } from '../data/record-mapper.ts';
import { auditActor, type RequestContext } from '../data/request-context.ts';
import { conflict, invalid, notFound, OpsError } from '../errors.ts';
import { checkBody, objectSchema } from '../http/check-body.ts';
import { enqueue, type NewJob } from '../jobs/outbox.ts';
import type { CompiledEntity, CompiledWorkflow } from '../registry/registry-types.ts';
import { workflowFor } from './workflow-version.ts';

/*
 * Approvals: while a record is in a state that defines one, its steps ask people to decide.
 * Steps are opened when the record enters the state (all at once, or one after the other), with
 * their approvers resolved then; each decision is kept (who, for whom, when, why) in the
 * approval, the workflow history and the audit trail, in one transaction; the decision that
 * settles the approval fires its outcome transition, validated like any other.
 */

const HOUR = 3_600_000;

interface StepRow {
  id: string;
  approval_id: string;
  position: number;
  name: string;
  label: Record<string, string>;
  status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
  approvers: string[];
  opened_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  decided_by_name: string | null;
  on_behalf_of: string | null;
  comment: string | null;
}

interface ApprovalRow {
  id: string;
  entity: string;
  record_id: string;
  company_id: string | null;
  workflow: string;
  bundle_version: string;
  state: string;
  name: string;
  mode: ApprovalDefinition['mode'];
  quorum: number;
  status: 'open' | 'approved' | 'rejected' | 'cancelled';
  opened_at: Date;
  closed_at: Date | null;
}

/** An approval's definition, from the workflow version it opened under. */
function approvalDefinition(entity: CompiledEntity, approval: ApprovalRow): ApprovalDefinition | undefined {
  const wf = entity.workflowVersions?.get(approval.bundle_version) ?? entity.workflow;
  return wf?.states.get(approval.state)?.approval;
}

/** The users a step asks, resolved when it opens. */
async function resolveApprovers(
  trx: Knex.Transaction,
  ctx: RequestContext,
  rule: ApproverRule,
  record: ApiRecord,
  bundle: string,
): Promise<string[]> {
  const out = new Set<string>();
  const named = rule.field ? (record[rule.field] as string | null | undefined) : undefined;
  if (rule.user) out.add(rule.user);
  if (named && !rule.manager) out.add(named);
  if (rule.role) {
    const role = rule.role.includes('.') ? rule.role : `${bundle}.${rule.role}`;
    (await holdersOf(trx, ctx.registry, [role], (record.company_id as string | null) ?? null)).forEach((u) =>
      out.add(u),
    );
  }
  if (rule.manager) {
    const of = named ?? (record.created_by as string | null);
    if (of) (await managersOf(trx, [of])).forEach((u) => out.add(u));
  }
  return [...out].sort();
}

function approvalEvent(
  ctx: RequestContext,
  entity: CompiledEntity,
  record: ApiRecord,
  approval: ApprovalRow,
  step: StepRow,
  type: string,
  extra: Partial<NonNullable<AutomationEvent['approval']>> = {},
): AutomationEvent {
  return {
    type,
    entity: entity.key,
    recordId: record.id as string,
    companyId: (record.company_id as string | null) ?? null,
    record,
    actor: { id: ctx.actor, name: ctx.principal.name },
    at: ctx.now().toISOString(),
    depth: ctx.depth ?? 0,
    approval: {
      id: approval.id,
      name: approval.name,
      step: step.name,
      stepId: step.id,
      approvers: step.approvers,
      ...extra,
    },
  };
}

/** Opens steps: marks them pending, plans their reminder and escalation, tells automations. */
async function openSteps(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  record: ApiRecord,
  approval: ApprovalRow,
  def: ApprovalDefinition,
  steps: StepRow[],
): Promise<void> {
  const now = ctx.now();
  const jobs: NewJob[] = [];
  const events: AutomationEvent[] = [];
  for (const step of steps) {
    const rule = def.steps[step.position]!.approvers;
    const approvers = await resolveApprovers(trx, ctx, rule, record, entity.bundle);
    const [opened] = (await trx('sys_approval_steps')
      .where({ id: step.id })
      .update({ status: 'pending', opened_at: now, approvers })
      .returning('*')) as StepRow[];
    events.push(approvalEvent(ctx, entity, record, approval, opened!, 'approval.requested'));
    const timer = (kind: 'reminder' | 'escalation', hours: number | undefined) =>
      hours &&
      jobs.push({
        topic: 'approval.timer',
        payload: { kind, stepId: step.id },
        runAt: new Date(now.getTime() + hours * HOUR),
        key: `approval:${kind}:${step.id}`,
      });
    timer('reminder', def.reminderHours);
    timer('escalation', def.escalation?.afterHours);
  }
  await enqueue(trx, now, jobs);
  await planAutomations(trx, ctx.registry, now, events);
}

/**
 * Called by a transition, in its transaction: closes the approvals of the state the record
 * leaves (cancelled, unless they settled) and opens the one of the state it enters.
 */
export async function onStateChange(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  record: ApiRecord,
): Promise<void> {
  const wf = workflowFor(entity, record);
  const left = (await trx('sys_approvals')
    .where({ entity: entity.key, record_id: record.id as string, status: 'open' })
    .update({ status: 'cancelled', closed_at: ctx.now() })
    .returning('id')) as { id: string }[];
  // Nobody is asked any more: their steps leave the pending lists, their timers find them decided.
  if (left.length) {
    await trx('sys_approval_steps')
      .whereIn(
        'approval_id',
        left.map((a) => a.id),
      )
      .whereIn('status', ['waiting', 'pending'])
      .update({ status: 'skipped' });
  }
  const def = wf.states.get(record.state as string)?.approval;
  if (!def) return;
  const [approval] = (await trx('sys_approvals')
    .insert({
      entity: entity.key,
      record_id: record.id,
      company_id: (record.company_id as string | null) ?? null,
      workflow: wf.def.name,
      bundle_version: wf.bundleVersion,
      state: record.state,
      name: def.name,
      mode: def.mode,
      quorum: def.mode === 'quorum' ? def.quorum! : def.steps.length,
      opened_at: ctx.now(),
    })
    .returning('*')) as ApprovalRow[];
  const steps = (await trx('sys_approval_steps')
    .insert(
      def.steps.map((s, position) => ({
        approval_id: approval!.id,
        position,
        name: s.name,
        label: JSON.stringify(s.label),
        status: 'waiting',
      })),
    )
    .returning('*')) as StepRow[];
  const first = def.mode === 'sequential' ? steps.filter((s) => s.position === 0) : steps;
  await openSteps(trx, ctx, entity, record, approval!, def, first);
}

/** The outcome transitions of the approval of `state`: fired by decisions, not by hand. */
export function outcomeTransitions(wf: CompiledWorkflow, state: string): Set<string> {
  const def = wf.states.get(state)?.approval;
  return new Set(def ? [def.onApproved, def.onRejected] : []);
}

export interface DecideInput {
  decision: 'approved' | 'rejected';
  comment?: string;
  /** The step decided; by default the caller's only pending step. */
  step?: string;
}

const DECIDE_BODY = objectSchema(
  {
    decision: { enum: ['approved', 'rejected'] },
    comment: { type: 'string', maxLength: 4000 },
    step: { type: 'string', format: 'uuid' },
  },
  ['decision'],
);

export function decideInput(body: unknown): DecideInput {
  return checkBody<DecideInput>(body, DECIDE_BODY);
}

/** Whom the caller may decide for today: themselves, and those who delegated to them. */
async function decidingFor(trx: Knex.Transaction, ctx: RequestContext): Promise<Set<string>> {
  const me = ctx.actor;
  if (!me) return new Set();
  const day = ctx.now().toISOString().slice(0, 10);
  const principals = (await trx('sys_delegations')
    .where({ delegate_id: me })
    .whereNull('revoked_at')
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .pluck('user_id')) as string[];
  return new Set([me, ...principals]);
}

type Fire = (ctx: RequestContext, transition: string, comment: string | undefined) => Promise<ApiRecord>;

/**
 * Records a decision on the record's open approval. The approval row is locked first, so two
 * approvers deciding at once are taken one after the other; the decision that settles the
 * approval fires its outcome transition in the same transaction (a guard that refuses it
 * refuses the decision too, with its reason).
 */
export async function decide(
  ctx: RequestContext,
  entity: CompiledEntity,
  key: string,
  input: DecideInput,
  fire: Fire,
): Promise<{ record: ApiRecord; approval: unknown }> {
  const comment = input.comment?.trim() ?? '';
  if (input.decision === 'rejected' && !comment) {
    throw invalid([{ path: 'comment', code: 'required', message: 'A comment is required to reject' }]);
  }
  return ctx.db.transaction(async (trx) => {
    const scoped = { ...ctx, db: trx as unknown as Knex };
    const row = await findRecordRow(scoped, entity, key);
    if (!row || row.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
    const record = toApi(entity, row);
    assertReadable(ctx.access, entity, record, key);
    const approval = (await trx('sys_approvals')
      .where({ entity: entity.key, record_id: record.id as string, status: 'open' })
      .forUpdate()
      .first()) as ApprovalRow | undefined;
    if (!approval) throw conflict('no_open_approval', 'Nothing awaits a decision on this record');
    const steps = (await trx('sys_approval_steps')
      .where({ approval_id: approval.id })
      .orderBy('position')) as StepRow[];
    const forWhom = await decidingFor(trx, ctx);
    const admin = hasSystemRole(ctx.principal, 'admin');
    const mine = steps.filter(
      (s) =>
        s.status === 'pending' &&
        (admin || s.approvers.some((a) => forWhom.has(a))) &&
        (!input.step || s.id === input.step),
    );
    if (input.step && !steps.some((s) => s.id === input.step))
      throw notFound(`No step "${input.step}" in this approval`);
    if (input.step && steps.find((s) => s.id === input.step)!.status !== 'pending') {
      throw conflict('step_decided', 'This step is not awaiting a decision any more');
    }
    if (!mine.length) throw new OpsError(403, 'not_an_approver', 'No step of this approval awaits your decision');
    if (mine.length > 1) {
      throw invalid([{ path: 'step', code: 'required', message: 'Several steps await you: say which one ("step")' }]);
    }
    const step = mine[0]!;
    const onBehalfOf = step.approvers.includes(ctx.actor ?? '')
      ? null
      : (step.approvers.find((a) => forWhom.has(a)) ?? null);
    const now = ctx.now();
    const [decided] = (await trx('sys_approval_steps')
      .where({ id: step.id, status: 'pending' })
      .update({
        status: input.decision,
        decided_at: now,
        decided_by: ctx.actor,
        decided_by_name: ctx.principal.name,
        on_behalf_of: onBehalfOf,
        comment: comment || null,
      })
      .returning('*')) as StepRow[];
    if (!decided) throw conflict('step_decided', 'This step was decided meanwhile');
    const def = approvalDefinition(entity, approval)!;
    await trx('sys_workflow_history').insert({
      entity: entity.key,
      record_id: record.id,
      workflow: approval.workflow,
      bundle_version: approval.bundle_version,
      transition: `${approval.name}.${step.name}`,
      from_state: approval.state,
      to_state: approval.state,
      actor_id: ctx.actor,
      actor_name: ctx.principal.name,
      comment: comment || null,
      at: now,
      kind: 'decision',
      approval: approval.name,
      step: step.name,
      decision: input.decision,
      on_behalf_of: onBehalfOf,
    });
    await appendAudit(trx, auditActor(ctx), now, [
      {
        action: 'approval.decide',
        entity: entity.key,
        recordId: record.id as string,
        changes: { [`${approval.name}.${step.name}`]: ['pending', input.decision] },
        reason: [onBehalfOf && `for ${onBehalfOf}`, comment].filter(Boolean).join(': ') || null,
      },
    ]);
    await planAutomations(trx, ctx.registry, now, [
      approvalEvent(ctx, entity, record, approval, decided, 'approval.decided', {
        decision: input.decision,
        comment: comment || null,
      }),
    ]);
    const after = steps.map((s) => (s.id === decided.id ? decided : s));
    const approved = after.filter((s) => s.status === 'approved').length;
    const rejected = after.filter((s) => s.status === 'rejected').length;
    let outcome: 'approved' | 'rejected' | undefined;
    if (rejected > after.length - approval.quorum) outcome = 'rejected';
    else if (approved >= approval.quorum) outcome = 'approved';
    let current = record;
    if (outcome) {
      await trx('sys_approval_steps')
        .where({ approval_id: approval.id })
        .whereIn('status', ['waiting', 'pending'])
        .update({ status: 'skipped' });
      await trx('sys_approvals').where({ id: approval.id }).update({ status: outcome, closed_at: now });
      const transition = outcome === 'approved' ? def.onApproved : def.onRejected;
      current = await fire(scoped, transition, comment || undefined);
    } else if (approval.mode === 'sequential') {
      const next = after.find((s) => s.status === 'waiting');
      if (next) await openSteps(trx, scoped, entity, record, approval, def, [next]);
    }
    return { record: current, approval: (await approvalsOf(trx, entity, record.id as string)).at(-1) };
  });
}

/** Approvals of a record, oldest first, each with its steps: who was asked, who decided what. */
async function approvalsOf(db: Knex | Knex.Transaction, entity: CompiledEntity, recordId: string) {
  const approvals = (await db('sys_approvals')
    .where({ entity: entity.key, record_id: recordId })
    .orderBy('opened_at')) as ApprovalRow[];
  if (!approvals.length) return [];
  const steps = (await db('sys_approval_steps')
    .whereIn(
      'approval_id',
      approvals.map((a) => a.id),
    )
    .orderBy('position')) as StepRow[];
  const ids = [...new Set(steps.flatMap((s) => [...s.approvers, s.on_behalf_of].filter((x): x is string => !!x)))];
  const names = new Map(
    (
      (await db('sys_users').whereIn('id', ids).select('id', 'first_name', 'last_name')) as {
        id: string;
        first_name: string;
        last_name: string;
      }[]
    ).map((u) => [u.id, `${u.first_name} ${u.last_name}`]),
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return approvals.map((a) => ({
    id: a.id,
    name: a.name,
    state: a.state,
    mode: a.mode,
    quorum: a.quorum,
    status: a.status,
    bundleVersion: a.bundle_version,
    openedAt: iso(a.opened_at),
    closedAt: iso(a.closed_at),
    steps: steps
      .filter((s) => s.approval_id === a.id)
      .map((s) => ({
        id: s.id,
        name: s.name,
        label: s.label,
        status: s.status,
        approvers: s.approvers.map((id) => ({ id, name: names.get(id) ?? null })),
        openedAt: iso(s.opened_at),
        decidedAt: iso(s.decided_at),
        decidedBy: s.decided_by ? { id: s.decided_by, name: s.decided_by_name } : null,
        onBehalfOf: s.on_behalf_of ? { id: s.on_behalf_of, name: names.get(s.on_behalf_of) ?? null } : null,
        comment: s.comment,
      })),
  }));
}

export async function listApprovals(ctx: RequestContext, entity: CompiledEntity, key: string) {
  const row = await findRecordRow(ctx, entity, key);
  if (!row) throw notFound(`No ${entity.key} record "${key}"`);
  assertReadable(ctx.access, entity, toApi(entity, row), key);
  return approvalsOf(ctx.db, entity, row.id as string);
}

/** Steps awaiting the caller (or someone who delegated to them today), oldest first. */
export async function pendingFor(ctx: RequestContext) {
  const trx = ctx.db;
  const me = ctx.actor;
  if (!me) return [];
  const day = ctx.now().toISOString().slice(0, 10);
  const forWhom = [
    me,
    ...((await trx('sys_delegations')
      .where({ delegate_id: me })
      .whereNull('revoked_at')
      .where('starts_on', '<=', day)
      .where('ends_on', '>=', day)
      .pluck('user_id')) as string[]),
  ];
  const rows = (await trx('sys_approval_steps as s')
    .join('sys_approvals as a', 'a.id', 's.approval_id')
    .where('s.status', 'pending')
    .where('a.status', 'open')
    .whereRaw('s.approvers && ?::uuid[]', [forWhom])
    .orderBy('s.opened_at')
    .limit(500)
    .select(
      's.id',
      's.name',
      's.label',
      's.opened_at',
      's.approvers',
      'a.entity',
      'a.record_id',
      'a.name as approval',
      'a.state',
    )) as {
    id: string;
    name: string;
    label: Record<string, string>;
    opened_at: Date;
    approvers: string[];
    entity: string;
    record_id: string;
    approval: string;
    state: string;
  }[];
  return rows
    .filter((r) => {
      const entity = ctx.registry.entities.get(r.entity);
      return !!entity;
    })
    .map((r) => ({
      stepId: r.id,
      step: r.name,
      stepLabel: pickText(r.label, ctx.lang),
      approval: r.approval,
      state: r.state,
      entity: r.entity,
      recordId: r.record_id,
      openedAt: new Date(r.opened_at).toISOString(),
      asDelegate: !r.approvers.includes(me),
    }));
}

/** A reminder or an escalation of a step, due now: nothing if the step was decided meanwhile. */
export async function stepTimer(
  trx: Knex.Transaction,
  ctx: RequestContext,
  kind: 'reminder' | 'escalation',
  stepId: string,
  fire: (entity: CompiledEntity, recordId: string, transition: string) => Promise<unknown>,
): Promise<void> {
  const step = (await trx('sys_approval_steps').where({ id: stepId }).forUpdate().first()) as StepRow | undefined;
  if (!step || step.status !== 'pending') return;
  const approval = (await trx('sys_approvals').where({ id: step.approval_id }).first()) as ApprovalRow;
  const entity = ctx.registry.entities.get(approval.entity);
  if (!entity || approval.status !== 'open') return;
  const row = await trx(entity.table).where({ id: approval.record_id }).first(entity.columns);
  if (!row || row.deleted_at) return;
  const record = toApi(entity, row);
  await trx('sys_approval_steps')
    .where({ id: stepId })
    .update(kind === 'reminder' ? { reminded_at: ctx.now() } : { escalated_at: ctx.now() });
  const type = kind === 'reminder' ? 'approval.reminder' : 'approval.escalated';
  await planAutomations(trx, ctx.registry, ctx.now(), [approvalEvent(ctx, entity, record, approval, step, type)]);
  const def = approvalDefinition(entity, approval);
  if (kind === 'escalation' && def?.escalation?.transition)
    await fire(entity, record.id as string, def.escalation.transition);
}
