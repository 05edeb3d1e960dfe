import { isApiError } from '@opsflux/runtime-ui/api-error';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeResult, Draft } from '../api/designer-types.ts';
import { dkeys, useDesignerApi } from '../api/queries.ts';
import { mergeChanged } from './merge-changed.ts';

/** How long the shell waits after the last change before it saves. */
export const SAVE_DELAY_MS = 800;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** Someone else wrote the draft since we read it: their draft, and the files we had not saved. */
export interface ConflictState {
  theirs: Draft;
  mine: Record<string, unknown>;
  /** A rename, creation or removal that was refused, to tell the admin it did not happen. */
  lostOperation: string | null;
}

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

const isConflict = (e: unknown) => isApiError(e) && e.status === 409 && e.code === 'draft_conflict';

/**
 * The open draft of one bundle: the files as edited here, saved one by one after a short pause
 * with the revision they were based on. Writes go through one queue so each names the revision
 * the previous one returned. A stale revision stops the queue and keeps our edits until the
 * admin chooses (reload or overwrite).
 */
export function useDraftSession(bundle: string, initial: Draft): DraftSession {
  const d = useDesignerApi();
  const qc = useQueryClient();
  const [files, setFiles] = useState(initial.files);
  const [revision, setRevision] = useState(initial.revision);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);

  const filesRef = useRef(initial.files);
  const revisionRef = useRef(initial.revision);
  const pending = useRef(new Map<string, unknown>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const blocked = useRef(false);

  const publishState = useCallback(
    (nextFiles: Record<string, unknown>, nextRevision: number) => {
      filesRef.current = nextFiles;
      revisionRef.current = nextRevision;
      setFiles(nextFiles);
      setRevision(nextRevision);
      // The cached draft follows, so reopening the workspace starts from what is saved.
      qc.setQueryData<Draft>(dkeys.draft(bundle), (old) =>
        old ? { ...old, files: nextFiles, revision: nextRevision } : old,
      );
    },
    [qc, bundle],
  );

  const enterConflict = useCallback(
    async (lostOperation: string | null) => {
      blocked.current = true;
      setStatus('conflict');
      const theirs = await d.draft(bundle);
      setConflict({ theirs, mine: Object.fromEntries(pending.current), lostOperation });
    },
    [d, bundle],
  );

  /** Runs one write after the others; a conflict or an error stops the rest. */
  const enqueue = useCallback(
    <T>(write: () => Promise<T>, lostOperation: string | null): Promise<boolean> => {
      const run = queue.current.then(async () => {
        if (blocked.current) return false;
        setStatus('saving');
        try {
          await write();
          setError(null);
          setStatus(pending.current.size ? 'pending' : 'saved');
          return true;
        } catch (e) {
          if (isConflict(e)) await enterConflict(lostOperation).catch(setError);
          else {
            setError(e);
            setStatus('error');
          }
          return false;
        }
      });
      queue.current = run;
      return run;
    },
    [enterConflict],
  );

  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    if (pending.current.size === 0) return queue.current.then(() => !blocked.current);
    return enqueue(async () => {
      while (pending.current.size) {
        const [path, content] = pending.current.entries().next().value as [string, unknown];
        const result = await d.putFile(bundle, path, revisionRef.current, content);
        // Edited again while it was being saved: the newer content stays queued.
        if (pending.current.get(path) === content) pending.current.delete(path);
        publishState(mergeChanged(filesRef.current, result.changed, pending.current), result.revision);
      }
      await qc.invalidateQueries({ queryKey: dkeys.bundles });
    }, null);
  }, [enqueue, d, bundle, publishState, qc]);

  const changeMany = useCallback(
    (changed: Record<string, unknown>) => {
      const next = { ...filesRef.current };
      for (const [path, content] of Object.entries(changed)) {
        next[path] = content;
        pending.current.set(path, content);
      }
      publishState(next, revisionRef.current);
      if (blocked.current) return;
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [publishState, flush],
  );
  const change = useCallback((path: string, content: unknown) => changeMany({ [path]: content }), [changeMany]);

  const structural = useCallback(
    async (
      label: string,
      write: () => Promise<ChangeResult>,
      apply: (f: Record<string, unknown>) => Record<string, unknown>,
    ) => {
      if (!(await flush())) return false;
      return enqueue(async () => {
        const r = await write();
        publishState(apply({ ...mergeChanged(filesRef.current, r.changed, pending.current) }), r.revision);
        await qc.invalidateQueries({ queryKey: dkeys.bundles });
      }, label);
    },
    [flush, enqueue, publishState, qc],
  );

  const create = useCallback(
    (path: string, content: unknown) =>
      structural(
        path,
        () => d.putFile(bundle, path, revisionRef.current, content),
        (f) => ({ ...f, [path]: content }),
      ),
    [structural, d, bundle],
  );
  const remove = useCallback(
    (path: string) =>
      structural(
        path,
        () => d.deleteFile(bundle, path, revisionRef.current),
        (f) => {
          delete f[path];
          return f;
        },
      ),
    [structural, d, bundle],
  );
  const rename = useCallback(
    (from: string, to: string) =>
      structural(
        `${from} → ${to}`,
        () => d.renameFile(bundle, revisionRef.current, from, to),
        (f) => {
          f[to] = f[from];
          delete f[from];
          return f;
        },
      ),
    [structural, d, bundle],
  );

  const reload = useCallback(() => {
    if (!conflict) return;
    pending.current.clear();
    blocked.current = false;
    publishState(conflict.theirs.files, conflict.theirs.revision);
    setConflict(null);
    setStatus('saved');
  }, [conflict, publishState]);

  const overwrite = useCallback(() => {
    if (!conflict) return;
    blocked.current = false;
    publishState({ ...conflict.theirs.files, ...conflict.mine }, conflict.theirs.revision);
    setConflict(null);
    void flush();
  }, [conflict, publishState, flush]);

  // Leaving the workspace saves what waits for its pause; a failed save is not retried unasked.
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);
  useEffect(
    () => () => {
      if (pending.current.size && !blocked.current && statusRef.current !== 'error') void flush();
    },
    [flush],
  );

  const dirty =
    status === 'pending' ||
    status === 'saving' ||
    status === 'conflict' ||
    (status === 'error' && pending.current.size > 0);
  return useMemo(
    () => ({
      files,
      revision,
      status,
      error,
      conflict,
      dirty,
      change,
      changeMany,
      flush,
      create,
      remove,
      rename,
      reload,
      overwrite,
    }),
    [
      files,
      revision,
      status,
      error,
      conflict,
      dirty,
      change,
      changeMany,
      flush,
      create,
      remove,
      rename,
      reload,
      overwrite,
    ],
  );
}
