import { DEFINITION_KINDS } from '@opsflux/definitions';
import { format, type Options } from 'prettier';
import { bundleToFiles, type BundleLike } from './bundle-to-files.ts';
import { byCodeUnit, itemSchema, kindSchema, orderedEntries, type SchemaAt } from './schema-key-order.ts';

/**
 * Config as code: a definition written as a file a person reviews in a diff. Keys follow the
 * kind's JSON Schema (see schema-key-order.ts), objects of plain values sit on one line when
 * they fit, Prettier's JSON style does the rest. Same content in, same bytes out.
 */

/** The repository's Prettier settings for JSON (see .prettierrc.json); exports carry them. */
export const PRETTIER_JSON: Options = { parser: 'json', printWidth: 120 };

const isPlain = (v: unknown) => v === null || typeof v !== 'object';

/**
 * JSON text Prettier then lays out. Prettier keeps an object expanded when its source has a
 * line break after `{`: objects holding only plain values are written on one line so Prettier
 * keeps them collapsed where they fit; the others are broken, like hand-written bundle files.
 */
function draft(value: unknown, at: SchemaAt | undefined, top = false): string {
  if (isPlain(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v, i) => draft(v, itemSchema(at, value, i))).join(', ')}]`;
  const entries = orderedEntries(value as Record<string, unknown>, at);
  if (!entries.length) return '{}';
  const parts = entries.map(([k, v, s]) => `${JSON.stringify(k)}: ${draft(v, s)}`);
  if (!top && entries.every(([, v]) => isPlain(v))) return `{ ${parts.join(', ')} }`;
  return `{\n${parts.join(',\n')}\n}`;
}

/**
 * One definition file's text. `kind` is a definition kind (`entity`, `form`, ...) or `bundle`
 * for bundle.json; any other (or none) orders every key alphabetically. Prettier's API is
 * asynchronous, hence the promise.
 */
export async function formatDefinition(kind: string | undefined, json: unknown): Promise<string> {
  // Through JSON first: what JSON cannot hold (undefined, functions, NaN) goes as JSON.stringify says.
  const value: unknown = JSON.parse(JSON.stringify(json) ?? 'null');
  return format(draft(value, kindSchema(kind), true), PRETTIER_JSON);
}

/** The kind of a file by its path in a bundle: `bundle`, a definition kind, or undefined. */
export function kindOfPath(path: string): string | undefined {
  if (path === 'bundle.json') return 'bundle';
  const match = [...DEFINITION_KINDS]
    .sort((a, b) => b.folder.length - a.folder.length)
    .find((k) => path.startsWith(`${k.folder}/`) && !path.slice(k.folder.length + 1).includes('/'));
  return match?.kind;
}

/** Formats files keyed by path (parsed JSON) into their text, in path order. */
export async function formatFiles(files: ReadonlyMap<string, unknown>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of [...files.keys()].sort(byCodeUnit)) {
    out.set(path, await formatDefinition(kindOfPath(path), files.get(path)));
  }
  return out;
}

/** A bundle as the text of its folder's files: path → formatted JSON. */
export function bundleFiles(bundle: BundleLike): Promise<Map<string, string>> {
  return formatFiles(bundleToFiles(bundle));
}
