import type { DraftIssue } from '../editor-types.ts';
import type { Path } from './form-tree.ts';

/** Which layout a pointer is in (`main` or a variant's state) and the element's path there. */
export interface LayoutPlace {
  layout: string;
  path: Path;
}

/** `/layout/elements/0/elements/2/label` → `{ layout: 'main', path: [0, 2] }`. */
export function placeOf(pointer: string): LayoutPlace | null {
  const parts = pointer.split('/').slice(1);
  let layout: string;
  let rest: string[];
  if (parts[0] === 'layout') [layout, rest] = ['main', parts.slice(1)];
  else if (parts[0] === 'variants' && parts[1])
    [layout, rest] = [decodeURIComponent(parts[1].replace(/~1/g, '/').replace(/~0/g, '~')), parts.slice(2)];
  else return null;
  const path: number[] = [];
  for (let i = 0; i + 1 < rest.length && rest[i] === 'elements' && /^\d+$/.test(rest[i + 1]!); i += 2)
    path.push(Number(rest[i + 1]));
  return { layout, path };
}

/** The issues about one element itself (not its children). */
export function issuesOfElement(issues: readonly DraftIssue[], layout: string, path: Path): DraftIssue[] {
  return issues.filter((i) => {
    const place = placeOf(i.pointer);
    return (
      place !== null &&
      place.layout === layout &&
      place.path.length === path.length &&
      place.path.every((v, k) => v === path[k])
    );
  });
}
