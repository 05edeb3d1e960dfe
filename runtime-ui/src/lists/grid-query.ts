/**
 * The grid's sort, filter and quick search, written in the data API's query language
 * (docs/data-api.md): `sort=-field`, `filter=<JSON>`, `q=`. Pure, so it is tested alone.
 */

/** How a column's values compare, which decides the operators it offers. */
export type ColumnKind = 'string' | 'number' | 'date' | 'datetime' | 'boolean' | 'select';

export interface SortItem {
  field: string;
  sort?: 'asc' | 'desc' | null;
}

export interface FilterItem {
  field: string;
  operator: string;
  value?: unknown;
}

export interface FilterModel {
  items: readonly FilterItem[];
  logicOperator?: 'and' | 'or';
  quickFilterValues?: readonly unknown[];
}

type Condition = Record<string, unknown>;
type Convert = (value: unknown, kind: ColumnKind) => unknown;

const same: Convert = (v) => v;
/** Dates compare as calendar days (`YYYY-MM-DD`), times as instants. */
const toDateValue: Convert = (v, kind) => {
  const d = v instanceof Date ? v : typeof v === 'string' && v ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) return typeof v === 'string' ? v : undefined;
  if (kind === 'datetime') return d.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const toBoolean: Convert = (v) =>
  v === 'true' || v === true ? true : v === 'false' || v === false ? false : undefined;
const toNumber: Convert = (v) => (v === '' || v === null || v === undefined ? undefined : Number(v));

/** Grid operator → data API operator, per kind. Operators absent here are not offered. */
export const OPERATORS: Record<ColumnKind, Record<string, { op: string; convert?: Convert }>> = {
  string: {
    contains: { op: '$contains' },
    equals: { op: '$eq' },
    startsWith: { op: '$startsWith' },
    isAnyOf: { op: '$in' },
  },
  number: {
    '=': { op: '$eq', convert: toNumber },
    '!=': { op: '$ne', convert: toNumber },
    '>': { op: '$gt', convert: toNumber },
    '>=': { op: '$gte', convert: toNumber },
    '<': { op: '$lt', convert: toNumber },
    '<=': { op: '$lte', convert: toNumber },
    isAnyOf: { op: '$in' },
  },
  date: {
    is: { op: '$eq', convert: toDateValue },
    not: { op: '$ne', convert: toDateValue },
    after: { op: '$gt', convert: toDateValue },
    onOrAfter: { op: '$gte', convert: toDateValue },
    before: { op: '$lt', convert: toDateValue },
    onOrBefore: { op: '$lte', convert: toDateValue },
  },
  datetime: {
    after: { op: '$gt', convert: toDateValue },
    onOrAfter: { op: '$gte', convert: toDateValue },
    before: { op: '$lt', convert: toDateValue },
    onOrBefore: { op: '$lte', convert: toDateValue },
  },
  boolean: { is: { op: '$eq', convert: toBoolean } },
  select: { is: { op: '$eq' }, not: { op: '$ne' }, isAnyOf: { op: '$in' } },
};

/** Operators every kind accepts: empty or not. */
const PRESENCE: Record<string, boolean> = { isEmpty: true, isNotEmpty: false };

export const supportedOperator = (kind: ColumnKind, operator: string) =>
  operator in PRESENCE || operator in OPERATORS[kind];

/** One grid filter as a data API condition, or undefined while it has no usable value. */
export function toCondition(item: FilterItem, kind: ColumnKind): Condition | undefined {
  if (item.operator in PRESENCE) return { [item.field]: { $null: PRESENCE[item.operator] } };
  const mapping = OPERATORS[kind][item.operator];
  if (!mapping) return undefined;
  const convert = mapping.convert ?? same;
  if (mapping.op === '$in') {
    const values = (Array.isArray(item.value) ? item.value : [])
      .map((v) => convert(v, kind))
      .filter((v) => v !== undefined && v !== '');
    return values.length ? { [item.field]: { $in: values } } : undefined;
  }
  const value = convert(item.value, kind);
  if (value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) return undefined;
  return { [item.field]: { [mapping.op]: value } };
}

export interface ListQuery {
  sort?: string;
  filter?: string;
  q?: string;
}

/** The list request's parameters for what the grid shows, under the view's own filter. */
export function toListQuery(
  sortModel: readonly SortItem[],
  filterModel: FilterModel,
  kinds: Record<string, ColumnKind>,
  options: { viewFilter?: Condition | null; defaultSort?: string; searchable?: boolean } = {},
): ListQuery {
  const sort = sortModel
    .filter((s) => s.sort)
    .map((s) => (s.sort === 'desc' ? `-${s.field}` : s.field))
    .join(',');
  const conditions = filterModel.items
    .map((item) => (kinds[item.field] ? toCondition(item, kinds[item.field]!) : undefined))
    .filter((c): c is Condition => !!c);
  const user =
    conditions.length === 0
      ? undefined
      : conditions.length === 1
        ? conditions[0]
        : { [filterModel.logicOperator === 'or' ? '$or' : '$and']: conditions };
  const parts = [options.viewFilter ?? undefined, user].filter((c): c is Condition => !!c && Object.keys(c).length > 0);
  const filter = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { $and: parts };
  const q = options.searchable
    ? (filterModel.quickFilterValues ?? [])
        .map((v) => String(v ?? '').trim())
        .filter(Boolean)
        .join(' ')
    : '';
  return {
    ...((sort || options.defaultSort) && { sort: sort || options.defaultSort }),
    ...(filter && { filter: JSON.stringify(filter) }),
    ...(q && { q }),
  };
}
