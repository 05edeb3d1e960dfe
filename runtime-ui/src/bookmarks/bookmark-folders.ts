/** The user's bookmarks, grouped and found; pure so it is tested alone. */

export interface Bookmark {
  id: string;
  label: string;
  url: string;
  folder: string | null;
  position: number;
}

export interface BookmarkFolder {
  name: string;
  items: Bookmark[];
}

/** Folders by name (in the order of their first bookmark), then the bookmarks in no folder. */
export function groupBookmarks(list: readonly Bookmark[]): { folders: BookmarkFolder[]; loose: Bookmark[] } {
  const sorted = [...list].sort((a, b) => a.position - b.position);
  const folders = new Map<string, Bookmark[]>();
  const loose: Bookmark[] = [];
  for (const b of sorted) {
    if (!b.folder) loose.push(b);
    else folders.set(b.folder, [...(folders.get(b.folder) ?? []), b]);
  }
  return { folders: [...folders].map(([name, items]) => ({ name, items })), loose };
}

/** The folder names in use, sorted for a picker. */
export const folderNames = (list: readonly Bookmark[]) =>
  [...new Set(list.map((b) => b.folder).filter((f): f is string => !!f))].sort((a, b) => a.localeCompare(b));

/**
 * A page's address as a bookmark keeps it: the path and its query, parameters in a stable order
 * so that the same list, filtered the same way, is recognised as bookmarked.
 */
export function bookmarkUrl(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.sort();
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

export const findBookmark = (list: readonly Bookmark[] | undefined, url: string) =>
  list?.find((b) => bookmarkUrl(...splitUrl(b.url)) === url);

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i)];
}

/** The ids in their new order after moving `id` one place up or down within its folder. */
export function moveWithinFolder(list: readonly Bookmark[], id: string, step: -1 | 1): string[] {
  const sorted = [...list].sort((a, b) => a.position - b.position);
  const me = sorted.find((b) => b.id === id);
  if (!me) return sorted.map((b) => b.id);
  const same = sorted.filter((b) => (b.folder ?? null) === (me.folder ?? null));
  const at = same.indexOf(me);
  const other = same[at + step];
  if (!other) return sorted.map((b) => b.id);
  const i = sorted.indexOf(me);
  const j = sorted.indexOf(other);
  [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  return sorted.map((b) => b.id);
}
