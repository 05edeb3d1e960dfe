import type { Approval, AuditEntry, WorkflowStep } from '../api/api-types.ts';

/** One line of a record's history: who did what, when, what changed from → to, and why. */
export interface TimelineEntry {
  key: string;
  at: string;
  who: string | null;
  kind: 'create' | 'update' | 'delete' | 'restore' | 'transition' | 'decision' | 'migration' | 'other';
  /** The audit action as recorded (`update`, `read_sensitive`, ...). */
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  comment: string | null;
  outcome: string;
  /** Why a write was refused, or a note of the engine (a cascade). */
  reason: string | null;
  transition?: string | null;
  from?: string | null;
  to?: string | null;
  decision?: string;
  step?: string;
  onBehalfOf?: string | null;
}

const KINDS: Record<string, TimelineEntry['kind']> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  restore: 'restore',
  transition: 'transition',
  'approval.decide': 'decision',
};

/** The audit action that records a workflow step of this kind. */
const AUDIT_OF: Record<string, string> = { transition: 'transition', decision: 'approval.decide' };

const changesOf = (entry: AuditEntry | undefined, skip: (field: string) => boolean) =>
  Object.entries(entry?.changes ?? {})
    .filter(([field]) => !skip(field))
    .map(([field, pair]) => ({ field, from: pair?.[0] ?? null, to: pair?.[1] ?? null }));

/**
 * The audit trail and the workflow history of one record as a single timeline. A workflow step
 * and the audit entry written in the same transaction (same instant, matching action) become one
 * line: the step says from → to and the comment, the entry says which fields changed with it.
 * Oldest first, as an auditor reads.
 */
export function mergeHistory(audit: readonly AuditEntry[], steps: readonly WorkflowStep[]): TimelineEntry[] {
  const used = new Set<number>();
  const time = (iso: string) => new Date(iso).getTime();
  const lines: (TimelineEntry & { order: number })[] = [];

  steps.forEach((s, i) => {
    const match = audit.find(
      (a) =>
        !used.has(a.id) &&
        a.action === AUDIT_OF[s.kind] &&
        time(a.at) === time(s.at) &&
        (!s.actorId || a.actor_id === s.actorId),
    );
    if (match) used.add(match.id);
    const kind = s.kind === 'decision' ? 'decision' : s.kind === 'migration' ? 'migration' : 'transition';
    lines.push({
      key: `wf-${i}`,
      order: match ? match.id : Number.MAX_SAFE_INTEGER - steps.length + i,
      at: s.at,
      who: s.actorName ?? match?.actor_name ?? null,
      kind,
      action: match?.action ?? s.kind,
      // The state and the approval step are told by the line itself.
      changes: changesOf(match, (f) => f === 'state' || (kind === 'decision' && f.includes('.'))),
      comment: s.comment ?? null,
      outcome: match?.outcome ?? 'success',
      reason: null,
      transition: s.transition,
      from: s.from,
      to: s.to,
      ...(s.decision && { decision: s.decision }),
      ...(s.step && { step: s.step }),
      ...(s.onBehalfOf !== undefined && { onBehalfOf: s.onBehalfOf }),
    });
  });

  for (const a of audit) {
    if (used.has(a.id)) continue;
    lines.push({
      key: `audit-${a.id}`,
      order: a.id,
      at: a.at,
      who: a.actor_name,
      kind: KINDS[a.action] ?? 'other',
      action: a.action,
      changes: changesOf(a, () => false),
      comment: null,
      outcome: a.outcome,
      reason: a.reason,
    });
  }
  return lines.sort((x, y) => time(x.at) - time(y.at) || x.order - y.order).map(({ order: _order, ...line }) => line);
}

/**
 * The people a record's story names, by id, with the names the engine gave them: the authors of
 * its audit entries and workflow steps, its approvers, who decided and for whom. A user column
 * (`created_by`) or a decision made on someone's behalf is named from it.
 */
export function peopleOf(
  audit: readonly AuditEntry[],
  steps: readonly WorkflowStep[],
  approvals: readonly Approval[],
): Map<string, string> {
  const people = new Map<string, string>();
  const add = (id: string | null | undefined, name: string | null | undefined) => {
    if (id && name && !people.has(id)) people.set(id, name);
  };
  for (const a of audit) add(a.actor_id, a.actor_name);
  for (const s of steps) add(s.actorId, s.actorName);
  for (const step of approvals.flatMap((a) => a.steps))
    for (const p of [...step.approvers, step.decidedBy, step.onBehalfOf]) add(p?.id, p?.name);
  return people;
}
