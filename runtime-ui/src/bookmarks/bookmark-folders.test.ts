import { describe, expect, it } from 'vitest';
import {
  bookmarkUrl,
  findBookmark,
  folderNames,
  groupBookmarks,
  moveWithinFolder,
  type Bookmark,
} from './bookmark-folders.ts';

const b = (id: string, position: number, folder: string | null = null, url = `/x/${id}`): Bookmark => ({
  id,
  label: id,
  url,
  folder,
  position,
});

describe('bookmarks', () => {
  const list = [b('c', 3, 'Ops'), b('a', 1), b('d', 4, 'Audit'), b('b', 2, 'Ops'), b('e', 5)];

  it('groups by folder in position order, the loose ones apart', () => {
    const g = groupBookmarks(list);
    expect(g.folders.map((f) => [f.name, f.items.map((i) => i.id)])).toEqual([
      ['Ops', ['b', 'c']],
      ['Audit', ['d']],
    ]);
    expect(g.loose.map((i) => i.id)).toEqual(['a', 'e']);
    expect(folderNames(list)).toEqual(['Audit', 'Ops']);
  });

  it('recognises a filtered list whatever the order of its parameters', () => {
    const url = bookmarkUrl('/views/ops.work_orders', '?q=crane&filter=%7B%22state%22%3A%22draft%22%7D');
    expect(url).toBe('/views/ops.work_orders?filter=%7B%22state%22%3A%22draft%22%7D&q=crane');
    const saved = b('f', 6, null, '/views/ops.work_orders?q=crane&filter=%7B%22state%22%3A%22draft%22%7D');
    expect(findBookmark([saved], url)?.id).toBe('f');
    expect(findBookmark([saved], '/views/ops.work_orders')).toBeUndefined();
    expect(bookmarkUrl('/data/a/b', '')).toBe('/data/a/b');
  });

  it('moves a bookmark within its folder only', () => {
    expect(moveWithinFolder(list, 'c', -1)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(moveWithinFolder(list, 'b', -1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // The loose ones swap places with each other, over the folders between them.
    expect(moveWithinFolder(list, 'a', 1)).toEqual(['e', 'b', 'c', 'd', 'a']);
    expect(moveWithinFolder(list, 'e', 1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(moveWithinFolder(list, 'zz', 1)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
