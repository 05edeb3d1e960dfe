import { BUNDLE_NAME_PATTERN, DEFINITION_KINDS, MAX_BUNDLE_NAME } from '@opsflux/definitions';
import { badRequest, OpsError } from '../errors.ts';

/** Limits on what a draft holds: a file, the number of files, all files together. */
export const MAX_FILE_BYTES = 512 * 1024;
export const MAX_DRAFT_FILES = 2000;
export const MAX_DRAFT_BYTES = 20 * 1024 * 1024;
/** Nesting deeper than any definition needs; PostgreSQL's jsonb gives up far deeper. */
export const MAX_DEPTH = 64;

/** The folders a draft may hold files in: the kinds of the language (see DEFINITION_KINDS). */
export const DRAFT_FOLDERS: readonly string[] = DEFINITION_KINDS.map((k) => k.folder);

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\.[A-Za-z0-9_-]{1,40})?\.json$/;
const BUNDLE_NAME = new RegExp(BUNDLE_NAME_PATTERN);

/** The bundle name of a URL, or 404: no bundle can have a name that is not one. */
export function checkBundleName(name: string): string {
  if (!BUNDLE_NAME.test(name) || name.length > MAX_BUNDLE_NAME) {
    throw new OpsError(404, 'not_found', `No bundle "${name.slice(0, 80)}"`);
  }
  return name;
}

/** Why `path` cannot be a file of a draft, or undefined when it can. */
export function pathProblem(path: string): string | undefined {
  if (path === 'bundle.json') return undefined;
  if (path.length > 200) return 'is longer than 200 characters';
  const slash = path.lastIndexOf('/');
  const folder = slash < 0 ? '' : path.slice(0, slash);
  if (!DRAFT_FOLDERS.includes(folder)) {
    return `must be bundle.json or sit in one of the folders ${DRAFT_FOLDERS.join(', ')}`;
  }
  if (!FILE_NAME.test(path.slice(slash + 1))) {
    return 'must end in a file name of letters, digits, "_" or "-" (one inner dot at most) and ".json"';
  }
  return undefined;
}

/** `path` when it names a file a draft may hold; a 400 naming `field` otherwise. */
export function checkPath(path: unknown, field: string): string {
  const p = typeof path === 'string' ? path : '';
  const problem = typeof path === 'string' ? pathProblem(p) : 'must be a text';
  if (problem) {
    const message = `"${field}" ${problem}`;
    throw badRequest('path_invalid', message, [{ path: field, code: 'path_invalid', message }]);
  }
  return p;
}

/** The first thing wrong in a JSON value's shape: too deep, or a NUL character in a text or key. */
function shapeProblem(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? 'holds the NUL character, which no file may' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
  for (const [k, v] of Object.entries(value)) {
    const problem = shapeProblem(k) ?? shapeProblem(v, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The serialised size of a file's content when a draft may store it: a JSON object, not too
 * large, not too deep, without the NUL character PostgreSQL's jsonb cannot hold.
 */
export function checkContent(content: unknown, field = 'content'): number {
  const fail = (code: string, problem: string, status = 422) => {
    const message = `"${field}" ${problem}`;
    return new OpsError(status, code, message, [{ path: field, code, message }]);
  };
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw fail('content_invalid', 'must be a JSON object (the parsed content of the file)');
  }
  // The shape first: serialising a value nested thousands deep would exhaust the stack.
  const problem = shapeProblem(content);
  if (problem) throw fail('content_invalid', problem);
  const text = JSON.stringify(content);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) {
    throw fail('file_too_large', `is ${bytes} bytes: a file holds at most ${MAX_FILE_BYTES}`, 413);
  }
  return bytes;
}
