/**
 * The engine's sense of time. Every timer, SLA and schedule reads it, so tests (and a
 * rehearsal of next week's escalations) can move it forward instead of waiting.
 */
export class Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves the clock forward (or back) by `ms`; later readings keep running from there. */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Sets the clock to `at`; it keeps running from there. */
  set(at: Date): void {
    this.#offsetMs = at.getTime() - Date.now();
  }
}
