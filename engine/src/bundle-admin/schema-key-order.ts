import { ALL_SCHEMAS } from '@opsflux/definitions';

/**
 * The order in which a definition's keys are written: the order of the properties in the
 * kind's JSON Schema (following `$ref`s, `allOf`/`if`/`then` and the `oneOf`/`anyOf` branch the
 * value matches), then the keys the schema does not describe, alphabetically. The order depends
 * on the value's content only, never on the order of its keys.
 */

type Schema = Record<string, unknown>;

/** A schema together with the document its `#/...` references point into. */
interface At {
  schema: Schema;
  root: Schema;
}

const BY_ID = new Map<string, Schema>(
  (ALL_SCHEMAS as Schema[]).filter((s) => typeof s.$id === 'string').map((s) => [s.$id as string, s]),
);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Code-unit order, the same on every machine and locale. */
export const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The schema of a definition file's kind (`entity`, `form`, ... or `bundle` for bundle.json). */
export function kindSchema(kind: string | undefined): At | undefined {
  if (!kind) return undefined;
  const id = kind === 'permissionTest' ? 'opsflux:permission-tests' : `opsflux:${kind}`;
  const schema = BY_ID.get(id);
  return schema && { schema, root: schema };
}

function resolve(at: At | undefined): At | undefined {
  for (let depth = 0; at && typeof at.schema.$ref === 'string' && depth < 32; depth++) {
    const ref = at.schema.$ref;
    if (ref.startsWith('#')) {
      let target: unknown = at.root;
      for (const part of ref.slice(2).split('/').filter(Boolean)) {
        target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      }
      at = isObject(target) ? { schema: target, root: at.root } : undefined;
    } else {
      const schema = BY_ID.get(ref);
      at = schema && { schema, root: schema };
    }
  }
  return at;
}

const TYPE_OF = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;

/** A cheap test that a branch fits the value: its type, its constants and its required keys. */
function fits(at: At | undefined, value: unknown): boolean {
  const r = resolve(at);
  if (!r) return false;
  const s = r.schema;
  if (s.type !== undefined) {
    const types = [s.type].flat() as string[];
    const t = TYPE_OF(value);
    if (!types.includes(t) && !(t === 'number' && types.includes('integer'))) return false;
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (!isObject(value)) return true;
  if (Array.isArray(s.required) && !s.required.every((k) => Object.hasOwn(value, k as string))) return false;
  if (isObject(s.properties)) {
    for (const [k, sub] of Object.entries(s.properties)) {
      if (!Object.hasOwn(value, k) || !isObject(sub)) continue;
      const subAt = resolve({ schema: sub, root: r.root });
      const constrains = subAt && ('const' in subAt.schema || Array.isArray(subAt.schema.enum));
      if (constrains && !fits(subAt, value[k])) return false;
    }
  }
  return true;
}

/** The schema and every part of it that applies to this value (allOf, if/then/else, the matching branch). */
function views(at: At | undefined, value: unknown, depth = 0): At[] {
  const r = resolve(at);
  if (!r || depth > 16) return [];
  const out: At[] = [r];
  const sub = (s: unknown) => (isObject(s) ? { schema: s, root: r.root } : undefined);
  for (const part of (r.schema.allOf as unknown[] | undefined) ?? []) {
    const p = sub(part);
    if (!p) continue;
    if (isObject(p.schema.if)) {
      const branch = fits(sub(p.schema.if), value) ? p.schema.then : p.schema.else;
      out.push(...views(sub(branch), value, depth + 1));
    } else out.push(...views(p, value, depth + 1));
  }
  if (isObject(r.schema.if)) {
    out.push(...views(sub(fits(sub(r.schema.if), value) ? r.schema.then : r.schema.else), value, depth + 1));
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branch = ((r.schema[key] as unknown[] | undefined) ?? []).map(sub).find((b) => fits(b, value));
    if (branch) out.push(...views(branch, value, depth + 1));
  }
  return out;
}

/** The keys of `value` in writing order, each with the schema describing its value (if any). */
export function orderedEntries(value: Record<string, unknown>, at: At | undefined): [string, unknown, At?][] {
  const applicable = views(at, value);
  const known: string[] = [];
  const schemaOf = new Map<string, At>();
  for (const v of applicable) {
    const props = v.schema.properties;
    if (!isObject(props)) continue;
    for (const [k, s] of Object.entries(props)) {
      if (!known.includes(k)) known.push(k);
      if (!schemaOf.has(k) && isObject(s)) schemaOf.set(k, { schema: s, root: v.root });
    }
  }
  const childSchema = (k: string): At | undefined => {
    const direct = schemaOf.get(k);
    if (direct) return direct;
    for (const v of applicable) {
      const patterns = v.schema.patternProperties;
      if (isObject(patterns)) {
        for (const [p, s] of Object.entries(patterns)) {
          if (isObject(s) && safeTest(p, k)) return { schema: s, root: v.root };
        }
      }
      if (isObject(v.schema.additionalProperties)) return { schema: v.schema.additionalProperties, root: v.root };
    }
    return undefined;
  };
  const keys = Object.keys(value);
  const ordered = [
    ...known.filter((k) => Object.hasOwn(value, k)),
    ...keys.filter((k) => !known.includes(k)).sort(byCodeUnit),
  ];
  return ordered.map((k) => [k, value[k], childSchema(k)]);
}

/** The schema of an array's items at `index`. */
export function itemSchema(at: At | undefined, value: unknown[], index: number): At | undefined {
  for (const v of views(at, value)) {
    const prefix = v.schema.prefixItems;
    if (Array.isArray(prefix) && index < prefix.length && isObject(prefix[index]))
      return { schema: prefix[index], root: v.root };
    if (isObject(v.schema.items)) return { schema: v.schema.items, root: v.root };
  }
  return undefined;
}

function safeTest(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

export type { At as SchemaAt };
