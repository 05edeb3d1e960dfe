import type { StateDefinition, TransitionDefinition, WorkflowDefinition } from '@opsflux/definitions';

/**
 * Edits of a workflow definition as pure functions: each returns a new definition and keeps
 * every reference to what it renames or removes consistent (transitions' `from`/`to`,
 * approvals' outcomes, migrations' target states).
 */

const NAME = /^[a-z][a-z0-9_]*$/;
export const MAX_NAME = 40;

export function isValidName(name: string): boolean {
  return name.length <= MAX_NAME && NAME.test(name);
}

/** `base`, or `base_2`, `base_3`... whichever is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z]+/, '') || 'item';
  const root = clean.slice(0, MAX_NAME - 4);
  if (!used.has(root)) return root;
  for (let i = 2; ; i++) if (!used.has(`${root}_${i}`)) return `${root}_${i}`;
}

/** Drops keys whose value is undefined, so the saved JSON holds only what was set. */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const states = (def: WorkflowDefinition) => def.states ?? [];
const transitions = (def: WorkflowDefinition) => def.transitions ?? [];

export function addState(def: WorkflowDefinition, wanted = 'state'): WorkflowDefinition {
  const first = states(def).length === 0;
  const name = uniqueName(
    wanted,
    states(def).map((s) => s.name),
  );
  const state: StateDefinition = first
    ? { name, label: { en: name }, initial: true, category: 'draft' }
    : { name, label: { en: name }, category: 'active' };
  return { ...def, states: [...states(def), state] };
}

export function updateState(
  def: WorkflowDefinition,
  index: number,
  patch: Partial<StateDefinition>,
): WorkflowDefinition {
  return { ...def, states: states(def).map((s, i) => (i === index ? clean({ ...s, ...patch }) : s)) };
}

/** Makes one state the only initial one. */
export function setInitial(def: WorkflowDefinition, index: number): WorkflowDefinition {
  return {
    ...def,
    states: states(def).map((s, i) => {
      const { initial: _i, ...rest } = s;
      return i === index ? { ...rest, initial: true } : rest;
    }),
  };
}

export function renameState(def: WorkflowDefinition, index: number, to: string): WorkflowDefinition {
  const from = states(def)[index]?.name;
  if (from === undefined || from === to) return def;
  const swap = (n: string) => (n === from ? to : n);
  return {
    ...def,
    states: states(def).map((s, i) => (i === index ? { ...s, name: to } : s)),
    transitions: transitions(def).map((t) => ({ ...t, from: t.from.map(swap), to: swap(t.to) })),
    ...(def.migrations && {
      migrations: def.migrations.map((m) =>
        m.states ? { ...m, states: Object.fromEntries(Object.entries(m.states).map(([k, v]) => [k, swap(v)])) } : m,
      ),
    }),
  };
}

/** Removes a state and the transitions that only existed for it. */
export function removeState(def: WorkflowDefinition, index: number): WorkflowDefinition {
  const name = states(def)[index]?.name;
  if (name === undefined) return def;
  const rest = states(def).filter((_, i) => i !== index);
  const kept = transitions(def)
    .filter((t) => t.to !== name)
    .map((t) => ({ ...t, from: t.from.filter((f) => f !== name) }))
    .filter((t) => t.from.length > 0);
  // Keep exactly one initial state when the removed one was it.
  const next = { ...def, states: rest, transitions: kept };
  return states(def)[index]?.initial && rest.length && !rest.some((s) => s.initial) ? setInitial(next, 0) : next;
}

export function addTransition(def: WorkflowDefinition, from: string, to: string, wanted?: string): WorkflowDefinition {
  const name = uniqueName(
    wanted ?? `to_${to}`,
    transitions(def).map((t) => t.name),
  );
  const t: TransitionDefinition = { name, label: { en: name }, from: [from], to };
  return { ...def, transitions: [...transitions(def), t] };
}

export function updateTransition(
  def: WorkflowDefinition,
  index: number,
  patch: Partial<TransitionDefinition>,
): WorkflowDefinition {
  return { ...def, transitions: transitions(def).map((t, i) => (i === index ? clean({ ...t, ...patch }) : t)) };
}

export function renameTransition(def: WorkflowDefinition, index: number, to: string): WorkflowDefinition {
  const from = transitions(def)[index]?.name;
  if (from === undefined || from === to) return def;
  const swap = (n: string) => (n === from ? to : n);
  return {
    ...def,
    transitions: transitions(def).map((t, i) => (i === index ? { ...t, name: to } : t)),
    states: states(def).map((s) => {
      const a = s.approval;
      if (!a) return s;
      const escalation =
        a.escalation &&
        clean({ ...a.escalation, transition: a.escalation.transition && swap(a.escalation.transition) });
      return {
        ...s,
        approval: clean({ ...a, onApproved: swap(a.onApproved), onRejected: swap(a.onRejected), escalation }),
      };
    }),
  };
}

export function removeTransition(def: WorkflowDefinition, index: number): WorkflowDefinition {
  return { ...def, transitions: transitions(def).filter((_, i) => i !== index) };
}

/** Removes one arrow of a transition that leaves several states; the last arrow removes it. */
export function removeTransitionFrom(def: WorkflowDefinition, index: number, from: string): WorkflowDefinition {
  const t = transitions(def)[index];
  if (!t) return def;
  const rest = t.from.filter((f) => f !== from);
  return rest.length ? updateTransition(def, index, { from: rest }) : removeTransition(def, index);
}

/**
 * What the canvas deletes at once (Delete key on a selection): arrows first, by transition and
 * source state, then states, so indices still point where they did when the admin chose.
 */
export function removeMany(
  def: WorkflowDefinition,
  stateIndices: readonly number[],
  arrows: readonly { transition: number; from: number }[],
): WorkflowDefinition {
  const fromName = (i: number) => states(def)[i]?.name;
  let next = def;
  const byTransition = new Map<number, string[]>();
  for (const a of arrows) {
    const f = fromName(a.from);
    if (f !== undefined) byTransition.set(a.transition, [...(byTransition.get(a.transition) ?? []), f]);
  }
  for (const ti of [...byTransition.keys()].sort((a, b) => b - a)) {
    for (const f of byTransition.get(ti)!) next = removeTransitionFrom(next, ti, f);
  }
  for (const si of [...new Set(stateIndices)].sort((a, b) => b - a)) next = removeState(next, si);
  return next;
}
