import type { FormRule } from '@opsflux/definitions';
import { fieldOf, scopeOf } from './form-tree.ts';

/**
 * A form rule's condition (JSON Forms: one field's value checked against a JSON Schema) as the
 * json-logic the LogicBuilder edits, and back. The shapes that translate both ways:
 *
 * | json-logic                                    | condition schema          |
 * | `{"==": [{"var": f}, v]}`                     | `{ "const": v }`          |
 * | `{"!=": [{"var": f}, v]}`                     | `{ "not": { "const": v } }` |
 * | `{"in": [{"var": f}, [a, b]]}`                | `{ "enum": [a, b] }`      |
 * | `{"!": {"in": [{"var": f}, [a, b]]}}`         | `{ "not": { "enum": [a, b] } }` |
 * | `{">=" / ">" / "<=" / "<": [{"var": f}, n]}`  | `minimum` / `exclusiveMinimum` / `maximum` / `exclusiveMaximum` |
 *
 * Anything else has no JSON Forms equivalent: the editor says so and keeps the schema as JSON.
 */

export type Condition = FormRule['condition'];
type Scalar = string | number | boolean | null;

const BOUNDS = { '>=': 'minimum', '>': 'exclusiveMinimum', '<=': 'maximum', '<': 'exclusiveMaximum' } as const;
type BoundOp = keyof typeof BOUNDS;

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The single key of an object and its value. */
function only(v: unknown): [string, unknown] | null {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0]!, v[keys[0]!]] : null;
}

/** The json-logic for a condition, or null when its schema has no json-logic equivalent here. */
export function conditionToLogic(condition: Condition): unknown {
  const v = { var: fieldOf(condition.scope) };
  const entry = only(condition.schema);
  if (!entry) return null;
  const [key, arg] = entry;
  if (key === 'const' && isScalar(arg)) return { '==': [v, arg] };
  if (key === 'enum' && Array.isArray(arg) && arg.every(isScalar)) return { in: [v, arg] };
  const bound = Object.entries(BOUNDS).find(([, k]) => k === key)?.[0] as BoundOp | undefined;
  if (bound && typeof arg === 'number') return { [bound]: [v, arg] };
  if (key === 'not') {
    const inner = only(arg);
    if (inner?.[0] === 'const' && isScalar(inner[1])) return { '!=': [v, inner[1]] };
    if (inner?.[0] === 'enum' && Array.isArray(inner[1]) && inner[1].every(isScalar))
      return { '!': { in: [v, inner[1]] } };
  }
  return null;
}

/** `[field, value]` of `{"op": [{"var": field}, value]}`. */
function fieldAndValue(arg: unknown): [string, unknown] | null {
  if (!Array.isArray(arg) || arg.length !== 2) return null;
  const v = only(arg[0]);
  return v?.[0] === 'var' && typeof v[1] === 'string' && v[1] !== '' ? [v[1], arg[1]] : null;
}

/** The condition for a json-logic expression, or null when JSON Forms cannot express it. */
export function logicToCondition(logic: unknown): Pick<Condition, 'scope' | 'schema'> | null {
  const entry = only(logic);
  if (!entry) return null;
  const [op, arg] = entry;
  if (op === '!') {
    const inner = only(arg);
    const fv = inner?.[0] === 'in' ? fieldAndValue(inner[1]) : null;
    if (fv && Array.isArray(fv[1]) && fv[1].every(isScalar))
      return { scope: scopeOf(fv[0]), schema: { not: { enum: fv[1] } } };
    return null;
  }
  const fv = fieldAndValue(arg);
  if (!fv) return null;
  const [field, value] = fv;
  const scope = scopeOf(field);
  if (op === '==' && isScalar(value)) return { scope, schema: { const: value } };
  if (op === '!=' && isScalar(value)) return { scope, schema: { not: { const: value } } };
  if (op === 'in' && Array.isArray(value) && value.every(isScalar)) return { scope, schema: { enum: value } };
  if (op in BOUNDS && typeof value === 'number') return { scope, schema: { [BOUNDS[op as BoundOp]]: value } };
  return null;
}
