import { PERMISSION_CONDITION_OPERATORS, PERMISSION_USER_ATTRIBUTES } from '@opsflux/definitions';

/**
 * A grant condition as rows "field · operator · value" for the visual editor: every field
 * compared once or more, all rows to hold together (an implicit `$and`). `$and` / `$or` and
 * anything else the rows cannot say stay in the JSON editor (`toRows` answers null).
 */
export type ConditionOperator = (typeof PERMISSION_CONDITION_OPERATORS)[number];
export type UserAttribute = (typeof PERMISSION_USER_ATTRIBUTES)[number];

export interface ConditionRow {
  field: string;
  op: ConditionOperator;
  /** Literal text (a list is comma-separated), or one of the user's attributes. */
  value: { kind: 'value'; text: string } | { kind: 'user'; attribute: UserAttribute };
}

const OPS = new Set<string>(PERMISSION_CONDITION_OPERATORS);
const ATTRS = new Set<string>(PERMISSION_USER_ATTRIBUTES);
export const LIST_OPERATORS = new Set<ConditionOperator>(['$in', '$nin']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function valueOf(op: ConditionOperator, v: unknown): ConditionRow['value'] | null {
  if (isObject(v)) {
    const keys = Object.keys(v);
    return keys.length === 1 && keys[0] === '$user' && typeof v.$user === 'string' && ATTRS.has(v.$user)
      ? { kind: 'user', attribute: v.$user as UserAttribute }
      : null;
  }
  if (LIST_OPERATORS.has(op)) {
    // A list's items are joined by commas: items holding one cannot be shown as text.
    if (!Array.isArray(v) || !v.every((x) => isScalar(x) && !String(x).includes(','))) return null;
    return { kind: 'value', text: v.map(String).join(', ') };
  }
  return isScalar(v) ? { kind: 'value', text: String(v) } : null;
}

/** The rows of a condition, or null when it needs the JSON editor. */
export function toRows(cond: unknown): ConditionRow[] | null {
  if (cond === undefined) return [];
  if (!isObject(cond)) return null;
  const rows: ConditionRow[] = [];
  for (const [field, v] of Object.entries(cond)) {
    if (field.startsWith('$')) return null;
    const entries: [string, unknown][] = isObject(v) && !('$user' in v) ? Object.entries(v) : [['$eq', v]];
    if (!entries.length) return null;
    for (const [op, operand] of entries) {
      if (!OPS.has(op)) return null;
      const value = valueOf(op as ConditionOperator, operand);
      if (!value) return null;
      rows.push({ field, op: op as ConditionOperator, value });
    }
  }
  return rows;
}

/** A literal typed after its field: numbers for number fields, true/false for booleans. */
export function typed(text: string, fieldType: string | undefined): string | number | boolean {
  const t = text.trim();
  if ((fieldType === 'integer' || fieldType === 'decimal') && t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (fieldType === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
  return t;
}

function operandOf(row: ConditionRow, fieldType: string | undefined): unknown {
  if (row.value.kind === 'user') return { $user: row.value.attribute };
  if (LIST_OPERATORS.has(row.op))
    return row.value.text
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => typed(x, fieldType));
  return typed(row.value.text, fieldType);
}

/**
 * The condition the rows say; `undefined` for no row. A field compared once for equality is
 * written the short way (`"status": "open"`), as authors write it.
 */
export function fromRows(
  rows: readonly ConditionRow[],
  fieldTypes: Readonly<Record<string, string>> = {},
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    if (!row.field) continue;
    const operand = operandOf(row, fieldTypes[row.field]);
    const same = rows.filter((r) => r.field === row.field);
    if (same.length === 1 && row.op === '$eq') out[row.field] = operand;
    else out[row.field] = { ...(out[row.field] as Record<string, unknown> | undefined), [row.op]: operand };
  }
  return Object.keys(out).length ? out : undefined;
}
