import { PERMISSION_CONDITION_OPERATORS, PERMISSION_USER_ATTRIBUTES } from '@opsflux/definitions';

/**
 * A first check of a grant condition while it is typed, in the data API's filter language:
 * `{ field: value | { $op: value } }`, `$and` / `$or` lists, values that may be the user's
 * attributes `{ "$user": "id" }`. The engine checks value types and system fields on validation;
 * this catches what a business admin mistypes (an unknown field, operator or attribute).
 */
export interface ConditionProblem {
  path: string;
  code: 'not_object' | 'not_list' | 'unknown_field' | 'path_field' | 'unknown_operator' | 'unknown_attribute';
  value: string;
}

const OPERATORS = new Set<string>(PERMISSION_CONDITION_OPERATORS);
const ATTRIBUTES = new Set<string>(PERMISSION_USER_ATTRIBUTES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(v: unknown, path: string, out: ConditionProblem[]): void {
  if (isObject(v) && '$user' in v) {
    if (typeof v.$user !== 'string' || !ATTRIBUTES.has(v.$user))
      out.push({ path, code: 'unknown_attribute', value: String(v.$user) });
  } else if (Array.isArray(v)) v.forEach((x, i) => checkValue(x, `${path}[${i}]`, out));
}

/** Problems of a condition over an entity with these fields (no field list: fields not checked). */
export function checkCondition(cond: unknown, fields?: readonly string[], path = ''): ConditionProblem[] {
  const out: ConditionProblem[] = [];
  if (!isObject(cond)) return [{ path: path || '/', code: 'not_object', value: '' }];
  for (const [key, v] of Object.entries(cond)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(v)) out.push({ path: at, code: 'not_list', value: key });
      else v.forEach((c, i) => out.push(...checkCondition(c, fields, `${at}[${i}]`)));
      continue;
    }
    if (key.startsWith('$')) {
      out.push({ path: at, code: 'unknown_operator', value: key });
      continue;
    }
    if (key.includes('.')) out.push({ path: at, code: 'path_field', value: key });
    else if (fields && !fields.includes(key)) out.push({ path: at, code: 'unknown_field', value: key });
    if (isObject(v) && !('$user' in v)) {
      for (const [op, operand] of Object.entries(v)) {
        if (!OPERATORS.has(op)) out.push({ path: `${at}.${op}`, code: 'unknown_operator', value: op });
        else checkValue(operand, `${at}.${op}`, out);
      }
    } else checkValue(v, at, out);
  }
  return out;
}

/** Columns every record has that a condition may compare. */
export const CONDITION_SYSTEM_FIELDS = [
  'id',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'company_id',
  'state',
];
