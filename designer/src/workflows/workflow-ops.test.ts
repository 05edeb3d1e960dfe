import type { WorkflowDefinition } from '@opsflux/definitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrowsOf, layoutStates, NODE_HEIGHT, NODE_WIDTH } from './workflow-layout.ts';
import {
  addState,
  addTransition,
  isValidName,
  removeMany,
  removeState,
  removeTransitionFrom,
  renameState,
  renameTransition,
  setInitial,
  uniqueName,
  updateTransition,
} from './workflow-ops.ts';
import { workflowProblems } from './workflow-problems.ts';

const flow = (): WorkflowDefinition => ({
  name: 'flow',
  entity: 'request',
  states: [
    { name: 'draft', label: { en: 'Draft' }, initial: true, category: 'draft' },
    {
      name: 'review',
      label: { en: 'Review' },
      category: 'active',
      approval: {
        name: 'review',
        mode: 'sequential',
        steps: [{ name: 'boss', label: { en: 'Boss' }, approvers: { manager: true } }],
        onApproved: 'accept',
        onRejected: 'back',
        escalation: { afterHours: 8, transition: 'accept' },
      },
    },
    { name: 'done', label: { en: 'Done' }, category: 'done', final: true },
  ],
  transitions: [
    { name: 'submit', label: { en: 'Submit' }, from: ['draft'], to: 'review', owner: true },
    { name: 'accept', label: { en: 'Accept' }, from: ['review'], to: 'done' },
    { name: 'back', label: { en: 'Back' }, from: ['review'], to: 'draft' },
  ],
  migrations: [{ from: '1.x', states: { checking: 'review' } }],
});

describe('workflow edits', () => {
  it('names new things uniquely and validly', () => {
    expect(uniqueName('state', ['state', 'state_2'])).toBe('state_3');
    expect(uniqueName('To Review!', [])).toBe('to_review_');
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (base, taken) => {
        const n = uniqueName(base, taken);
        return isValidName(n) && !taken.includes(n);
      }),
    );
  });

  it('starts an empty workflow with an initial state', () => {
    const def = addState({ name: 'w', entity: 'e', states: [], transitions: [] });
    expect(def.states).toEqual([{ name: 'state', label: { en: 'state' }, initial: true, category: 'draft' }]);
    expect(addState(def).states[1]).toEqual({ name: 'state_2', label: { en: 'state_2' }, category: 'active' });
  });

  it('renames a state everywhere it is named', () => {
    const def = renameState(flow(), 1, 'checking');
    expect(def.transitions.map((t) => [t.from, t.to])).toEqual([
      [['draft'], 'checking'],
      [['checking'], 'done'],
      [['checking'], 'draft'],
    ]);
    expect(def.migrations).toEqual([{ from: '1.x', states: { checking: 'checking' } }]);
    expect(workflowProblems(def)).toEqual(workflowProblems(flow()));
  });

  it('renames a transition in the approvals that fire it', () => {
    const def = renameTransition(flow(), 1, 'approve');
    expect(def.states[1]!.approval).toMatchObject({ onApproved: 'approve', escalation: { transition: 'approve' } });
    expect(workflowProblems(def)).toEqual([]);
  });

  it('removes a state with the transitions that led to it or only left it', () => {
    const def = removeState(flow(), 2);
    expect(def.transitions.map((t) => t.name)).toEqual(['submit', 'back']);
    const first = removeState(flow(), 0);
    expect(first.states[0]).toMatchObject({ name: 'review', initial: true });
    expect(first.transitions.map((t) => t.name)).toEqual(['accept']);
  });

  it('keeps a single initial state', () => {
    const def = setInitial(flow(), 2);
    expect(def.states.filter((s) => s.initial).map((s) => s.name)).toEqual(['done']);
  });

  it('adds and removes arrows of a transition', () => {
    let def = addTransition(flow(), 'done', 'review');
    expect(def.transitions[3]).toEqual({ name: 'to_review', label: { en: 'to_review' }, from: ['done'], to: 'review' });
    def = updateTransition(def, 3, { from: ['done', 'draft'], owner: undefined });
    expect(def.transitions[3]!.from).toEqual(['done', 'draft']);
    expect('owner' in def.transitions[3]!).toBe(false);
    def = removeTransitionFrom(def, 3, 'done');
    expect(def.transitions[3]!.from).toEqual(['draft']);
    expect(removeTransitionFrom(def, 3, 'draft').transitions).toHaveLength(3);
  });
});

describe('deleting a selection', () => {
  it('removes arrows then states, whatever the order they were picked in', () => {
    const def = removeMany(
      flow(),
      [2],
      [
        { transition: 2, from: 1 },
        { transition: 0, from: 0 },
      ],
    );
    expect(def.states.map((s) => s.name)).toEqual(['draft', 'review']);
    expect(def.transitions).toEqual([]);
    expect(removeMany(flow(), [], [{ transition: 1, from: 1 }]).transitions.map((t) => t.name)).toEqual([
      'submit',
      'back',
    ]);
  });
});

describe('layout', () => {
  it('draws one arrow per source state and skips unknown states', () => {
    const def = flow();
    def.transitions.push({ name: 'cancel', label: { en: 'Cancel' }, from: ['draft', 'review', 'ghost'], to: 'done' });
    expect(arrowsOf(def).map((a) => `${a.from}->${a.to}`)).toEqual(['0->1', '1->2', '1->0', '0->2', '1->2']);
  });

  it('places every state without overlap, initial state leftmost', () => {
    const def = addTransition(addState(flow(), 'loop'), 'loop', 'loop');
    const points = layoutStates(def);
    expect(points).toHaveLength(4);
    expect(points[0]!.x).toBeLessThan(points[1]!.x);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) {
        const [a, b] = [points[i]!, points[j]!];
        const apart = Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT;
        expect(apart).toBe(true);
      }
  });
});
