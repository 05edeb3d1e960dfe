import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Draft } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { DraftWriter, type ConflictState, type SaveStatus } from './draft-writer.ts';

export type { ConflictState, SaveStatus };

export interface DraftSession {
  files: Record<string, unknown>;
  revision: number;
  status: SaveStatus;
  error: unknown;
  conflict: ConflictState | null;
  /** Changes not yet on the engine. */
  dirty: boolean;
  change(path: string, content: unknown): void;
  changeMany(files: Record<string, unknown>): void;
  flush(): Promise<boolean>;
  create(path: string, content: unknown): Promise<boolean>;
  remove(path: string): Promise<boolean>;
  rename(from: string, to: string): Promise<boolean>;
  /** Conflict: take their draft, drop ours. */
  reload(): void;
  /** Conflict: write our files on top of theirs, knowingly. */
  overwrite(): void;
}

/**
 * The workspace's draft (draft-writer.ts does the saving) as React state. The cached draft
 * follows each save, so reopening the workspace starts from what is saved; the bundle list's
 * draft column is refreshed after each one.
 */
export function useDraftSession(bundle: string, initial: Draft): DraftSession {
  const d = useDesignerApi();
  const qc = useQueryClient();
  const [writer] = useState(() => new DraftWriter(bundle, initial, d));
  const state = useSyncExternalStore(writer.subscribe, writer.getState);

  useEffect(() => {
    qc.setQueryData<Draft>(dkeys.draft(bundle), (old) =>
      old ? { ...old, files: state.files, revision: state.revision } : old,
    );
  }, [qc, bundle, state.files, state.revision]);
  useEffect(() => {
    if (state.revision !== initial.revision) void qc.invalidateQueries({ queryKey: dkeys.bundles });
  }, [qc, state.revision, initial.revision]);
  // Leaving the workspace saves what waits for its pause.
  useEffect(() => () => writer.leave(), [writer]);

  const dirty =
    state.status === 'pending' || state.status === 'saving' || state.status === 'conflict' || state.status === 'error';
  return useMemo(
    () => ({
      ...state,
      dirty,
      change: writer.change,
      changeMany: writer.changeMany,
      flush: writer.flush,
      create: writer.create,
      remove: writer.remove,
      rename: writer.rename,
      reload: writer.reload,
      overwrite: writer.overwrite,
    }),
    [state, dirty, writer],
  );
}
