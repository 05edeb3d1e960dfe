import { CompoundCondition, FieldCondition, type Condition } from '@ucast/core';
import { badRequest, type ErrorDetail } from '../errors.ts';
import { bindFilterPlaceholders, type PlaceholderValues } from './filter-placeholders.ts';

/**
 * The filter language: MongoDB-like JSON, parsed into ucast conditions — the same AST that
 * CASL produces for permission conditions, so one SQL translator serves both.
 *
 *   { "status": "open", "country": { "$in": ["CM", "GA"] }, "$or": [ ... ] }
 */
export const FIELD_OPERATORS = [
  '$eq',
  '$ne',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$in',
  '$nin',
  '$contains',
  '$startsWith',
  '$null',
  '$between',
] as const;
const MAX_DEPTH = 8;
const MAX_NODES = 200;
const MAX_LIST = 500;
const PATH_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,3}$/;

class FilterSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Scalar = string | number | boolean | null;

export function parseFilterParam(raw: string, placeholders?: PlaceholderValues): Condition | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest('filter_invalid', 'The filter is not valid JSON', [
      { path: 'filter', code: 'invalid_json', message: 'filter must be URL-encoded JSON such as {"country":"CM"}' },
    ]);
  }
  return parseFilter(placeholders ? bindFilterPlaceholders(json, placeholders) : json);
}

export function parseFilter(json: unknown): Condition | undefined {
  try {
    const counter = { nodes: 0 };
    const cond = parseDocument(json, 'filter', 0, counter);
    return cond;
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    const detail: ErrorDetail = { path: e.path, code: e.code, message: e.message };
    throw badRequest('filter_invalid', `The filter is not valid: ${e.message}`, [detail]);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function parseDocument(doc: unknown, path: string, depth: number, counter: { nodes: number }): Condition | undefined {
  if (depth > MAX_DEPTH) throw new FilterSyntaxError(path, 'too_deep', `filters nest at most ${MAX_DEPTH} levels`);
  if (!isPlainObject(doc))
    throw new FilterSyntaxError(path, 'not_object', 'expected an object such as {"field": value}');
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (++counter.nodes > MAX_NODES)
      throw new FilterSyntaxError(path, 'too_large', `a filter has at most ${MAX_NODES} conditions`);
    const here = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) {
        throw new FilterSyntaxError(here, 'not_list', `${key} takes a non-empty list of filters`);
      }
      const items = value
        .map((v, i) => parseDocument(v, `${here}[${i}]`, depth + 1, counter))
        .filter((c): c is Condition => !!c);
      if (items.length) parts.push(new CompoundCondition(key.slice(1), items));
    } else if (key === '$not') {
      const inner = parseDocument(value, here, depth + 1, counter);
      if (inner) parts.push(new CompoundCondition('not', [inner]));
    } else if (key.startsWith('$')) {
      throw new FilterSyntaxError(
        here,
        'unknown_operator',
        `unknown operator "${key}"; at this level use a field name, $and, $or or $not`,
      );
    } else {
      if (!PATH_RE.test(key)) throw new FilterSyntaxError(here, 'invalid_field', `"${key}" is not a field name`);
      parts.push(...parseField(key, value, here));
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : new CompoundCondition('and', parts);
}

function scalar(v: unknown, path: string): Scalar {
  if (typeof v === 'string' && v.includes('\u0000'))
    throw new FilterSyntaxError(path, 'invalid_value', 'a text cannot contain the NUL character');
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
    return v as Scalar;
  throw new FilterSyntaxError(path, 'invalid_value', 'expected a text, number, true/false or null');
}

function parseField(field: string, value: unknown, path: string): Condition[] {
  if (!isPlainObject(value)) return [new FieldCondition('eq', field, scalar(value, path))];
  const out: Condition[] = [];
  const entries = Object.entries(value);
  if (entries.length === 0)
    throw new FilterSyntaxError(path, 'empty', 'expected a value or an operator such as {"$gt": 3}');
  for (const [op, arg] of entries) {
    const here = `${path}.${op}`;
    if (!(FIELD_OPERATORS as readonly string[]).includes(op)) {
      throw new FilterSyntaxError(
        here,
        'unknown_operator',
        `unknown operator "${op}"; use one of ${FIELD_OPERATORS.join(' ')}`,
      );
    }
    const name = op.slice(1);
    switch (op) {
      case '$in':
      case '$nin': {
        if (!Array.isArray(arg) || arg.length > MAX_LIST)
          throw new FilterSyntaxError(here, 'not_list', `${op} takes a list of at most ${MAX_LIST} values`);
        out.push(
          new FieldCondition(
            name,
            field,
            arg.map((v, i) => scalar(v, `${here}[${i}]`)),
          ),
        );
        break;
      }
      case '$between': {
        if (!Array.isArray(arg) || arg.length !== 2)
          throw new FilterSyntaxError(here, 'not_pair', '$between takes a list of two values [low, high]');
        out.push(new FieldCondition(name, field, [scalar(arg[0], `${here}[0]`), scalar(arg[1], `${here}[1]`)]));
        break;
      }
      case '$null': {
        if (typeof arg !== 'boolean') throw new FilterSyntaxError(here, 'not_boolean', '$null takes true or false');
        out.push(new FieldCondition(name, field, arg));
        break;
      }
      case '$contains':
      case '$startsWith': {
        if (typeof arg !== 'string' || arg.length === 0 || arg.length > 200 || arg.includes('\u0000'))
          throw new FilterSyntaxError(here, 'not_text', `${op} takes a text of 1 to 200 characters`);
        out.push(new FieldCondition(name, field, arg));
        break;
      }
      default:
        out.push(new FieldCondition(name, field, scalar(arg, here)));
    }
  }
  return out;
}
