import type { WorkflowDefinition } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import { buildFlow, CATEGORY_COLORS, type FlowWords } from './workflow-flow.ts';
import { layoutStates } from './workflow-layout.ts';
import { workflowProblems } from './workflow-problems.ts';

const words: FlowWords = {
  stateAria: (label, name) => `State ${label} (${name})`,
  transitionAria: (label, name, from, to) => `Transition ${label} (${name}) from ${from} to ${to}`,
  problem: (p) => p.code,
  count: (n) => `${n} problems`,
  initial: 'initial',
  final: 'final',
  approval: 'with approval',
};

const def: WorkflowDefinition = {
  name: 'flow',
  entity: 'request',
  states: [
    { name: 'draft', label: { en: 'Draft', fr: 'Brouillon' }, initial: true, category: 'draft' },
    { name: 'done', label: { en: 'Done' }, category: 'done', final: true, color: '#123456' },
    { name: 'limbo', label: { en: 'Limbo' }, category: 'active' },
  ],
  transitions: [{ name: 'finish', label: { en: 'Finish' }, from: ['draft', 'limbo'], to: 'done' }],
};

describe('buildFlow', () => {
  const flow = buildFlow(def, layoutStates(def), workflowProblems(def), { kind: 'transition', index: 0 }, 'fr', words);

  it('names every state for assistive technology, with its marks and problems', () => {
    expect(flow.nodes.map((n) => n.ariaLabel)).toEqual([
      'State Brouillon (draft), initial',
      'State Done (done), final',
      'State Limbo (limbo), 1 problems',
    ]);
    expect(flow.nodes.map((n) => n.data.color)).toEqual([CATEGORY_COLORS.draft, '#123456', CATEGORY_COLORS.active]);
    expect(flow.nodes[2]!.data).toMatchObject({ problems: ['unreachable'], hasError: true });
    expect(flow.nodes[0]!.data).toMatchObject({ problems: [], hasError: false, initial: true });
  });

  it('draws one arrow per source, selected with its transition, flagged with its problems', () => {
    expect(flow.edges.map((e) => [e.source, e.target, e.selected])).toEqual([
      ['state-0', 'state-1', true],
      ['state-2', 'state-1', true],
    ]);
    expect(flow.edges[0]!.label).toBe('⚠ Finish');
    expect(flow.edges[0]!.ariaLabel).toBe('Transition Finish (finish) from draft to done. no_actor');
    expect(flow.edges[0]!.data).toEqual({ transition: 0, from: 0 });
  });
});
