import { describe, expect, it } from 'vitest';
import {
  interleave,
  isPaletteShortcut,
  matchScore,
  moveActive,
  palettePages,
  normalize,
  paletteResults,
  rankPages,
  type PaletteEntry,
} from './palette-rank.ts';

const page = (label: string, detail = 'Desk'): PaletteEntry => ({
  id: `page:${label}`,
  kind: 'page',
  label,
  detail,
  to: `/views/${label}`,
});
const rec = (entity: string, n: number): PaletteEntry => ({
  id: `record:${entity}:${n}`,
  kind: 'record',
  label: `${entity} ${n}`,
  detail: entity,
  to: `/data/x/${entity}/${n}`,
});

describe('matchScore', () => {
  it('ignores case and accents', () => {
    expect(normalize('  Écoles  du  Nord ')).toBe('ecoles du nord');
    expect(matchScore('ecole', 'École')).toBeGreaterThan(0);
  });

  it('ranks exact > prefix > word start > words > substring > letters in order > nothing', () => {
    const scores = [
      matchScore('work orders', 'Work orders'),
      matchScore('work', 'Work orders'),
      matchScore('ord', 'Work orders'),
      matchScore('wo ord', 'Work orders'),
      matchScore('rder', 'Work orders'),
      matchScore('wkod', 'Work orders'),
      matchScore('zz', 'Work orders'),
    ];
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!).toBeGreaterThan(scores[i]!);
    expect(scores.at(-1)).toBe(0);
  });

  it('prefers letters close together', () => {
    expect(matchScore('lc', 'Locations')).toBeLessThan(matchScore('lo', 'Locations'));
    expect(matchScore('lcs', 'Locations')).toBeGreaterThan(0);
  });
});

describe('rankPages', () => {
  const pages = [page('Board'), page('Work orders'), page('Locations'), page('Orders to sign', 'Approvals')];

  it('puts the best match first and drops the rest', () => {
    expect(rankPages('ord', pages).map((p) => p.label)).toEqual(['Orders to sign', 'Work orders', 'Board']);
    expect(rankPages('zzz', pages)).toEqual([]);
  });

  it('lists every page in menu order for an empty query, up to the maximum', () => {
    expect(rankPages('', pages).map((p) => p.label)).toEqual(['Board', 'Work orders', 'Locations', 'Orders to sign']);
    expect(rankPages('', pages, 2)).toHaveLength(2);
  });

  it('finds a page by its group, below pages found by their label', () => {
    expect(rankPages('approv', pages).map((p) => p.label)).toEqual(['Orders to sign']);
  });
});

describe('interleave and paletteResults', () => {
  it('takes one record of each entity in turn, without duplicates, up to the maximum', () => {
    const a = [rec('a', 1), rec('a', 2), rec('a', 3)];
    const b = [rec('b', 1)];
    expect(interleave([a, b, [rec('a', 1)]]).map((e) => e.id)).toEqual([
      'record:a:1',
      'record:b:1',
      'record:a:2',
      'record:a:3',
    ]);
    expect(interleave([a, b], 2)).toHaveLength(2);
    expect(interleave([])).toEqual([]);
  });

  it('lists pages before records', () => {
    const out = paletteResults('work', [page('Work orders'), page('Board')], [[rec('wo', 1)]]);
    expect(out.map((e) => e.kind)).toEqual(['page', 'record']);
  });
});

describe('moveActive', () => {
  it('wraps around, starts at either end, and has nothing to move in an empty list', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});

describe('isPaletteShortcut and palettePages', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>>) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('opens on Ctrl+K and Cmd+K only', () => {
    expect(isPaletteShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k', {}))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteShortcut(key('j', { ctrlKey: true }))).toBe(false);
  });

  it('adds the views the menus leave out, once each', () => {
    const menu = [page('Work orders')];
    const extra = [page('Work orders', 'Views'), page('Late work', 'Views'), page('Late work', 'Views')];
    expect(palettePages(menu, extra).map((p) => `${p.label}/${p.detail}`)).toEqual([
      'Work orders/Desk',
      'Late work/Views',
    ]);
  });
});
