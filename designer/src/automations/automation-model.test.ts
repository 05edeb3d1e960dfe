import { describe, expect, it } from 'vitest';
import { automationSchema } from '@opsflux/definitions';
import {
  ACTION_TYPES,
  TRIGGER_TYPES,
  defaultTrigger,
  eventVariables,
  moveInList,
  webhookUrl,
} from './automation-model.ts';
import { formatRun, nextRuns } from './cron-preview.ts';

describe('automation model', () => {
  it('offers every trigger type the schema knows', () => {
    const schemaTypes = JSON.stringify(automationSchema.properties.trigger);
    for (const t of TRIGGER_TYPES) expect(schemaTypes).toContain(`"${t}"`);
    expect(new Set(TRIGGER_TYPES).size).toBe(TRIGGER_TYPES.length);
    expect(ACTION_TYPES).toHaveLength(7);
  });

  it('switching trigger keeps what both share and drops the rest', () => {
    expect(defaultTrigger('schedule', { type: 'date', field: 'due', offsetDays: 3, timezone: 'Europe/Paris' })).toEqual(
      {
        type: 'schedule',
        cron: '0 8 * * 1-5',
        timezone: 'Europe/Paris',
      },
    );
    expect(defaultTrigger('record.created', { type: 'field.changed', field: 'x' })).toEqual({ type: 'record.created' });
    expect(defaultTrigger('approval.decided')).toEqual({ type: 'approval.decided' });
  });

  it('names the variables a trigger gives', () => {
    expect(eventVariables('record.created', ['title'])).toContain('record.title');
    expect(eventVariables('record.created', ['title'])).not.toContain('before.title');
    expect(eventVariables('transition', ['title'])).toEqual(expect.arrayContaining(['before.title', 'transition.to']));
    expect(eventVariables('webhook', ['title'])).not.toContain('record.title');
    expect(eventVariables('webhook', [])).toContain('body');
  });

  it('moves list items and builds the inbound URL', () => {
    expect(moveInList(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveInList(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(webhookUrl('https://ops.example', 'app', 'in_mail')).toBe('https://ops.example/api/v1/hooks/app/in_mail');
  });
});

describe('cron preview', () => {
  const from = new Date('2026-03-06T12:00:00Z'); // a Friday

  it('lists the next runs in the schedule’s time zone', () => {
    const r = nextRuns('0 8 * * 1-5', 'Europe/Paris', 3, from);
    expect(r.ok && r.runs.map((d) => d.toISOString())).toEqual([
      '2026-03-09T07:00:00.000Z',
      '2026-03-10T07:00:00.000Z',
      '2026-03-11T07:00:00.000Z',
    ]);
    expect(formatRun(new Date('2026-03-09T07:00:00Z'), 'Europe/Paris', 'en')).toBe('Monday, March 9, 2026 at 8:00 AM');
  });

  it('explains a bad expression or zone instead of throwing', () => {
    expect(nextRuns('61 * * * *', undefined, 3, from)).toMatchObject({ ok: false });
    expect(nextRuns('0 8 * * *', 'Mars/Olympus', 3, from)).toEqual({
      ok: false,
      error: 'Unknown time zone "Mars/Olympus"',
    });
  });
});
