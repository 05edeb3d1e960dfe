import { describe, expect, it } from 'vitest';
import { sanitizePreferences } from './preference-store.ts';

describe('sanitizePreferences', () => {
  it('keeps what the engine stores, in its shape', () => {
    expect(
      sanitizePreferences({
        theme: 'dark',
        density: 'compact',
        language: 'pt',
        sidebarCollapsed: true,
        views: {
          'desk.open': {
            columns: ['title', 3],
            widths: { title: 320, bad: 10 },
            pageSize: 100,
            sort: [{ field: 'title', direction: 'desc' }],
          },
        },
      }),
    ).toEqual({
      theme: 'dark',
      density: 'compact',
      language: 'pt',
      sidebarCollapsed: true,
      views: {
        'desk.open': {
          columns: ['title'],
          widths: { title: 320 },
          pageSize: 100,
          sort: [{ field: 'title', direction: 'desc' }],
        },
      },
    });
  });

  it('drops what it does not understand', () => {
    expect(sanitizePreferences({ theme: 'sepia', language: 'de', views: { x: null }, other: 1 })).toEqual({
      views: {},
    });
    expect(sanitizePreferences('nonsense')).toEqual({});
  });
});
