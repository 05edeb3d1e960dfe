/**
 * A view's filter (the data API's filter language, docs/data-api.md) as rows the builder edits:
 * `field operator value`, all of them or any of them. What the rows cannot say (`$not`, nested
 * groups, several operators on one field...) stays JSON: `fromFilter` answers null and the
 * editor shows the text.
 */

export const FILTER_OPS = [
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
export type FilterOp = (typeof FILTER_OPS)[number];

export interface FilterRow {
  field: string;
  op: FilterOp;
  value: unknown;
  /** Written `field: value` (a bare value means `$eq`). */
  bare: boolean;
}

export interface FilterModel {
  join: '$and' | '$or';
  rows: FilterRow[];
  /** `object`: `{ a: .., b: .. }`; `list`: `{ "$and" | "$or": [{ a: .. }, ...] }`. */
  form: 'object' | 'list';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOp = (k: string): k is FilterOp => (FILTER_OPS as readonly string[]).includes(k);

function rowOf(field: string, value: unknown): FilterRow | null {
  if (field.startsWith('$')) return null;
  if (!isObject(value)) return Array.isArray(value) ? null : { field, op: '$eq', value, bare: true };
  const keys = Object.keys(value);
  if (keys.length !== 1 || !isOp(keys[0]!)) return null;
  return { field, op: keys[0], value: value[keys[0]], bare: false };
}

/** The rows of a filter, or null when it is more than rows joined by and / or. */
export function fromFilter(filter: unknown): FilterModel | null {
  if (!isObject(filter)) return null;
  const keys = Object.keys(filter);
  if (keys.length === 1 && (keys[0] === '$and' || keys[0] === '$or')) {
    const list = filter[keys[0]];
    if (!Array.isArray(list)) return null;
    const rows: FilterRow[] = [];
    for (const item of list) {
      const entries = isObject(item) ? Object.entries(item) : [];
      const row = entries.length === 1 ? rowOf(entries[0]![0], entries[0]![1]) : null;
      if (!row) return null;
      rows.push(row);
    }
    return { join: keys[0], rows, form: 'list' };
  }
  const rows: FilterRow[] = [];
  for (const [k, v] of Object.entries(filter)) {
    const row = rowOf(k, v);
    if (!row) return null;
    rows.push(row);
  }
  return { join: '$and', rows, form: 'object' };
}

const condition = (r: FilterRow) => (r.bare && r.op === '$eq' ? r.value : { [r.op]: r.value });

/** The filter the rows stand for; an object when it can be one (and, each field once). */
export function toFilter(model: FilterModel): Record<string, unknown> {
  const fields = model.rows.map((r) => r.field);
  const unique = new Set(fields).size === fields.length;
  if (model.join === '$and' && model.form === 'object' && unique)
    return Object.fromEntries(model.rows.map((r) => [r.field, condition(r)]));
  return { [model.join]: model.rows.map((r) => ({ [r.field]: condition(r) })) };
}

/** The value a row starts with after its operator changed. */
export function valueFor(op: FilterOp, previous: unknown): unknown {
  const scalar = Array.isArray(previous) ? (previous[0] ?? '') : isObject(previous) ? '' : previous;
  if (op === '$in' || op === '$nin') return Array.isArray(previous) ? previous : scalar === '' ? [] : [scalar];
  if (op === '$between') return Array.isArray(previous) && previous.length === 2 ? previous : [scalar, scalar];
  if (op === '$null') return typeof previous === 'boolean' ? previous : true;
  return typeof scalar === 'boolean' ? scalar : (scalar ?? '');
}
