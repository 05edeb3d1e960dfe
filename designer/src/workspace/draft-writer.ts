import { isApiError } from '@opsflux/runtime-ui/api-error';
import type { ChangeResult, Draft } from '../api/designer-types.ts';
import { mergeChanged } from './merge-changed.ts';

/** How long the writer waits after the last change before it saves. */
export const SAVE_DELAY_MS = 800;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** Someone else wrote the draft since we read it: their draft, and the files we had not saved. */
export interface ConflictState {
  theirs: Draft;
  mine: Record<string, unknown>;
  /** A rename, creation or removal that was refused, to tell the admin it did not happen. */
  lostOperation: string | null;
}

export interface DraftState {
  files: Record<string, unknown>;
  revision: number;
  status: SaveStatus;
  error: unknown;
  conflict: ConflictState | null;
}

/** The calls of the designer API the writer makes (designer-api.ts). */
export interface DraftWriterApi {
  putFile(bundle: string, path: string, revision: number, content: unknown): Promise<ChangeResult>;
  deleteFile(bundle: string, path: string, revision: number): Promise<ChangeResult>;
  renameFile(bundle: string, revision: number, from: string, to: string): Promise<ChangeResult>;
  draft(bundle: string): Promise<Draft>;
}

const isConflict = (e: unknown) => isApiError(e) && e.status === 409 && e.code === 'draft_conflict';

/**
 * The open draft of one bundle: the files as edited here, saved one by one after a short pause
 * with the revision they were based on. Writes go through one queue so each names the revision
 * the previous one returned; files others saved meanwhile come back with each answer and are
 * taken in. A stale revision (`409 draft_conflict`) stops the queue and keeps our edits until the
 * admin chooses: `reload` (theirs) or `overwrite` (ours on top of theirs).
 */
export class DraftWriter {
  #bundle: string;
  #api: DraftWriterApi;
  #delay: number;
  #state: DraftState;
  #pending = new Map<string, unknown>();
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #blocked = false;
  #listeners = new Set<() => void>();

  constructor(bundle: string, initial: Draft, api: DraftWriterApi, delayMs = SAVE_DELAY_MS) {
    this.#bundle = bundle;
    this.#api = api;
    this.#delay = delayMs;
    this.#state = { files: initial.files, revision: initial.revision, status: 'saved', error: null, conflict: null };
  }

  getState = (): DraftState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #set(patch: Partial<DraftState>) {
    this.#state = { ...this.#state, ...patch };
    this.#listeners.forEach((l) => l());
  }

  change = (path: string, content: unknown) => this.changeMany({ [path]: content });

  changeMany = (changed: Record<string, unknown>) => {
    const files = { ...this.#state.files };
    for (const [path, content] of Object.entries(changed)) {
      files[path] = content;
      this.#pending.set(path, content);
    }
    if (this.#blocked) return this.#set({ files });
    this.#set({ files, status: 'pending' });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delay);
  };

  /** Runs one write after the others; a conflict or an error stops it. */
  #enqueue(write: () => Promise<void>, lostOperation: string | null): Promise<boolean> {
    const run = this.#queue.then(async () => {
      if (this.#blocked) return false;
      this.#set({ status: 'saving' });
      try {
        await write();
        this.#set({ error: null, status: this.#pending.size ? 'pending' : 'saved' });
        return true;
      } catch (e) {
        if (isConflict(e)) await this.#enterConflict(lostOperation);
        else this.#set({ error: e, status: 'error' });
        return false;
      }
    });
    this.#queue = run;
    return run;
  }

  async #enterConflict(lostOperation: string | null) {
    this.#blocked = true;
    this.#set({ status: 'conflict' });
    try {
      const theirs = await this.#api.draft(this.#bundle);
      this.#set({ conflict: { theirs, mine: Object.fromEntries(this.#pending), lostOperation } });
    } catch (e) {
      this.#set({ error: e });
    }
  }

  #take(result: ChangeResult, apply?: (files: Record<string, unknown>) => void) {
    const files = { ...mergeChanged(this.#state.files, result.changed, this.#pending) };
    apply?.(files);
    this.#set({ files, revision: result.revision });
  }

  /** Saves what waits now; true once everything is on the engine. */
  flush = (): Promise<boolean> => {
    clearTimeout(this.#timer);
    if (this.#pending.size === 0) return this.#queue.then(() => !this.#blocked && this.#state.status !== 'error');
    return this.#enqueue(async () => {
      while (this.#pending.size) {
        const [path, content] = this.#pending.entries().next().value as [string, unknown];
        const result = await this.#api.putFile(this.#bundle, path, this.#state.revision, content);
        // Edited again while it was being saved: the newer content stays queued.
        if (this.#pending.get(path) === content) this.#pending.delete(path);
        this.#take(result);
      }
    }, null);
  };

  async #structural(label: string, write: () => Promise<ChangeResult>, apply: (f: Record<string, unknown>) => void) {
    if (!(await this.flush())) return false;
    return this.#enqueue(async () => this.#take(await write(), apply), label);
  }

  create = (path: string, content: unknown) =>
    this.#structural(
      path,
      () => this.#api.putFile(this.#bundle, path, this.#state.revision, content),
      (f) => {
        f[path] = content;
      },
    );

  remove = (path: string) =>
    this.#structural(
      path,
      () => this.#api.deleteFile(this.#bundle, path, this.#state.revision),
      (f) => {
        delete f[path];
      },
    );

  /**
   * The engine renames the definition with its file (its `name`, and `renamedFrom` for an
   * entity): the renamed file is read back from it rather than guessed here.
   */
  rename = (from: string, to: string) => {
    let renamed: unknown;
    return this.#structural(
      `${from} → ${to}`,
      async () => {
        const result = await this.#api.renameFile(this.#bundle, this.#state.revision, from, to);
        renamed = (await this.#api.draft(this.#bundle)).files[to];
        return result;
      },
      (f) => {
        f[to] = renamed ?? f[from];
        delete f[from];
      },
    );
  };

  /** Conflict: take their draft, drop ours. */
  reload = () => {
    const c = this.#state.conflict;
    if (!c) return;
    this.#pending.clear();
    this.#blocked = false;
    this.#set({ files: c.theirs.files, revision: c.theirs.revision, conflict: null, status: 'saved', error: null });
  };

  /** Conflict: write our unsaved files on top of theirs, knowingly. */
  overwrite = () => {
    const c = this.#state.conflict;
    if (!c) return;
    this.#blocked = false;
    this.#set({ files: { ...c.theirs.files, ...c.mine }, revision: c.theirs.revision, conflict: null });
    void this.flush();
  };

  /** Leaving: what waits for its pause is saved now; a failed save is not retried unasked. */
  leave = () => {
    if (this.#pending.size && !this.#blocked && this.#state.status !== 'error') void this.flush();
  };
}
