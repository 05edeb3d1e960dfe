import type { DraftIssue } from '../editor-types.ts';
import { MANIFEST } from './file-tree-model.ts';

/** Where an issue takes the admin: a file of the draft (with the place in it), or the manifest. */
export interface IssueTarget {
  path: string;
  pointer: string;
}

/**
 * The draft file an issue names. The engine names files by their path in the bundle; an issue
 * may also name one without `.json`, with a leading `./` or the bundle's folder, or name none
 * (a bundle-wide problem, shown on the manifest).
 */
export function issueFile(issue: Pick<DraftIssue, 'file'>, paths: readonly string[]): string | null {
  const raw = (issue.file ?? '').replace(/\\/g, '/').replace(/^\.?\//, '');
  if (!raw) return paths.includes(MANIFEST) ? MANIFEST : null;
  if (paths.includes(raw)) return raw;
  if (paths.includes(`${raw}.json`)) return `${raw}.json`;
  const tail = paths.find((p) => raw.endsWith(`/${p}`));
  return tail ?? null;
}

export function issueTarget(issue: DraftIssue, paths: readonly string[]): IssueTarget | null {
  const path = issueFile(issue, paths);
  return path ? { path, pointer: issue.pointer ?? '' } : null;
}

/** Issues by the file they belong to; those that name no known file go under `''`. */
export function issuesByFile(issues: readonly DraftIssue[], paths: readonly string[]): Map<string, DraftIssue[]> {
  const out = new Map<string, DraftIssue[]>();
  for (const issue of issues) {
    const key = issueFile(issue, paths) ?? '';
    const list = out.get(key);
    if (list) list.push(issue);
    else out.set(key, [issue]);
  }
  return out;
}
