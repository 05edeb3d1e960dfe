import type { WorkflowDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import changeFlow from '../../../definitions/bundles/mocvue/workflows/change_request.json';
import stayFlow from '../../../definitions/bundles/pobvue/workflows/stay_request.json';
import { problemsByTarget, workflowProblems } from './workflow-problems.ts';

const base = (): WorkflowDefinition => ({
  name: 'flow',
  entity: 'request',
  states: [
    { name: 'draft', label: { en: 'Draft' }, initial: true, category: 'draft' },
    { name: 'review', label: { en: 'Review' }, category: 'active' },
    { name: 'done', label: { en: 'Done' }, category: 'done', final: true },
  ],
  transitions: [
    { name: 'submit', label: { en: 'Submit' }, from: ['draft'], to: 'review', owner: true },
    { name: 'accept', label: { en: 'Accept' }, from: ['review'], to: 'done', roles: ['approver'] },
  ],
});

const codes = (def: WorkflowDefinition) => workflowProblems(def).map((p) => `${p.code}:${targetName(p.target)}`);
const targetName = (t: ReturnType<typeof workflowProblems>[number]['target']) =>
  t.kind === 'workflow' ? 'workflow' : t.name;

describe('workflowProblems', () => {
  it('finds nothing in a sound workflow', () => {
    expect(workflowProblems(base())).toEqual([]);
  });

  it('flags a missing initial state, and then reachability is not judged', () => {
    const def = base();
    def.states[0] = { ...def.states[0]!, initial: undefined };
    expect(codes(def)).toEqual(['no_initial:workflow']);
  });

  it('flags two initial states', () => {
    const def = base();
    def.states[1] = { ...def.states[1]!, initial: true };
    const p = workflowProblems(def);
    expect(p.map((x) => x.code)).toEqual(['many_initial']);
    expect(p[0]!.params.states).toBe('draft, review');
  });

  it('flags a state no path reaches and a non-final dead end', () => {
    const def = base();
    def.states.push({ name: 'limbo', label: { en: 'Limbo' }, category: 'active' });
    expect(codes(def)).toEqual(['dead_end:limbo', 'unreachable:limbo']);
  });

  it('flags a transition leaving a final state', () => {
    const def = base();
    def.transitions.push({ name: 'reopen', label: { en: 'Reopen' }, from: ['done'], to: 'review', roles: ['a'] });
    expect(codes(def)).toEqual(['final_has_exit:done']);
  });

  it('warns about a transition nobody is named for, except an approval outcome', () => {
    const def = base();
    def.transitions[1] = { ...def.transitions[1]!, roles: [] };
    const p = workflowProblems(def);
    expect(p).toEqual([
      {
        code: 'no_actor',
        severity: 'warning',
        target: { kind: 'transition', index: 1, name: 'accept' },
        params: { transition: 'accept' },
      },
    ]);
    def.transitions.push({ name: 'back', label: { en: 'Back' }, from: ['review'], to: 'draft' });
    def.states[1] = {
      ...def.states[1]!,
      approval: {
        name: 'review',
        mode: 'sequential',
        steps: [{ name: 'boss', label: { en: 'Boss' }, approvers: { manager: true } }],
        onApproved: 'accept',
        onRejected: 'back',
      },
    };
    expect(workflowProblems(def)).toEqual([]);
  });

  it('accepts the user field or the owner as who fires a transition', () => {
    const def = base();
    def.transitions[1] = {
      name: 'accept',
      label: { en: 'Accept' },
      from: ['review'],
      to: 'done',
      userField: 'assignee',
    };
    expect(workflowProblems(def)).toEqual([]);
  });

  it('flags duplicate names, unknown states and unknown approval outcomes', () => {
    const def = base();
    def.states.push({ name: 'review', label: { en: 'Again' }, category: 'active' });
    def.transitions.push({ name: 'submit', label: { en: 'Twice' }, from: ['nowhere'], to: 'review', owner: true });
    def.states[2] = {
      ...def.states[2]!,
      final: false,
      approval: {
        name: 'x',
        mode: 'parallel',
        steps: [{ name: 's', label: { en: 'S' }, approvers: { role: 'r' } }],
        onApproved: 'ghost',
        onRejected: 'accept',
        escalation: { afterHours: 4, transition: 'phantom' },
      },
    };
    expect(codes(def)).toEqual([
      'duplicate_state:review',
      'dead_end:done',
      'unknown_outcome:done',
      'unknown_outcome:done',
      'duplicate_state:review',
      'duplicate_transition:submit',
      'duplicate_transition:submit',
      'unknown_state:submit',
    ]);
  });

  it('groups problems by state and transition index for badges', () => {
    const def = base();
    def.states.push({ name: 'limbo', label: { en: 'Limbo' }, category: 'active' });
    def.transitions[0] = { ...def.transitions[0]!, owner: undefined };
    const g = problemsByTarget(workflowProblems(def));
    expect(g.states.get(3)?.map((p) => p.code)).toEqual(['dead_end', 'unreachable']);
    expect(g.transitions.get(0)?.map((p) => p.code)).toEqual(['no_actor']);
    expect(g.workflow).toEqual([]);
  });

  it('finds no problem in the workflows the shipped bundles hold', () => {
    for (const shipped of [stayFlow, changeFlow]) {
      const def = shipped as WorkflowDefinition;
      expect(def.states.length).toBeGreaterThan(3);
      expect(workflowProblems(def).filter((p) => p.severity === 'error')).toEqual([]);
    }
  });
});
