/**
 * A list's filter, sort and search in its address (`?filter=<JSON>&sort=-a,b&q=`), in the data
 * API's own language, so that a bookmark, a saved filter and a shared link all say the same
 * thing. The reverse of `toListQuery` turns such a filter back into the grid's filter model; what
 * the grid cannot show (a filter written elsewhere) stays aside and still applies. Pure, tested.
 */
import { OPERATORS, type ColumnKind, type FilterItem, type SortItem } from './grid-query.ts';

export type Condition = Record<string, unknown>;

export interface ListUrlState {
  /** The user's filter (the view's own is not in it). */
  filter?: Condition;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  q?: string;
}

const isObject = (v: unknown): v is Condition => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state an address holds; a part that does not parse is left out. */
export function readListUrl(search: URLSearchParams): ListUrlState {
  const out: ListUrlState = {};
  const filter = search.get('filter');
  if (filter) {
    try {
      const parsed: unknown = JSON.parse(filter);
      if (isObject(parsed) && Object.keys(parsed).length) out.filter = parsed;
    } catch {
      // A hand-edited address: the list shows unfiltered rather than failing.
    }
  }
  const sort = search.get('sort');
  if (sort) {
    out.sort = sort
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^-?[A-Za-z_][\w.]*$/.test(s))
      .map((s) => (s.startsWith('-') ? { field: s.slice(1), direction: 'desc' } : { field: s, direction: 'asc' }));
    if (!out.sort.length) delete out.sort;
  }
  const q = search.get('q')?.trim();
  if (q) out.q = q;
  return out;
}

/** The query string for `state` (no leading `?`), keeping other parameters of `base`. */
export function writeListUrl(state: ListUrlState, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  for (const k of ['filter', 'sort', 'q']) params.delete(k);
  if (state.filter && Object.keys(state.filter).length) params.set('filter', JSON.stringify(state.filter));
  if (state.sort?.length)
    params.set('sort', state.sort.map((s) => (s.direction === 'desc' ? `-${s.field}` : s.field)).join(','));
  if (state.q) params.set('q', state.q);
  return params.toString();
}

/** The grid's sort model and the URL's sort, both ways. */
export const sortToUrl = (model: readonly SortItem[]): ListUrlState['sort'] =>
  model.filter((s) => s.sort).map((s) => ({ field: s.field, direction: s.sort === 'desc' ? 'desc' : 'asc' }));

/** Calendar days back as local dates (the grid's date inputs), instants as dates. */
function fromApiValue(value: unknown, kind: ColumnKind): unknown {
  if (kind === 'date' && typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : value;
  }
  if (kind === 'datetime' && typeof value === 'string') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : d;
  }
  if (kind === 'boolean') return typeof value === 'boolean' ? String(value) : value;
  return value;
}

/** One condition as one grid filter item, or undefined when the grid cannot show it. */
function toItem(cond: Condition, kinds: Record<string, ColumnKind>, id: number): FilterItem | undefined {
  const entries = Object.entries(cond);
  if (entries.length !== 1) return undefined;
  const [field, spec] = entries[0]!;
  const kind = kinds[field];
  if (!kind || field.startsWith('$')) return undefined;
  const [op, value] = isObject(spec)
    ? Object.keys(spec).length === 1
      ? Object.entries(spec)[0]!
      : [undefined, undefined]
    : ['$eq', spec];
  if (op === '$null' && typeof value === 'boolean')
    return { field, operator: value ? 'isEmpty' : 'isNotEmpty', id } as FilterItem;
  const operator = Object.entries(OPERATORS[kind]).find(([, m]) => m.op === op)?.[0];
  if (!operator) return undefined;
  if (op === '$in') {
    if (!Array.isArray(value)) return undefined;
    return { field, operator, value: value.map((v) => fromApiValue(v, kind)), id } as FilterItem;
  }
  if (isObject(value) || Array.isArray(value)) return undefined;
  return { field, operator, value: fromApiValue(value, kind), id } as FilterItem;
}

export interface GridFilterState {
  items: FilterItem[];
  logicOperator: 'and' | 'or';
  /** What the grid cannot show: applied as it is, beside the grid's own filter. */
  rest?: Condition;
}

/**
 * A data API filter as the grid's filter items: one condition, or an `$and` / `$or` of simple
 * conditions on the grid's filterable columns. Anything else stays whole in `rest`.
 */
export function filterToGrid(filter: Condition | undefined, kinds: Record<string, ColumnKind>): GridFilterState {
  if (!filter || !Object.keys(filter).length) return { items: [], logicOperator: 'and' };
  const keys = Object.keys(filter);
  const logic = keys.length === 1 && (keys[0] === '$and' || keys[0] === '$or') ? keys[0] : undefined;
  const parts: Condition[] = logic
    ? Array.isArray(filter[logic]) && (filter[logic] as unknown[]).every(isObject)
      ? (filter[logic] as Condition[])
      : []
    : keys.map((k) => ({ [k]: filter[k] }));
  const items = parts.map((p, i) => toItem(p, kinds, i + 1));
  if (!parts.length || items.some((i) => !i)) return { items: [], logicOperator: 'and', rest: filter };
  return { items: items as FilterItem[], logicOperator: logic === '$or' ? 'or' : 'and' };
}

/** The user's part of a filter: the grid's, and what the grid could not show, together. */
export function combineFilters(...parts: (Condition | undefined | null)[]): Condition | undefined {
  const kept = parts.filter((c): c is Condition => !!c && Object.keys(c).length > 0);
  return kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : { $and: kept };
}
