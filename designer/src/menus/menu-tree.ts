import { MAX_MENU_DEPTH, type MenuItem } from '@opsflux/definitions';

/** Where an item sits: its index among the top items, then among each parent's children. */
export type ItemPath = readonly number[];

export function itemAt(items: readonly MenuItem[], path: ItemPath): MenuItem | undefined {
  let list: readonly MenuItem[] | undefined = items;
  let found: MenuItem | undefined;
  for (const i of path) {
    found = list?.[i];
    if (!found) return undefined;
    list = found.children;
  }
  return found;
}

/** The list holding the item at `path` replaced by `edit(list)`; empty child lists are dropped. */
function editList(items: MenuItem[], parent: ItemPath, edit: (list: MenuItem[]) => MenuItem[]): MenuItem[] {
  if (parent.length === 0) return edit([...items]);
  const [head, ...rest] = parent as [number, ...number[]];
  return items.map((item, i) => {
    if (i !== head) return item;
    const children = editList(item.children ?? [], rest, edit);
    const { children: _old, ...plain } = item;
    return children.length > 0 ? { ...plain, children } : plain;
  });
}

const parentOf = (path: ItemPath) => path.slice(0, -1);
const last = (path: ItemPath) => path[path.length - 1]!;

/** How many levels the item's subtree spans (1 for a leaf). */
export function subtreeDepth(item: MenuItem): number {
  return 1 + Math.max(0, ...(item.children ?? []).map(subtreeDepth));
}

export function updateItem(items: MenuItem[], path: ItemPath, next: MenuItem): MenuItem[] {
  return editList(items, parentOf(path), (list) => list.map((x, i) => (i === last(path) ? next : x)));
}

export function removeItem(items: MenuItem[], path: ItemPath): MenuItem[] {
  return editList(items, parentOf(path), (list) => list.filter((_, i) => i !== last(path)));
}

/** Inserts `item` at `path` (the index it will have). */
export function insertItem(items: MenuItem[], path: ItemPath, item: MenuItem): MenuItem[] {
  return editList(items, parentOf(path), (list) => [...list.slice(0, last(path)), item, ...list.slice(last(path))]);
}

export function canMoveUp(path: ItemPath): boolean {
  return last(path) > 0;
}

export function canMoveDown(items: MenuItem[], path: ItemPath): boolean {
  const siblings = path.length === 1 ? items : itemAt(items, parentOf(path))?.children;
  return last(path) < (siblings?.length ?? 0) - 1;
}

/** Swaps the item with its previous (-1) or next (+1) sibling; the new path. */
export function moveItem(items: MenuItem[], path: ItemPath, by: -1 | 1): { items: MenuItem[]; path: number[] } {
  const to = last(path) + by;
  const next = editList(items, parentOf(path), (list) => {
    if (to < 0 || to >= list.length) return list;
    [list[to], list[last(path)]] = [list[last(path)]!, list[to]!];
    return list;
  });
  return { items: next, path: [...parentOf(path), to] };
}

/**
 * Indent: the item becomes the last child of its previous sibling, when that sibling is a group
 * (an item opening a view, form or page cannot also hold children) and the depth allows.
 */
export function canIndent(items: MenuItem[], path: ItemPath): boolean {
  const item = itemAt(items, path);
  if (!item || last(path) === 0) return false;
  const prev = itemAt(items, [...parentOf(path), last(path) - 1]);
  if (!prev?.children) return false;
  return path.length + subtreeDepth(item) <= MAX_MENU_DEPTH;
}

export function indentItem(items: MenuItem[], path: ItemPath): { items: MenuItem[]; path: number[] } {
  const item = itemAt(items, path)!;
  const prevPath = [...parentOf(path), last(path) - 1];
  const prev = itemAt(items, prevPath)!;
  const children = [...(prev.children ?? []), item];
  const moved = updateItem(removeItem(items, path), prevPath, { ...prev, children });
  return { items: moved, path: [...prevPath, children.length - 1] };
}

export function canOutdent(path: ItemPath): boolean {
  return path.length > 1;
}

/** Outdent: the item leaves its parent and comes right after it. */
export function outdentItem(items: MenuItem[], path: ItemPath): { items: MenuItem[]; path: number[] } {
  const item = itemAt(items, path)!;
  const parent = parentOf(path);
  const to = [...parentOf(parent), last(parent) + 1];
  return { items: insertItem(removeItem(items, path), to, item), path: to };
}

/** A name not used by any item of the tree: `item`, `item_2`, ... */
export function freshName(items: readonly MenuItem[], base = 'item'): string {
  const used = new Set<string>();
  const walk = (list: readonly MenuItem[]) =>
    list.forEach((x) => {
      used.add(x.name);
      walk(x.children ?? []);
    });
  walk(items);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** Every item with its path, depth first: what the tree shows, one row per item. */
export function flattenItems(items: readonly MenuItem[], parent: number[] = []): { item: MenuItem; path: number[] }[] {
  return items.flatMap((item, i) => {
    const path = [...parent, i];
    return [{ item, path }, ...flattenItems(item.children ?? [], path)];
  });
}
