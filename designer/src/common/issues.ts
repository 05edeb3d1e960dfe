import type { DraftIssue } from '../editor-types.ts';

/** Whether `pointer` is `prefix` or lies under it (`/fields/2` holds `/fields/2/label`). */
export const under = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);

/** The issues about `prefix` and what lies under it. */
export const issuesAt = (issues: readonly DraftIssue[], prefix: string) =>
  issues.filter((i) => under(i.pointer, prefix));

/** The index a pointer names inside an array property: `/fields/3/label` → 3 for `fields`. */
export function indexIn(pointer: string | undefined, property: string): number | null {
  const m = pointer ? new RegExp(`^/${property}/(\\d+)(/|$)`).exec(pointer) : null;
  return m ? Number(m[1]) : null;
}

/** Issues not under any of `prefixes`: what belongs to the file's own settings. */
export const issuesOutside = (issues: readonly DraftIssue[], prefixes: readonly string[]) =>
  issues.filter((i) => !prefixes.some((p) => under(i.pointer, p) || i.pointer.startsWith(`${p}/`)));
