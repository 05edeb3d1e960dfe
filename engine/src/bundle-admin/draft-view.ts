import type { BundleFiles } from './bundle-to-files.ts';
import type { Draft } from './draft-store.ts';

/** What `GET …/draft` answers: the draft, or the applied files at revision 0 when there is none. */
export interface DraftView {
  bundle: string;
  /** True when a draft exists; false when these are the applied files. */
  isDraft: boolean;
  revision: number;
  baseVersion: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByName: string | null;
  files: Record<string, unknown>;
  /** The revision each file last changed at. */
  fileRevisions: Record<string, number>;
}

export function draftView(d: Draft): DraftView {
  return {
    bundle: d.bundle,
    isDraft: true,
    revision: d.revision,
    baseVersion: d.baseVersion,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    updatedByName: d.updatedByName,
    files: Object.fromEntries(d.files),
    fileRevisions: Object.fromEntries(d.fileRevisions),
  };
}

export function appliedView(
  bundle: string,
  applied: { files: BundleFiles; version: string; appliedAt: string; appliedBy: string | null },
): DraftView {
  return {
    bundle,
    isDraft: false,
    revision: 0,
    baseVersion: applied.version,
    updatedAt: applied.appliedAt,
    updatedBy: applied.appliedBy,
    updatedByName: null,
    files: Object.fromEntries(applied.files),
    fileRevisions: Object.fromEntries([...applied.files.keys()].map((p) => [p, 0])),
  };
}
