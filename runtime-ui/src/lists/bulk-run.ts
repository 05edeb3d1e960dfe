/**
 * Bulk actions, the pure parts: the engine has no bulk route, so each record is one call, a few
 * at a time; the actions offered are those every selected record allows; each refusal keeps
 * the engine's reason. Tested alone.
 */
import { isApiError } from '../api/api-error.ts';
import type { TransitionOption, TransitionsInfo } from '../api/api-types.ts';

/** Calls at once: enough to be quick, few enough to leave the engine to others. */
export const BULK_CONCURRENCY = 4;

export type BulkOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * `fn` on every item, at most `limit` at a time, the outcomes in the items' order. A failure is
 * an outcome, not an exception: the others go on. `onProgress` hears each one as it ends.
 */
export async function runLimited<I, T>(
  items: readonly I[],
  limit: number,
  fn: (item: I) => Promise<T>,
  onProgress?: (done: number) => void,
): Promise<BulkOutcome<T>[]> {
  const out: BulkOutcome<T>[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { ok: true, value: await fn(items[i]!) };
      } catch (e) {
        out[i] = { ok: false, reason: reasonOf(e) };
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** What the engine said: its message, and each field's problem after it. */
export function reasonOf(e: unknown): string {
  if (isApiError(e)) {
    const details = e.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
    return [e.message, ...details.filter((d) => d !== e.message)].join(' — ');
  }
  return e instanceof Error ? e.message : String(e);
}

/** Transitions every record allows now, in the first record's order. */
export function commonTransitions(infos: readonly TransitionsInfo[]): TransitionOption[] {
  if (!infos.length) return [];
  const [first, ...others] = infos;
  return first!.transitions.filter(
    (t) => t.allowed && others.every((info) => info.transitions.some((o) => o.name === t.name && o.allowed)),
  );
}
