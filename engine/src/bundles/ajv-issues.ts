import { QUALIFIED_NAME_PATTERN, RELATIVE_URL_PATTERN, SCOPE_PATTERN } from '@opsflux/definitions';
import type { ErrorObject } from 'ajv';
import type { BundleIssue } from './bundle-types.ts';

/** Turns AJV's errors into sentences a business admin can act on. */
export function ajvIssues(file: string, errors: ErrorObject[] | null | undefined, data?: unknown): BundleIssue[] {
  const seen = new Set<string>();
  const out: BundleIssue[] = [];
  for (const e of errors ?? []) {
    // oneOf/if noise repeats a more precise error already reported for the same place.
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const pointer = e.instancePath;
    const message = describe(e, data);
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, pointer, code: `schema.${e.keyword}`, message });
  }
  return out;
}

function valueAt(pointer: string, data: unknown): unknown {
  let node: unknown = data;
  for (const s of pointer.split('/').slice(1).map(unescape)) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined;
  }
  return node;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Names the place of an error: `"precision"`, `Field "amount"`, `Item 3` or `This definition`. */
function placeName(pointer: string, data: unknown): string {
  const segments = pointer.split('/').slice(1).map(unescape);
  const last = segments.at(-1);
  if (last === undefined) return 'This definition';
  if (!/^\d+$/.test(last)) return `"${last}"`;
  let node: unknown = data;
  for (const s of segments) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s] : undefined;
  const name = node && typeof node === 'object' ? (node as Record<string, unknown>).name : undefined;
  const parent = segments.at(-2);
  const noun = parent === 'fields' ? 'Field' : parent === 'rules' ? 'Rule' : 'Item';
  return typeof name === 'string' ? `${noun} "${name}"` : `${noun} ${Number(last) + 1}`;
}

function describe(e: ErrorObject, data: unknown): string {
  const p = e.params as Record<string, unknown>;
  const at = placeName(e.instancePath, data);
  switch (e.keyword) {
    case 'required':
      return `${at} is missing the property "${String(p.missingProperty)}": add it`;
    case 'additionalProperties':
      return e.schemaPath.includes('i18n-text')
        ? `${at} has the language "${String(p.additionalProperty)}", which is not supported: use fr, en, es or pt`
        : `${at} has an unknown property "${String(p.additionalProperty)}": remove it or check its spelling`;
    case 'type':
      return `${at} must be ${article(String(p.type))}`;
    case 'enum':
      return `${at} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `${patternMessage(at, String(p.pattern))} (found ${JSON.stringify(e.propertyName ?? valueAt(e.instancePath, data))})`;
    case 'minLength':
      return `${at} must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `${at} must be at most ${String(p.limit)} characters long`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${at} must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'minItems':
      return `${at} needs at least ${String(p.limit)} item(s)`;
    case 'maxItems':
      return `${at} allows at most ${String(p.limit)} item(s)`;
    case 'minProperties':
      return `${at} needs at least one language (fr, en, es or pt)`;
    case 'format':
      return `${at} is not a valid ${String(p.format)}`;
    case 'discriminator':
      return p.error === 'mapping'
        ? `Unknown field type ${JSON.stringify(p.tagValue)}: use one of string, text, integer, decimal, boolean, date, datetime, time, enum, email, phone, url, reference, references, json, geopoint, computed`
        : `${placeName(e.instancePath, data)} must have a "type" naming a field type, such as "string"`;
    case 'propertyNames':
      return `${at} has a property name that is not allowed`;
    default:
      return `${at} ${e.message ?? 'is not valid'}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'a text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    'object,boolean': 'an object or true/false',
  };
  return names[type] ?? `of type ${type}`;
}

function patternMessage(at: string, pattern: string): string {
  if (pattern === '^[a-z][a-z0-9_]*$') return `${at} must start with a lowercase letter and use only a–z, 0–9 and _`;
  if (pattern === '^[a-z][a-z0-9]*$') return `${at} must start with a lowercase letter and use only a–z and 0–9`;
  if (pattern === QUALIFIED_NAME_PATTERN)
    return `${at} must be a name of this bundle, or <bundle>.<name> for one of another bundle`;
  if (pattern === RELATIVE_URL_PATTERN)
    return `${at} must be a path of the app starting with a single /, such as /notifications`;
  if (pattern === SCOPE_PATTERN) return `${at} must be #/properties/<field>`;
  if (pattern.startsWith('^(0|[1-9]')) return `${at} must be a semantic version such as 1.0.0`;
  if (pattern.startsWith('^#')) return `${at} must be a colour such as #1e88e5`;
  if (pattern === '^[a-z0-9][a-z0-9_-]*$') return `${at} must use only lowercase letters, digits, _ and -`;
  if (pattern.endsWith('\\.[a-z][a-zA-Z0-9_]*$'))
    return `${at} must be <plugin>.<name>, a plugin and what it provides (like iban.iban)`;
  return `${at} does not have the expected form (${pattern})`;
}
