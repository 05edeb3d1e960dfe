import type { WorkflowDefinition } from '@opsflux/definitions';

/**
 * What the canvas flags before the engine is even asked. Errors are what the engine's
 * validation refuses too (docs/workflows.md); warnings are legal but usually a slip.
 */
export type WorkflowProblemCode =
  | 'no_initial'
  | 'many_initial'
  | 'duplicate_state'
  | 'duplicate_transition'
  | 'unknown_state'
  | 'final_has_exit'
  | 'unreachable'
  | 'dead_end'
  | 'unknown_outcome'
  | 'no_actor';

export type ProblemTarget =
  | { kind: 'workflow' }
  | { kind: 'state'; index: number; name: string }
  | { kind: 'transition'; index: number; name: string };

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  severity: 'error' | 'warning';
  target: ProblemTarget;
  /** Values the message names (`{{state}}`, `{{transition}}`...). */
  params: Record<string, string>;
}

const ERRORS = new Set<WorkflowProblemCode>([
  'no_initial',
  'many_initial',
  'duplicate_state',
  'duplicate_transition',
  'unknown_state',
  'final_has_exit',
  'unreachable',
  'dead_end',
  'unknown_outcome',
]);

function problem(
  code: WorkflowProblemCode,
  target: ProblemTarget,
  params: Record<string, string> = {},
): WorkflowProblem {
  return { code, severity: ERRORS.has(code) ? 'error' : 'warning', target, params };
}

/** Transitions an approval fires: nobody fires them by hand, so they need no role. */
export function approvalOutcomes(def: WorkflowDefinition): Set<string> {
  const out = new Set<string>();
  for (const s of def.states ?? []) {
    const a = s.approval;
    if (!a) continue;
    out.add(a.onApproved);
    out.add(a.onRejected);
    if (a.escalation?.transition) out.add(a.escalation.transition);
  }
  return out;
}

function duplicates(names: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return dup;
}

/** Every state a record can reach from an initial state, following the transitions. */
export function reachableStates(def: WorkflowDefinition): Set<string> {
  const states = def.states ?? [];
  const reached = new Set(states.filter((s) => s.initial).map((s) => s.name));
  const queue = [...reached];
  while (queue.length) {
    const at = queue.shift()!;
    for (const t of def.transitions ?? []) {
      if ((t.from ?? []).includes(at) && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return reached;
}

/** All problems of a workflow definition, in a stable order: workflow, states, transitions. */
export function workflowProblems(def: WorkflowDefinition): WorkflowProblem[] {
  const states = def.states ?? [];
  const transitions = def.transitions ?? [];
  const out: WorkflowProblem[] = [];
  const names = new Set(states.map((s) => s.name));
  const initial = states.filter((s) => s.initial);
  if (states.length && !initial.length) out.push(problem('no_initial', { kind: 'workflow' }));
  if (initial.length > 1)
    out.push(problem('many_initial', { kind: 'workflow' }, { states: initial.map((s) => s.name).join(', ') }));

  const dupStates = duplicates(states.map((s) => s.name));
  const reached = initial.length ? reachableStates(def) : new Set<string>();
  const transitionNames = new Set(transitions.map((t) => t.name));
  states.forEach((s, index) => {
    const target: ProblemTarget = { kind: 'state', index, name: s.name };
    const p = { state: s.name };
    if (dupStates.has(s.name)) out.push(problem('duplicate_state', target, p));
    const exits = transitions.filter((t) => (t.from ?? []).includes(s.name));
    if (s.final && exits.length) out.push(problem('final_has_exit', target, p));
    if (!s.final && !exits.length) out.push(problem('dead_end', target, p));
    if (initial.length && !reached.has(s.name)) out.push(problem('unreachable', target, p));
    const a = s.approval;
    if (a) {
      for (const t of [a.onApproved, a.onRejected, a.escalation?.transition]) {
        if (t !== undefined && !transitionNames.has(t))
          out.push(problem('unknown_outcome', target, { ...p, transition: t }));
      }
    }
  });

  const dupTransitions = duplicates(transitions.map((t) => t.name));
  const outcomes = approvalOutcomes(def);
  transitions.forEach((t, index) => {
    const target: ProblemTarget = { kind: 'transition', index, name: t.name };
    const p = { transition: t.name };
    if (dupTransitions.has(t.name)) out.push(problem('duplicate_transition', target, p));
    for (const s of [...(t.from ?? []), t.to]) {
      if (!names.has(s)) out.push(problem('unknown_state', target, { ...p, state: s }));
    }
    const actor = (t.roles?.length ?? 0) > 0 || t.owner === true || !!t.userField;
    if (!actor && !outcomes.has(t.name)) out.push(problem('no_actor', target, p));
  });
  return out;
}

/** Problems grouped by what they are about, for badges. */
export function problemsByTarget(problems: readonly WorkflowProblem[]) {
  const states = new Map<number, WorkflowProblem[]>();
  const transitions = new Map<number, WorkflowProblem[]>();
  const workflow: WorkflowProblem[] = [];
  for (const p of problems) {
    if (p.target.kind === 'workflow') workflow.push(p);
    else {
      const map = p.target.kind === 'state' ? states : transitions;
      map.set(p.target.index, [...(map.get(p.target.index) ?? []), p]);
    }
  }
  return { states, transitions, workflow };
}

/** White on the warning orange fails contrast (axe): a warning chip writes in black, which passes on it. */
export const WARNING_CHIP = { '& .MuiChip-label': { color: 'common.black' } } as const;
