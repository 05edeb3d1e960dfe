const SENTINEL = '\u0000opsflux-pointer\u0000';

function segments(pointer: string): string[] {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where the value a JSON pointer names sits in `JSON.stringify(value, null, 2)`: the document is
 * printed again with that value swapped for a marker, and everything before the marker is the
 * same text. The deepest part of the pointer that exists is used (an issue may point at a
 * property that is missing); null when not even the first part exists.
 */
export function pointerRange(value: unknown, pointer: string): { start: number; end: number } | null {
  if (!pointer || pointer === '/') return null;
  const path = segments(pointer);
  let depth = 0;
  let node: unknown = value;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) break;
    node = (node as Record<string, unknown>)[key];
    depth += 1;
  }
  if (depth === 0) return null;
  const target = path.slice(0, depth);
  const marked = JSON.stringify(
    value,
    function (this: unknown, key: string, v: unknown) {
      return v === node && isAt(this, key, target, value) ? SENTINEL : v;
    },
    2,
  );
  const start = marked.indexOf(JSON.stringify(SENTINEL));
  if (start < 0) return null;
  const printed = (JSON.stringify(node, null, 2) ?? '').replace(/\n/g, `\n${' '.repeat(2 * depth)}`);
  return { start, end: start + printed.length };
}

/** Whether `holder[key]` is the node at `path` (the same value may appear at several places). */
function isAt(holder: unknown, key: string, path: string[], root: unknown): boolean {
  let node: unknown = root;
  for (const p of path.slice(0, -1)) node = (node as Record<string, unknown>)[p];
  return node === holder && path[path.length - 1] === key;
}
