import { describe, expect, it } from 'vitest';
import type { MenuItem } from '@opsflux/definitions';
import { draftTargets, itemEntity, targetKind, withTargetKind } from './menu-targets.ts';
import { menuVisibility, roleClosure } from './menu-visibility.ts';

const files = {
  'views/items.json': { name: 'items', entity: 'item', label: { en: 'Items' } },
  'views/others.json': { name: 'others', entity: 'lib.other' },
  'forms/item.json': { name: 'item', entity: 'item' },
  'entities/item.json': { name: 'item' },
  'permissions/app.json': {
    name: 'app',
    roles: [
      { name: 'reader', label: { en: 'R' } },
      { name: 'writer', label: { en: 'W' }, inherits: ['reader'] },
    ],
    grants: [
      { role: 'reader', entity: 'item', actions: ['read'], scope: 'all' },
      { role: 'writer', entity: 'item', actions: ['create'], scope: 'all' },
    ],
  },
};
const label = { en: 'x' };
const items: MenuItem[] = [
  { name: 'list', label, view: 'items' },
  { name: 'others', label, view: 'others' },
  { name: 'new', label, children: [{ name: 'item', label, form: 'app.item' }] },
  { name: 'help', label, url: '/help' },
  { name: 'elsewhere', label, view: 'lib.things' },
];

describe('menu targets', () => {
  it('lists the draft’s views and forms with their qualified entity', () => {
    expect(draftTargets('app', files).map((t) => `${t.kind}:${t.name}:${t.entity}`)).toEqual([
      'form:item:app.item',
      'view:items:app.item',
      'view:others:lib.other',
    ]);
  });

  it('switches an item between kinds of target', () => {
    const child = { name: 'c', label };
    expect(withTargetKind(items[0]!, 'url', child)).toEqual({ name: 'list', label, url: '/' });
    expect(withTargetKind(items[0]!, 'group', child)).toEqual({ name: 'list', label, children: [child] });
    expect(targetKind(withTargetKind(items[3]!, 'form', child))).toBe('form');
    expect(itemEntity('app', items[2]!.children![0]!, draftTargets('app', files))).toBe('app.item');
  });
});

describe('menu visibility by role', () => {
  const targets = draftTargets('app', files);
  const seen = (role: string) => Object.fromEntries(menuVisibility('app', files, targets, items, role));

  it('follows inherited roles', () => {
    expect([...roleClosure('app', files, 'app.writer')].sort()).toEqual(['app.reader', 'app.writer']);
  });

  it('a reader sees the list but not the form; a writer sees both; URLs always; others unknown', () => {
    expect(seen('app.reader')).toEqual({
      '0': 'shown',
      '1': 'hidden',
      '2.0': 'hidden',
      '2': 'hidden',
      '3': 'shown',
      '4': 'unknown',
    });
    expect(seen('app.writer')).toMatchObject({ '2.0': 'shown', '2': 'shown' });
    expect(seen('app.nobody')).toMatchObject({ '0': 'hidden', '3': 'shown' });
  });
});
