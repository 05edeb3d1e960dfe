import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkForm,
  DEFAULT_PREFERENCES,
  formFieldOf,
  toForm,
  toPreferences,
  type Channel,
  type NotificationPreferences,
} from './notification-preferences.ts';

const sample: NotificationPreferences = {
  channels: { '*': ['in_app'], 'ops.comment': [], ops: ['in_app', 'email'] },
  mutedCategories: ['system'],
  minPriority: 1,
  dnd: { start: '22:00', end: '06:00' },
  timeZone: 'Africa/Lagos',
  digest: { frequency: 'daily', hour: 7, weekday: 1 },
};

describe('notification preferences on the page', () => {
  it('lists everything first, then categories in order, and gives back what it read', () => {
    const form = toForm(sample);
    expect(form.rows.map((r) => r.category)).toEqual(['*', 'ops', 'ops.comment']);
    expect(form).toMatchObject({ dndOn: true, dndStart: '22:00', dndEnd: '06:00', timeZone: 'Africa/Lagos' });
    expect(toPreferences(form)).toEqual(sample);
    expect(toPreferences(toForm(DEFAULT_PREFERENCES))).toEqual(DEFAULT_PREFERENCES);
  });

  it('round-trips any preferences the engine may hold', () => {
    const category = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(\.[a-z0-9_]{1,8}){0,2}$/);
    const channels = fc.subarray<Channel>(['in_app', 'email']);
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.dictionary(category, channels),
        fc.array(category, { maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.record({ start: time, end: time })),
        (rows, muted, minPriority, dnd) => {
          const prefs: NotificationPreferences = {
            ...DEFAULT_PREFERENCES,
            channels: { '*': ['in_app'], ...rows },
            mutedCategories: [...new Set(muted)],
            minPriority,
            dnd,
          };
          const back = toPreferences(toForm(prefs));
          expect(back).toEqual(prefs);
        },
      ),
    );
  });

  it('checks categories and the do-not-disturb window before saving', () => {
    const form = toForm(sample);
    expect(checkForm(form)).toEqual([]);
    form.rows.push({ category: 'Bad Category', channels: [] }, { category: 'ops', channels: [] });
    form.dndEnd = '22:00';
    form.muted.push('no spaces please');
    expect(checkForm(form)).toEqual([
      { field: 'rows.3', code: 'category_invalid' },
      { field: 'rows.4', code: 'category_duplicate' },
      { field: 'muted.1', code: 'category_invalid' },
      { field: 'dndEnd', code: 'empty_window' },
    ]);
    expect(checkForm({ ...toForm(sample), dndStart: '25:00' })).toEqual([{ field: 'dndStart', code: 'time_invalid' }]);
    expect(checkForm({ ...toForm(sample), dndOn: false, dndStart: 'x' })).toEqual([]);
  });

  it('places the engine’s errors on the page’s fields', () => {
    const form = toForm(sample);
    expect(formFieldOf('dnd.start', form)).toBe('dndStart');
    expect(formFieldOf('dnd.end', form)).toBe('dndEnd');
    expect(formFieldOf('channels.ops.comment.0', form)).toBe('rows.2');
    expect(formFieldOf('timeZone', form)).toBe('timeZone');
    expect(formFieldOf('mutedCategories.0', form)).toBe('muted.0');
  });
});
