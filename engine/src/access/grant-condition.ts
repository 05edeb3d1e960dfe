import { PERMISSION_CONDITION_OPERATORS, PERMISSION_USER_ATTRIBUTES, type GrantDefinition } from '@opsflux/definitions';
import { CompoundCondition, FieldCondition, type Condition } from '@ucast/core';
import { isOpsError } from '../errors.ts';
import type { FilterOperator } from '../fields/field-runtime.ts';
import { checkValues, SYSTEM_FIELDS } from '../query/filter-to-sql.ts';
import { parseFilter } from '../query/parse-filter.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';

export type UserAttribute = (typeof PERMISSION_USER_ATTRIBUTES)[number];
export type UserAttributes = Record<UserAttribute, string | string[] | null>;

const LIST_ATTRIBUTES = new Set<UserAttribute>(['companyIds', 'groupIds']);
const MARK = '\u0001user:';

function isPlaceholder(v: unknown): v is { $user: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    typeof (v as { $user?: unknown }).$user === 'string'
  );
}

function mapPlaceholders(doc: unknown, replace: (attr: string) => unknown): unknown {
  if (isPlaceholder(doc)) return replace(doc.$user);
  if (Array.isArray(doc)) return doc.map((d) => mapPlaceholders(d, replace));
  if (typeof doc === 'object' && doc !== null) {
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, mapPlaceholders(v, replace)]));
  }
  return doc;
}

/**
 * The grant's condition with the user's attributes in place of `{ "$user": ... }`, or null when
 * one of them has no value: an empty or missing value denies rather than matching everything.
 */
export function bindCondition(
  condition: Record<string, unknown>,
  user: UserAttributes,
): Record<string, unknown> | null {
  let missing = false;
  const bound = mapPlaceholders(condition, (attr) => {
    const v = user[attr as UserAttribute];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) missing = true;
    return v;
  });
  return missing ? null : (bound as Record<string, unknown>);
}

export interface ConditionProblem {
  pointer: string;
  code: string;
  message: string;
}

/**
 * Checks a grant condition against its entity when the bundle is validated: own fields only
 * (no path through references, which a record check could not follow), operators that read the
 * same in SQL and on a record, values of the field's type, known user attributes.
 */
export function checkGrantCondition(grant: GrantDefinition, entity: CompiledEntity): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const say = (code: string, message: string) => problems.push({ pointer: '/condition', code, message });
  let unknownAttr: string | undefined;
  const marked = mapPlaceholders(grant.condition ?? {}, (attr) => {
    if (!(PERMISSION_USER_ATTRIBUTES as readonly string[]).includes(attr)) unknownAttr = attr;
    // A list attribute stands for a whole list: `{ "$in": { "$user": "companyIds" } }`.
    return LIST_ATTRIBUTES.has(attr as UserAttribute) ? [`${MARK}${attr}`] : `${MARK}${attr}`;
  });
  if (unknownAttr !== undefined) {
    say(
      'permissions.unknown_user_attribute',
      `{"$user": "${unknownAttr}"} is not a user attribute; use one of ${PERMISSION_USER_ATTRIBUTES.join(', ')}`,
    );
    return problems;
  }
  let cond: Condition | undefined;
  try {
    cond = parseFilter(marked);
  } catch (e) {
    if (!isOpsError(e)) throw e;
    say('permissions.condition_invalid', e.details[0]?.message ?? e.message);
    return problems;
  }
  if (cond) walk(cond, entity, say);
  return problems;
}

function walk(cond: Condition, entity: CompiledEntity, say: (code: string, message: string) => void): void {
  if (cond instanceof CompoundCondition) {
    if (cond.operator === 'not') say('permissions.condition_operator', 'grant conditions cannot use $not');
    for (const c of cond.value as Condition[]) walk(c, entity, say);
    return;
  }
  const f = cond as FieldCondition;
  const path = String(f.field);
  const op = `$${f.operator}` as FilterOperator;
  if (path.includes('.')) {
    say('permissions.condition_path', `"${path}": a grant condition reads the entity's own fields only`);
    return;
  }
  if (!(PERMISSION_CONDITION_OPERATORS as readonly string[]).includes(op)) {
    say(
      'permissions.condition_operator',
      `"${path}" uses ${op}; grant conditions use ${PERMISSION_CONDITION_OPERATORS.join(' ')}`,
    );
    return;
  }
  const field = entity.fields.get(path);
  const system = Object.hasOwn(SYSTEM_FIELDS, path) ? SYSTEM_FIELDS[path] : undefined;
  const absent = (path === 'company_id' && !entity.def.companyScoped) || (path === 'state' && !entity.workflow);
  if ((!field && !system) || field?.joinTable || absent) {
    say('permissions.condition_field', `${entity.key} has no field "${path}" a condition can read`);
    return;
  }
  const spec = field ?? system!;
  if (!spec.operators.has(op)) {
    say('permissions.condition_operator', `"${path}" does not support ${op}`);
    return;
  }
  const values = Array.isArray(f.value) ? (f.value as unknown[]) : [f.value];
  const literal = values.filter((v) => !(typeof v === 'string' && v.startsWith(MARK)));
  if (!literal.length) return;
  try {
    checkValues(spec, op, Array.isArray(f.value) ? literal : literal[0], path);
  } catch (e) {
    if (!isOpsError(e)) throw e;
    say('permissions.condition_value', e.details[0]?.message ?? e.message);
  }
}
