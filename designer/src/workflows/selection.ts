/** What the properties panel shows: one state or one transition, by index. */
export type Selection = { kind: 'state' | 'transition'; index: number } | null;

/** Which state or transition a JSON pointer (`/states/2/label`) is about. */
export function selectionOfPointer(pointer: string | undefined): Selection {
  const m = /^\/(states|transitions)\/(\d+)(\/|$)/.exec(pointer ?? '');
  return m ? { kind: m[1] === 'states' ? 'state' : 'transition', index: Number(m[2]) } : null;
}
