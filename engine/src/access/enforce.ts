import type { Knex } from 'knex';
import { OpsError, notFound, type ErrorDetail } from '../errors.ts';
import { applyCondition } from '../query/filter-to-sql.ts';
import type { CompiledEntity, Registry } from '../registry/registry-types.ts';
import type { Access } from './access.ts';

interface Ctx {
  db: Knex;
  registry: Registry;
  access: Access;
}

export const forbidden = (message: string, details: ErrorDetail[] = []) =>
  new OpsError(403, 'forbidden', message, details);

/**
 * Restricts a query on `entity` to the rows the action may touch; refuses when no grant allows
 * the action on any record. The condition is SQL, so a forbidden row is never read or counted.
 */
export function scopeRows(qb: Knex.QueryBuilder, ctx: Ctx, action: string, entity: CompiledEntity): void {
  const rows = ctx.access.rows(action, entity);
  if (rows === false) throw forbidden(`You may not ${action} ${entity.key} records`);
  if (rows !== true) qb.where((b) => applyCondition(b, rows, entity, { db: ctx.db, registry: ctx.registry }));
}

/** Removes from an API record the fields the caller may not read on it. */
export function redact(
  access: Access,
  entity: CompiledEntity,
  record: Record<string, unknown>,
): Record<string, unknown> {
  if (access.unrestricted) return record;
  const visible = access.fieldsOf('read', entity, record);
  if (visible === 'all') return record;
  // A new object rather than deletes: V8 keeps it a fast object.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (visible.has(k) || !entity.fields.has(k)) out[k] = v;
  return out;
}

/** A record the caller may not read does not exist for them: 404, like a missing one. */
export function assertReadable(
  access: Access,
  entity: CompiledEntity,
  record: Record<string, unknown>,
  key: string,
): void {
  if (!access.can('read', entity, record)) throw notFound(`No ${entity.key} record "${key}"`);
}

/**
 * Checks a write: the action on the record (as it will be stored), and every field the payload
 * sets. Mass assignment of a field the caller may not write is refused, naming the field.
 */
export function assertWrite(
  access: Access,
  action: 'create' | 'update',
  entity: CompiledEntity,
  record: Record<string, unknown>,
  payloadFields: string[],
  prefix = '',
): void {
  if (access.unrestricted) return;
  if (!access.can(action, entity)) throw forbidden(`You may not ${action} ${entity.key} records`);
  if (!access.can(action, entity, record)) {
    throw forbidden(
      action === 'create'
        ? `You may not create this ${entity.key} record: it is outside what your roles allow`
        : `You may not make this change to the ${entity.key} record: the result is outside what your roles allow`,
    );
  }
  const allowed = access.fieldsOf(action, entity, record);
  if (allowed === 'all') return;
  const refused = payloadFields.filter((f) => entity.fields.has(f) && !allowed.has(f));
  if (refused.length) {
    throw new OpsError(
      403,
      'field_not_writable',
      `You may not set ${refused.map((f) => `"${f}"`).join(', ')} of ${entity.key}`,
      refused.map((f) => ({ path: `${prefix}${f}`, code: 'field_not_writable', message: `You may not set "${f}"` })),
    );
  }
}
