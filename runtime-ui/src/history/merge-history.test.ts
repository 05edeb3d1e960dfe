import { describe, expect, it } from 'vitest';
import type { Approval, AuditEntry, WorkflowStep } from '../api/api-types.ts';
import { mergeHistory, peopleOf } from './merge-history.ts';

const audit = (
  id: number,
  at: string,
  action: string,
  changes: AuditEntry['changes'] = null,
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  id,
  at,
  actor_id: 'u1',
  actor_name: 'Ada Admin',
  action,
  changes,
  outcome: 'success',
  reason: null,
  ...extra,
});

const step = (at: string, extra: Partial<WorkflowStep>): WorkflowStep => ({
  kind: 'transition',
  transition: 'submit',
  from: 'draft',
  to: 'submitted',
  actorId: 'u1',
  actorName: 'Ada Admin',
  comment: null,
  at,
  ...extra,
});

describe('mergeHistory', () => {
  it('joins a transition with its audit entry, keeping the fields it changed and the comment', () => {
    const lines = mergeHistory(
      [
        audit(1, '2026-03-01T10:00:00.000Z', 'create', { title: [null, 'Pump'] }),
        audit(2, '2026-03-01T11:00:00.000Z', 'transition', {
          state: ['draft', 'submitted'],
          due: [null, '2026-04-01'],
        }),
      ],
      [step('2026-03-01T11:00:00.000Z', { comment: 'ready' })],
    );
    expect(lines.map((l) => l.kind)).toEqual(['create', 'transition']);
    expect(lines[1]).toMatchObject({
      from: 'draft',
      to: 'submitted',
      comment: 'ready',
      changes: [{ field: 'due', from: null, to: '2026-04-01' }],
    });
  });

  it('orders a decision before the transition it settled at the same instant, as the engine wrote them', () => {
    const at = '2026-03-02T09:00:00.000Z';
    const lines = mergeHistory(
      [
        audit(5, at, 'approval.decide', { 'review.manager': ['pending', 'approved'] }),
        audit(6, at, 'transition', { state: ['review', 'approved'] }),
      ],
      [
        step(at, {
          kind: 'decision',
          transition: null,
          decision: 'approved',
          step: 'manager',
          from: 'review',
          to: 'review',
        }),
        step(at, { transition: 'approve', from: 'review', to: 'approved' }),
      ],
    );
    expect(lines.map((l) => [l.kind, l.changes.length])).toEqual([
      ['decision', 0],
      ['transition', 0],
    ]);
  });

  it('keeps refused writes and workflow steps without an audit entry', () => {
    const lines = mergeHistory(
      [audit(3, '2026-03-03T08:00:00.000Z', 'update', null, { outcome: 'denied', reason: 'field_not_writable' })],
      [step('2026-03-04T08:00:00.000Z', { kind: 'migration', transition: null, from: 'review', to: 'checking' })],
    );
    expect(lines).toMatchObject([
      { kind: 'update', outcome: 'denied', reason: 'field_not_writable' },
      { kind: 'migration', from: 'review', to: 'checking' },
    ]);
  });
});

describe('peopleOf', () => {
  it('names by id everyone the story mentions: authors, approvers, who decided and for whom', () => {
    const approval: Approval = {
      id: 'a1',
      name: 'review',
      state: 'review',
      mode: 'sequential',
      quorum: null,
      status: 'approved',
      openedAt: null,
      closedAt: null,
      steps: [
        {
          id: 's1',
          name: 'manager',
          label: 'Manager',
          status: 'approved',
          approvers: [
            { id: 'u3', name: 'Mona Manager' },
            { id: 'u5', name: null },
          ],
          openedAt: null,
          decidedAt: null,
          decidedBy: { id: 'u4', name: 'Dan Deputy' },
          onBehalfOf: { id: 'u3', name: 'Mona Manager' },
          comment: null,
        },
      ],
    };
    const people = peopleOf(
      [
        audit(1, '2026-03-01T10:00:00.000Z', 'create'),
        audit(2, '2026-03-02T10:00:00.000Z', 'update', null, { actor_id: null, actor_name: 'the system' }),
      ],
      [step('2026-03-01T11:00:00.000Z', { actorId: 'u2', actorName: 'Remi Requester' })],
      [approval],
    );
    expect(Object.fromEntries(people)).toEqual({
      u1: 'Ada Admin',
      u2: 'Remi Requester',
      u3: 'Mona Manager',
      u4: 'Dan Deputy',
    });
  });
});
