import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import type { TransitionOption, TransitionsInfo } from '../api/api-types.ts';
import { commonTransitions, reasonOf, runLimited } from './bulk-run.ts';

describe('runLimited', () => {
  it('runs every item, never more than the limit at once, outcomes in order', async () => {
    let running = 0;
    let peak = 0;
    const progress: number[] = [];
    const out = await runLimited(
      [5, 1, 4, 2, 3, 0],
      2,
      async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, n * 3));
        running--;
        if (n === 4) throw new ApiError(403, 'forbidden', 'You may not');
        return n * 10;
      },
      (d) => progress.push(d),
    );
    expect(peak).toBe(2);
    expect(out).toEqual([
      { ok: true, value: 50 },
      { ok: true, value: 10 },
      { ok: false, reason: 'You may not' },
      { ok: true, value: 20 },
      { ok: true, value: 30 },
      { ok: true, value: 0 },
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('handles no items', async () => {
    expect(await runLimited([], 4, async () => 1)).toEqual([]);
  });
});

describe('reasonOf', () => {
  it('names the fields the engine names', () => {
    const e = new ApiError(422, 'validation_failed', 'The record is not valid', [
      { path: 'estimate_h', code: 'required', message: 'Required' },
    ]);
    expect(reasonOf(e)).toBe('The record is not valid — estimate_h: Required');
    expect(reasonOf(new Error('boom'))).toBe('boom');
  });
});

describe('commonTransitions', () => {
  const opt = (name: string, allowed: boolean): TransitionOption => ({
    name,
    label: name,
    to: 'x',
    allowed,
    obstacles: [],
    requiredFields: [],
    commentRequired: false,
  });
  const info = (...ts: TransitionOption[]): TransitionsInfo => ({
    state: 'draft',
    stateLabel: 'Draft',
    final: false,
    transitions: ts,
  });

  it('keeps what every record allows', () => {
    const out = commonTransitions([
      info(opt('submit', true), opt('cancel', true), opt('approve', false)),
      info(opt('submit', true), opt('cancel', false)),
      info(opt('approve', true), opt('submit', true)),
    ]);
    expect(out.map((t) => t.name)).toEqual(['submit']);
    expect(commonTransitions([])).toEqual([]);
  });
});
