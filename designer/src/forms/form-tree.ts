import type { AnyFormElement, FormElement, I18nText } from '@opsflux/definitions';

/**
 * Pure operations on a form's layout tree. An element is addressed by its path of indexes from
 * the root layout (`[]` is the root, `[1, 0]` the first child of the root's second child).
 */

export type Path = readonly number[];

/** Where a dragged element lands: before child `index` of the container at `parent`. */
export interface DropTarget {
  parent: Path;
  index: number;
}

export const SCOPE_PREFIX = '#/properties/';
export const fieldOf = (scope: string) => (scope.startsWith(SCOPE_PREFIX) ? scope.slice(SCOPE_PREFIX.length) : scope);
export const scopeOf = (field: string) => `${SCOPE_PREFIX}${field}`;

type Container = AnyFormElement & { elements: AnyFormElement[] };

export const isContainer = (el: AnyFormElement | undefined): el is Container =>
  !!el && 'elements' in el && Array.isArray((el as Container).elements);

export const samePath = (a: Path, b: Path) => a.length === b.length && a.every((v, i) => v === b[i]);
const isPrefix = (prefix: Path, path: Path) => prefix.length <= path.length && prefix.every((v, i) => v === path[i]);

export function getAt(root: AnyFormElement, path: Path): AnyFormElement | undefined {
  let at: AnyFormElement | undefined = root;
  for (const i of path) at = isContainer(at) ? at.elements[i] : undefined;
  return at;
}

/** The tree with the element at `path` replaced by `fn` of it. */
export function updateAt<T extends AnyFormElement>(root: T, path: Path, fn: (el: AnyFormElement) => AnyFormElement): T {
  if (!path.length) return fn(root) as T;
  if (!isContainer(root)) return root;
  const [head, ...rest] = path as [number, ...number[]];
  return { ...root, elements: root.elements.map((c, i) => (i === head ? updateAt(c, rest, fn) : c)) } as T;
}

/** Whether `child` may sit directly in `parent`: categories only in a categorization, and only they. */
export function canContain(parent: AnyFormElement | undefined, child: AnyFormElement): boolean {
  if (!isContainer(parent)) return false;
  return parent.type === 'Categorization' ? child.type === 'Category' : child.type !== 'Category';
}

export function removeAt<T extends AnyFormElement>(root: T, path: Path): T {
  if (!path.length) return root;
  const parent = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(root, parent, (p) =>
    isContainer(p) ? ({ ...p, elements: p.elements.filter((_, i) => i !== index) } as AnyFormElement) : p,
  );
}

export function insertAt<T extends AnyFormElement>(root: T, target: DropTarget, el: AnyFormElement): T {
  return updateAt(root, target.parent, (p) => {
    if (!isContainer(p)) return p;
    const elements = [...p.elements];
    elements.splice(Math.max(0, Math.min(target.index, elements.length)), 0, el);
    return { ...p, elements } as AnyFormElement;
  });
}

/** Whether moving `from` to `target` is allowed: not into itself, and a fitting container. */
export function canMove(root: AnyFormElement, from: Path, target: DropTarget): boolean {
  const el = getAt(root, from);
  if (!el || !from.length || isPrefix(from, target.parent)) return false;
  return canContain(getAt(root, target.parent), el);
}

/** The tree with the element at `from` moved to `target` (target as seen before the move). */
export function moveTo<T extends AnyFormElement>(root: T, from: Path, target: DropTarget): T {
  if (!canMove(root, from, target)) return root;
  const el = getAt(root, from)!;
  const fromParent = from.slice(0, -1);
  const fromIndex = from[from.length - 1]!;
  // Removing the element shifts what follows it: in its own container, and in any container
  // that comes after it among its siblings' subtrees.
  const parent = [...target.parent];
  let index = target.index;
  if (samePath(fromParent, target.parent) && fromIndex < index) index -= 1;
  else if (isPrefix(fromParent, parent) && parent.length > fromParent.length && parent[fromParent.length]! > fromIndex)
    parent[fromParent.length] = parent[fromParent.length]! - 1;
  return insertAt(removeAt(root, from), { parent, index }, el);
}

/** One step up or down among its siblings. */
export function moveBy<T extends AnyFormElement>(root: T, path: Path, delta: -1 | 1): T {
  const index = path[path.length - 1];
  if (index === undefined) return root;
  const to = index + delta;
  const parent = getAt(root, path.slice(0, -1));
  if (!isContainer(parent) || to < 0 || to >= parent.elements.length) return root;
  return moveTo(root, path, { parent: path.slice(0, -1), index: delta > 0 ? to + 1 : to });
}

/** Fields with a control in the tree, in order (once each). */
export function placedFields(root: AnyFormElement): string[] {
  const out: string[] = [];
  const walk = (el: AnyFormElement) => {
    if (el.type === 'Control' && !out.includes(fieldOf(el.scope))) out.push(fieldOf(el.scope));
    if (isContainer(el)) el.elements.forEach(walk);
  };
  walk(root);
  return out;
}

export interface FlatRow {
  path: Path;
  depth: number;
  element: AnyFormElement;
}

/** The tree as rows in reading order, each with its depth, for the canvas. */
export function flatten(root: AnyFormElement): FlatRow[] {
  const rows: FlatRow[] = [];
  const walk = (el: AnyFormElement, path: Path) => {
    rows.push({ path, depth: path.length, element: el });
    if (isContainer(el)) el.elements.forEach((c, i) => walk(c, [...path, i]));
  };
  walk(root, []);
  return rows;
}

export type NewElementKind =
  'Control' | 'VerticalLayout' | 'HorizontalLayout' | 'Group' | 'Label' | 'Categorization' | 'Category';

/** A fresh element; containers start with one placeholder label (the schema wants one child). */
export function newElement(kind: NewElementKind, text: I18nText, field = ''): AnyFormElement {
  const label = (): FormElement => ({ type: 'Label', text });
  switch (kind) {
    case 'Control':
      return { type: 'Control', scope: scopeOf(field) };
    case 'Label':
      return label();
    case 'Group':
      return { type: 'Group', label: text, elements: [label()] };
    case 'VerticalLayout':
    case 'HorizontalLayout':
      return { type: kind, elements: [label()] };
    case 'Category':
      return { type: 'Category', label: text, elements: [label()] };
    case 'Categorization':
      return { type: 'Categorization', elements: [{ type: 'Category', label: text, elements: [label()] }] };
  }
}

/** Path strings for ids (`root`, `0.2.1`) and back. */
export const pathKey = (p: Path) => (p.length ? p.join('.') : 'root');
export const keyPath = (k: string): Path => (k === 'root' ? [] : k.split('.').map(Number));
