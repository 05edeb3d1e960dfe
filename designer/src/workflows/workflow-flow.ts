import { pickText, type Language, type WorkflowDefinition } from '@opsflux/definitions';
import { MarkerType, type Edge } from '@xyflow/react';
import type { Selection } from './selection.ts';
import type { StateNode } from './state-node.tsx';
import { arrowsOf, stateId, type Point } from './workflow-layout.ts';
import type { WorkflowProblem } from './workflow-problems.ts';
import { problemsByTarget } from './workflow-problems.ts';

export const CATEGORY_COLORS = {
  draft: '#757575',
  active: '#1565c0',
  done: '#2e7d32',
  cancelled: '#c62828',
} as const;

export type { Selection };

export interface FlowWords {
  stateAria: (label: string, name: string) => string;
  transitionAria: (label: string, name: string, from: string, to: string) => string;
  problem: (p: WorkflowProblem) => string;
  count: (n: number) => string;
  initial: string;
  final: string;
  approval: string;
}

export interface TransitionEdgeData extends Record<string, unknown> {
  transition: number;
  from: number;
}

/** The canvas's nodes and edges for a definition, laid out at `points`. */
export function buildFlow(
  def: WorkflowDefinition,
  points: readonly Point[],
  problems: readonly WorkflowProblem[],
  selection: Selection,
  lang: Language,
  words: FlowWords,
): { nodes: StateNode[]; edges: Edge<TransitionEdgeData>[] } {
  const grouped = problemsByTarget(problems);
  const order = (ps: WorkflowProblem[]) =>
    [...ps].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const states = def.states ?? [];
  const nodes: StateNode[] = states.map((s, i) => {
    const ps = order(grouped.states.get(i) ?? []);
    const label = pickText(s.label, lang) || s.name;
    const marks = [s.initial && words.initial, s.final && words.final, s.approval && words.approval].filter(Boolean);
    const aria = [words.stateAria(label, s.name), ...marks, ps.length ? words.count(ps.length) : ''].filter(Boolean);
    return {
      id: stateId(i),
      type: 'state',
      position: points[i] ?? { x: 0, y: 0 },
      selected: selection?.kind === 'state' && selection.index === i,
      ariaLabel: aria.join(', '),
      data: {
        label,
        name: s.name,
        color: s.color ?? CATEGORY_COLORS[s.category] ?? CATEGORY_COLORS.active,
        initial: !!s.initial,
        final: !!s.final,
        approval: !!s.approval,
        problems: ps.map(words.problem),
        hasError: ps.some((p) => p.severity === 'error'),
        words: {
          initial: words.initial,
          final: words.final,
          approval: words.approval,
          problems: words.count(ps.length),
        },
      },
    };
  });
  const edges: Edge<TransitionEdgeData>[] = arrowsOf(def).map((a) => {
    const t = def.transitions[a.transition]!;
    const ps = grouped.transitions.get(a.transition) ?? [];
    const error = ps.some((p) => p.severity === 'error');
    const label = pickText(t.label, lang) || t.name;
    const color = error ? '#c62828' : ps.length ? '#ef6c00' : undefined;
    return {
      id: a.id,
      source: stateId(a.from),
      target: stateId(a.to),
      label: ps.length ? `⚠ ${label}` : label,
      ariaLabel: [
        words.transitionAria(label, t.name, states[a.from]!.name, states[a.to]!.name),
        ...ps.map(words.problem),
      ].join('. '),
      selected: selection?.kind === 'transition' && selection.index === a.transition,
      markerEnd: { type: MarkerType.ArrowClosed, ...(color && { color }) },
      style: { strokeWidth: 2, ...(color && { stroke: color }) },
      labelBgPadding: [4, 2],
      data: { transition: a.transition, from: a.from },
    };
  });
  return { nodes, edges };
}
