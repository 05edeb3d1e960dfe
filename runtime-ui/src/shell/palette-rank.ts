/**
 * The command palette's ranking, pure so it is tested alone: pages of the menu matched by what
 * the user types (accents and case ignored; a whole-label match beats a prefix, which beats a
 * word's start, which beats a substring, which beats letters in order), then records as the
 * engine's full-text search ranked them, interleaved across entities.
 */

export interface PaletteEntry {
  /** Unique among the results (`page:<key>`, `record:<bundle.entity>:<id>`). */
  id: string;
  kind: 'page' | 'record';
  label: string;
  /** The menu group, or the entity's name. */
  detail: string;
  /** A path of the app. */
  to: string;
  /** A menu item's icon (a Material Symbols name). */
  icon?: string;
}

/** Lower case, without accents, spaces collapsed. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How well `query` matches `text`: 0 is no match, higher is better. */
export function matchScore(query: string, text: string): number {
  const q = normalize(query);
  const s = normalize(text);
  if (!q) return 1;
  if (!s) return 0;
  if (s === q) return 100;
  if (s.startsWith(q)) return 80 - Math.min(20, s.length - q.length) / 10;
  const words = s.split(/[\s\-_/.,:;()]+/);
  if (words.some((w) => w.startsWith(q))) return 60;
  // Every word of the query starts a word of the text ("wo ord" → "Work orders").
  const parts = q.split(' ');
  if (parts.length > 1 && parts.every((p) => words.some((w) => w.startsWith(p)))) return 50;
  if (s.includes(q)) return 40;
  // The query's letters in order, closer together scores higher.
  let at = -1;
  let gaps = 0;
  for (const ch of q.replace(/ /g, '')) {
    const next = s.indexOf(ch, at + 1);
    if (next < 0) return 0;
    if (at >= 0) gaps += next - at - 1;
    at = next;
  }
  return Math.max(1, 20 - gaps);
}

/** Pages matching `query`, best first; ties keep the menu's order. */
export function rankPages(query: string, pages: PaletteEntry[], max = 8): PaletteEntry[] {
  return pages
    .map((p, i) => ({ p, i, score: Math.max(matchScore(query, p.label), matchScore(query, p.detail) / 4) }))
    .filter((x) => x.score > (normalize(query) ? 1 : 0))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, max)
    .map((x) => x.p);
}

/**
 * Records of several entities, each list in the engine's order: one from each in turn, so that
 * no entity's results push the others out; at most `max`.
 */
export function interleave(groups: PaletteEntry[][], max = 10): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < max; i++) {
    let any = false;
    for (const g of groups) {
      const e = g[i];
      if (!e) continue;
      any = true;
      if (!seen.has(e.id) && out.length < max) {
        seen.add(e.id);
        out.push(e);
      }
    }
    if (!any) break;
  }
  return out;
}

/** The palette's list: matching pages, then records. */
export function paletteResults(
  query: string,
  pages: PaletteEntry[],
  recordGroups: PaletteEntry[][],
  opts: { maxPages?: number; maxRecords?: number } = {},
): PaletteEntry[] {
  return [...rankPages(query, pages, opts.maxPages ?? 8), ...interleave(recordGroups, opts.maxRecords ?? 10)];
}

/** The option after (or before) `current`, wrapping around; -1 when there is none. */
export function moveActive(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** Ctrl+K or Cmd+K, without Alt or Shift: the shortcut that opens the palette anywhere. */
export const isPaletteShortcut = (e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';

/**
 * The palette's pages: the menu's entries, then the views and creation forms the menus leave
 * out (the engine lists every one the user may use), each once by address.
 */
export function palettePages(menu: PaletteEntry[], extra: PaletteEntry[]): PaletteEntry[] {
  const seen = new Set(menu.map((p) => p.to));
  return [...menu, ...extra.filter((p) => !seen.has(p.to) && (seen.add(p.to), true))];
}
