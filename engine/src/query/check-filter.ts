import type { Condition } from '@ucast/core';
import knexFactory from 'knex';
import type { Access } from '../access/access.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import { applyCondition } from './filter-to-sql.ts';
import { parseFilter } from './parse-filter.ts';

/** A query builder bound to no database: a filter is checked by building its SQL, never by running it. */
const detached = knexFactory({ client: 'pg' });

/**
 * A filter written in the data API's language, checked exactly as a list request would check
 * it on `entity`: syntax, fields, paths through references, operators and values, and — given
 * the caller's access — the fields and records they may read. Throws the data API's 400
 * `filter_invalid`, whose details name the place.
 */
export function checkFilter(
  json: unknown,
  entity: CompiledEntity,
  registry: Pick<Registry, 'entities'>,
  access?: Access,
): Condition | undefined {
  const cond = parseFilter(json);
  if (!cond) return cond;
  const qb = detached(entity.table);
  applyCondition(qb, cond, entity, { db: detached, registry, ...(access && { access }) });
  // Nested conditions are checked as knex builds them, in callbacks it runs when compiling.
  qb.toSQL();
  return cond;
}
