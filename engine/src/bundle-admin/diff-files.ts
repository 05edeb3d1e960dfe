/**
 * What changed between two sets of bundle files: per file added, removed or changed, and for
 * a changed file each JSON pointer whose value differs, with the value before and after.
 * Objects are compared key by key, arrays index by index (an inserted item shows as the
 * following items changed and one added at the end). Pure.
 */

export interface FileChange {
  /** JSON pointer into the file (RFC 6901); '' is the whole file. */
  pointer: string;
  before?: unknown;
  after?: unknown;
}

export interface FileDiff {
  path: string;
  status: 'added' | 'removed' | 'changed';
  changes: FileChange[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The differences between two JSON values, one entry per pointer where they part. */
export function diffJson(before: unknown, after: unknown, pointer = ''): FileChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: FileChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${pointer}/${i}`;
      if (i >= after.length) out.push({ pointer: at, before: before[i] });
      else if (i >= before.length) out.push({ pointer: at, after: after[i] });
      else out.push(...diffJson(before[i], after[i], at));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: FileChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byCodeUnit);
    for (const k of keys) {
      const at = `${pointer}/${escape(k)}`;
      if (!Object.hasOwn(after, k)) out.push({ pointer: at, before: before[k] });
      else if (!Object.hasOwn(before, k)) out.push({ pointer: at, after: after[k] });
      else out.push(...diffJson(before[k], after[k], at));
    }
    return out;
  }
  return Object.is(before, after) || (before === 0 && after === 0) ? [] : [{ pointer, before, after }];
}

/** Files of `from` against files of `to` (parsed JSON by path), in path order. */
export function diffFiles(from: Record<string, unknown>, to: Record<string, unknown>): FileDiff[] {
  const paths = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort(byCodeUnit);
  const out: FileDiff[] = [];
  for (const path of paths) {
    if (!Object.hasOwn(to, path)) out.push({ path, status: 'removed', changes: [{ pointer: '', before: from[path] }] });
    else if (!Object.hasOwn(from, path))
      out.push({ path, status: 'added', changes: [{ pointer: '', after: to[path] }] });
    else {
      const changes = diffJson(from[path], to[path]);
      if (changes.length) out.push({ path, status: 'changed', changes });
    }
  }
  return out;
}
