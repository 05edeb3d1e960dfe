import { badRequest } from '../errors.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { parseFilterParam } from './parse-filter.ts';
import type { PlaceholderValues } from './filter-placeholders.ts';
import type { Condition } from '@ucast/core';

export interface SortKey {
  field: string;
  desc: boolean;
}

export interface ListParams {
  limit: number;
  cursor?: unknown[];
  page?: number;
  sort: SortKey[];
  /** True when the client chose the order (search results are otherwise ranked). */
  explicitSort: boolean;
  filter?: Condition;
  q?: string;
  fields?: string[];
  expand: string[];
  count: boolean;
  deleted: 'exclude' | 'include' | 'only';
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const KNOWN = new Set(['limit', 'cursor', 'page', 'sort', 'filter', 'q', 'fields', 'expand', 'count', 'deleted']);

const bad = (param: string, code: string, message: string) =>
  badRequest('query_invalid', message, [{ path: param, code, message }]);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw bad(name, 'repeated', `"${name}" must be given once, as plain text`);
  return v;
}

function list(raw: string | undefined, name: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length > 100) throw bad(name, 'too_many', `"${name}" lists at most 100 names`);
  return items;
}

/** Reads and checks the query string of a list request. Every problem is a 400 naming the parameter. */
export function parseListParams(
  query: Record<string, unknown>,
  entity: CompiledEntity,
  placeholders?: PlaceholderValues,
): ListParams {
  for (const key of Object.keys(query)) {
    if (!KNOWN.has(key))
      throw bad(key, 'unknown_parameter', `Unknown query parameter "${key}"; use ${[...KNOWN].join(', ')}`);
  }
  const limitRaw = single(query, 'limit');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
  if (!/^\d+$/.test(limitRaw ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw bad('limit', 'out_of_range', `"limit" must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const pageRaw = single(query, 'page');
  let page: number | undefined;
  if (pageRaw !== undefined) {
    page = Number(pageRaw);
    if (!/^\d+$/.test(pageRaw) || page < 1 || page > 100_000)
      throw bad('page', 'out_of_range', '"page" must be a whole number from 1 to 100000');
  }
  const sortNames = list(single(query, 'sort'), 'sort');
  const sort: SortKey[] = (sortNames ?? []).map((s) => {
    const desc = s.startsWith('-');
    const field = desc ? s.slice(1) : s;
    const sortable = [...entity.sortable].join(', ');
    if (!entity.sortable.has(field) && !entity.fields.has(field))
      throw bad('sort', 'unknown_field', `Cannot sort by "${field}": ${entity.key} has no such field`);
    if (!entity.sortable.has(field))
      throw bad('sort', 'not_indexed', `Cannot sort by "${field}": only indexed fields can be sorted (${sortable})`);
    return { field, desc };
  });
  if (new Set(sort.map((s) => s.field)).size !== sort.length)
    throw bad('sort', 'duplicate', 'A field appears twice in "sort"');
  const explicitSort = sort.length > 0;
  if (!sort.some((s) => s.field === 'id')) {
    if (!explicitSort) sort.push({ field: 'created_at', desc: true });
    sort.push({ field: 'id', desc: sort[0]!.desc });
  }
  const cursorRaw = single(query, 'cursor');
  if (cursorRaw !== undefined && page !== undefined)
    throw bad('cursor', 'conflict', 'Use either "cursor" or "page", not both');
  const filterRaw = single(query, 'filter');
  const q = single(query, 'q');
  if (q !== undefined && (q.trim().length === 0 || q.length > 200 || q.includes('\u0000')))
    throw bad('q', 'invalid', '"q" must be a text of 1 to 200 characters');
  if (q !== undefined && !entity.searchable)
    throw bad('q', 'not_searchable', `${entity.key} has no searchable field, so "q" cannot be used`);
  const fields = list(single(query, 'fields'), 'fields');
  for (const f of fields ?? []) {
    if (!entity.fields.has(f) && !entity.columns.includes(f))
      throw bad('fields', 'unknown_field', `"${f}" in "fields" is not a field of ${entity.key}`);
  }
  const expand = parseExpand(query, entity);
  const countRaw = single(query, 'count');
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false')
    throw bad('count', 'not_boolean', '"count" must be true or false');
  const deletedRaw = single(query, 'deleted') ?? 'exclude';
  if (!['exclude', 'include', 'only'].includes(deletedRaw))
    throw bad('deleted', 'invalid', '"deleted" must be exclude, include or only');
  return {
    limit,
    sort,
    explicitSort,
    expand,
    count: countRaw === 'true',
    deleted: deletedRaw as ListParams['deleted'],
    ...(page !== undefined && { page }),
    ...(cursorRaw !== undefined && { cursor: decodeCursor(cursorRaw, sort.length) }),
    ...(filterRaw !== undefined && { filter: parseFilterParam(filterRaw, placeholders) }),
    ...(q !== undefined && { q: q.trim() }),
    ...(fields && { fields }),
  };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(raw: string, length: number): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString());
    if (Array.isArray(v) && v.length === length && v.every((x) => x === null || typeof x === 'string')) return v;
  } catch {
    // fall through
  }
  throw bad(
    'cursor',
    'invalid',
    'The cursor is not valid for this query: use the nextCursor of the previous page with the same sort',
  );
}

/** `expand=a,b`: reference fields whose records replace their ids (lists and single reads). */
export function parseExpand(query: Record<string, unknown>, entity: CompiledEntity): string[] {
  const expand = list(single(query, 'expand'), 'expand') ?? [];
  for (const f of expand) {
    if (!entity.fields.get(f)?.target) {
      throw bad('expand', 'not_a_reference', `"${f}" in "expand" is not a reference field of ${entity.key}`);
    }
  }
  return expand;
}
