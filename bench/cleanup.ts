/**
 * Steps that undo the bench's setup (stop servers, drop the database), run in reverse order by
 * `cleanup()` whatever happens: the end of the run, an error, Ctrl-C.
 */

const steps: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;

export function onCleanup(step: () => Promise<void>): void {
  steps.push(step);
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (e) {
        console.error('[bench] cleanup step failed:', e);
      }
    }
  })();
  return cleaning;
}
