import dagre from '@dagrejs/dagre';
import type { WorkflowDefinition } from '@opsflux/definitions';

/**
 * Positions are not part of a workflow definition (its schema allows no extra key), so the
 * canvas lays states out afresh from the transitions: left to right, initial state first.
 */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 72;

export interface Point {
  x: number;
  y: number;
}

/** One arrow per (transition, source state): a transition may leave several states. */
export interface Arrow {
  id: string;
  transition: number;
  from: number;
  to: number;
}

export function stateId(index: number): string {
  return `state-${index}`;
}

/** Arrows between known states; references to missing states are left to the problems list. */
export function arrowsOf(def: WorkflowDefinition): Arrow[] {
  const index = new Map<string, number>();
  (def.states ?? []).forEach((s, i) => {
    if (!index.has(s.name)) index.set(s.name, i);
  });
  const out: Arrow[] = [];
  (def.transitions ?? []).forEach((t, ti) => {
    const to = index.get(t.to);
    if (to === undefined) return;
    for (const f of t.from ?? []) {
      const from = index.get(f);
      if (from !== undefined) out.push({ id: `transition-${ti}-${from}`, transition: ti, from, to });
    }
  });
  return out;
}

/** Top-left corner of each state's box, by state index. */
export function layoutStates(def: WorkflowDefinition, direction: 'LR' | 'TB' = 'LR'): Point[] {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 50, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const list = def.states ?? [];
  list.forEach((_, i) => g.setNode(stateId(i), { width: NODE_WIDTH, height: NODE_HEIGHT }));
  for (const a of arrowsOf(def)) {
    // Self loops do not shape the layout; dagre only needs the others.
    if (a.from !== a.to) g.setEdge(stateId(a.from), stateId(a.to), { width: 80, height: 20 }, a.id);
  }
  dagre.layout(g);
  return list.map((_, i) => {
    const n = g.node(stateId(i));
    return { x: Math.round(n.x - NODE_WIDTH / 2), y: Math.round(n.y - NODE_HEIGHT / 2) };
  });
}

/** A key that changes only when the graph's shape does, so a re-layout follows real changes. */
export function shapeKey(def: WorkflowDefinition): string {
  return JSON.stringify([(def.states ?? []).length, arrowsOf(def).map((a) => [a.from, a.to])]);
}
