import type { DiffChange, FileDiff } from '../api/designer-types.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffLine {
  pointer: string;
  /** The pointer as words: `/fields/2/label/en` → `fields › 3 › label › en` (items counted from 1). */
  place: string;
  kind: ChangeKind;
  before: string | null;
  after: string | null;
}

export interface DiffFile {
  path: string;
  status: FileDiff['status'];
  lines: DiffLine[];
}

export interface DiffModel {
  files: DiffFile[];
  counts: Record<FileDiff['status'], number>;
}

const MAX_VALUE = 240;

/** A JSON pointer's segments, unescaped (`~1` is `/`, `~0` is `~`). */
export function pointerSegments(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The place a pointer names, for a reader: array positions counted from one. */
export function describePointer(pointer: string): string {
  const segments = pointerSegments(pointer);
  if (!segments.length) return '';
  return segments.map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s)).join(' › ');
}

/** A value in one short line: strings as they are, anything else as compact JSON, cut if long. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function line(change: DiffChange): DiffLine {
  const hasBefore = 'before' in change && change.before !== undefined;
  const hasAfter = 'after' in change && change.after !== undefined;
  const kind: ChangeKind = hasBefore && hasAfter ? 'changed' : hasAfter ? 'added' : 'removed';
  return {
    pointer: change.pointer,
    place: describePointer(change.pointer),
    kind,
    before: hasBefore ? showValue(change.before) : null,
    after: hasAfter ? showValue(change.after) : null,
  };
}

/**
 * What the diff view draws: files in path order (the manifest first), each change as a line with
 * its place in words and the value before and after. Changes inside a file keep the engine's
 * order, which follows the file.
 */
export function buildDiffModel(files: readonly FileDiff[]): DiffModel {
  const counts = { added: 0, removed: 0, changed: 0 };
  const out = files
    .map((f) => {
      counts[f.status] += 1;
      return { path: f.path, status: f.status, lines: (f.changes ?? []).map(line) };
    })
    .sort((a, b) => (a.path === 'bundle.json' ? -1 : b.path === 'bundle.json' ? 1 : a.path.localeCompare(b.path)));
  return { files: out, counts };
}

/** Rows of the history that record no definition: nothing to compare or roll back to. */
const NO_FILES = new Set(['uninstall', 'purge', 'activate', 'deactivate']);

/** Whether a history row is an apply (install, upgrade, rollback…) holding the bundle's files. */
export const holdsFiles = (v: { operation: string }) => !NO_FILES.has(v.operation);

/** The default comparison: the newest version against the draft when there is one, else the one before. */
export function defaultComparison(
  versionIds: readonly string[],
  hasDraft: boolean,
): { from: string | null; to: string | null } {
  const [newest, previous] = versionIds;
  if (!newest) return { from: null, to: null };
  if (hasDraft) return { from: newest, to: 'draft' };
  return { from: previous ?? null, to: previous ? newest : null };
}
