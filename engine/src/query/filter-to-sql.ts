import { CompoundCondition, FieldCondition, type Condition } from '@ucast/core';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Knex } from 'knex';
import { badRequest } from '../errors.ts';
import { EQUALITY, ORDERED, UUID_SCHEMA, type FilterOperator } from '../fields/field-runtime.ts';
import type { CompiledEntity, CompiledField, Registry } from '../registry/registry-types.ts';
import { SQL_OPERATORS } from './filter-operators.ts';
import type { Access } from '../access/access.ts';

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const validators = new WeakMap<object, ValidateFunction>();

/** System columns that can be filtered like fields. */
export const SYSTEM_FIELDS: Record<string, Pick<CompiledField, 'operators' | 'valueSchema'>> = {
  id: { operators: new Set(EQUALITY), valueSchema: UUID_SCHEMA },
  external_id: { operators: new Set<FilterOperator>([...ORDERED, '$startsWith']), valueSchema: { type: 'string' } },
  created_at: { operators: new Set(ORDERED), valueSchema: { type: 'string', format: 'date-time' } },
  updated_at: { operators: new Set(ORDERED), valueSchema: { type: 'string', format: 'date-time' } },
  created_by: { operators: new Set(EQUALITY), valueSchema: { type: 'string' } },
  updated_by: { operators: new Set(EQUALITY), valueSchema: { type: 'string' } },
  company_id: { operators: new Set(EQUALITY), valueSchema: UUID_SCHEMA },
  state: { operators: new Set(EQUALITY), valueSchema: { type: 'string', maxLength: 64 } },
};

export interface FilterScope {
  db: Knex;
  /** Where references lead: the entities a dotted path may follow. */
  registry: Pick<Registry, 'entities'>;
  /**
   * The caller's access, for filters a client wrote: a field is only compared on the rows where
   * the caller may read it, and a path only follows references into records the caller may read.
   * Absent for conditions the engine builds itself (permission scopes).
   */
  access?: Access;
}

const fail = (path: string, code: string, message: string) =>
  badRequest('filter_invalid', `The filter is not valid: ${message}`, [{ path, code, message }]);

/** Adds `cond` to a query on `entity`'s table. Every field, operator and value is checked first. */
export function applyCondition(
  qb: Knex.QueryBuilder,
  cond: Condition,
  entity: CompiledEntity,
  scope: FilterScope,
): void {
  if (cond instanceof CompoundCondition) {
    const items = cond.value as Condition[];
    if (cond.operator === 'and') items.forEach((c) => qb.where((b) => applyCondition(b, c, entity, scope)));
    else if (cond.operator === 'or')
      qb.where((b) => items.forEach((c) => b.orWhere((bb) => applyCondition(bb, c, entity, scope))));
    else if (cond.operator === 'not') {
      // Rows for which the inner condition holds are left out. SQL NOT would also leave out the
      // rows where it is unknown (a null value), unlike $ne and MongoDB's $not.
      const matching = scope
        .db(entity.table)
        .select('id')
        .where((b) => items.forEach((c) => applyCondition(b, c, entity, scope)));
      qb.whereNotIn(`${entity.table}.id`, matching);
    } else throw fail('filter', 'unknown_operator', `unknown logical operator "${cond.operator}"`);
    return;
  }
  if (!(cond instanceof FieldCondition)) throw fail('filter', 'invalid', 'unsupported condition');
  const path = String(cond.field);
  const head = path.split('.')[0]!;
  const visible = scope.access ? scope.access.fieldRows(entity, head) : true;
  if (visible === false) {
    throw fail(path, 'field_not_readable', `you may not read "${head}" of ${entity.key}, so you cannot filter on it`);
  }
  if (visible === true) return applyField(qb, cond, entity, scope);
  // Compared only where the caller sees the value: elsewhere the test is false, whatever the value.
  qb.where((b) => {
    applyCondition(b, visible, entity, { db: scope.db, registry: scope.registry });
    b.where((inner) => applyField(inner, cond, entity, scope));
  });
}

/** Rows a client's condition may reach on `entity`: all of them, or those its read grants cover. */
function readableRows(qb: Knex.QueryBuilder, entity: CompiledEntity, scope: FilterScope, path: string): void {
  if (!scope.access) return;
  const rows = scope.access.rows('read', entity);
  if (rows === false) throw fail(path, 'entity_not_readable', `you may not read ${entity.key} records`);
  if (rows !== true) applyCondition(qb, rows, entity, { db: scope.db, registry: scope.registry });
}

function applyField(qb: Knex.QueryBuilder, cond: FieldCondition, entity: CompiledEntity, scope: FilterScope): void {
  const path = String(cond.field);
  const [head, ...rest] = path.split('.');
  const table = entity.table;
  const field = entity.fields.get(head!);
  if (rest.length) {
    if (!field?.target) {
      throw fail(
        path,
        'not_a_reference',
        `"${head}" is not a reference of ${entity.key}, so "${path}" cannot be followed`,
      );
    }
    const target = scope.registry.entities.get(field.target)!;
    const inner = new FieldCondition(cond.operator, rest.join('.'), cond.value);
    const sub = scope
      .db(target.table)
      .select('id')
      .whereNull('deleted_at')
      .where((b) => readableRows(b, target, scope, path))
      .where((b) => applyCondition(b, inner, target, scope));
    if (field.joinTable)
      qb.whereIn(`${table}.id`, scope.db(field.joinTable).select('source_id').whereIn('target_id', sub));
    else qb.whereIn(`${table}.${head}`, sub);
    return;
  }
  const system = Object.hasOwn(SYSTEM_FIELDS, path) ? SYSTEM_FIELDS[path] : undefined;
  const systemHere =
    system && (path !== 'company_id' || entity.def.companyScoped) && (path !== 'state' || entity.workflow);
  if (!field && !systemHere) {
    throw fail(path, 'unknown_field', `${entity.key} has no field "${path}"`);
  }
  if (field?.joinTable) return applyManyToMany(qb, cond, field, entity, path);
  const spec = field ?? system!;
  const op = `$${cond.operator}` as FilterOperator;
  if (!spec.operators.has(op)) {
    throw fail(
      path,
      'operator_not_allowed',
      `"${path}" does not support ${op}; it supports ${[...spec.operators].join(' ') || 'no operator'}`,
    );
  }
  checkValues(spec, op, cond.value, path);
  const col = `${table}.${path}`;
  SQL_OPERATORS[op](qb, col, cond.value as never);
}

/** `{ companies: id }` or `{ companies: { $in: [...] } }`: records linked to those targets. */
function applyManyToMany(
  qb: Knex.QueryBuilder,
  cond: FieldCondition,
  field: CompiledField,
  entity: CompiledEntity,
  path: string,
): void {
  if (cond.operator !== 'eq' && cond.operator !== 'in') {
    throw fail(
      path,
      'operator_not_allowed',
      `"${path}" is a list of references: use a record id, $in, or follow it ("${path}.<field>")`,
    );
  }
  const ids = cond.operator === 'eq' ? [cond.value] : (cond.value as unknown[]);
  ids.forEach((id, i) => checkValue(UUID_SCHEMA, id, `${path}[${i}]`));
  qb.whereIn(`${entity.table}.id`, (sub) =>
    sub
      .select('source_id')
      .from(field.joinTable!)
      .whereIn('target_id', ids as string[]),
  );
}

export function checkValues(
  spec: Pick<CompiledField, 'valueSchema'>,
  op: FilterOperator,
  value: unknown,
  path: string,
): void {
  if (op === '$null') return;
  if (op === '$contains' || op === '$startsWith') return;
  const values = Array.isArray(value) ? value : [value];
  values.forEach((v, i) => {
    if (v === null && (op === '$eq' || op === '$ne' || op === '$in' || op === '$nin')) return;
    checkValue(spec.valueSchema, v, Array.isArray(value) ? `${path}[${i}]` : path);
  });
}

function checkValue(schema: Record<string, unknown>, value: unknown, path: string): void {
  let validate = validators.get(schema);
  if (!validate) {
    // Filters compare, they do not store: length and range limits do not apply.
    // Integers keep the column's range, or PostgreSQL would refuse the parameter.
    const {
      maxLength: _a,
      minLength: _b,
      minimum: _c,
      maximum: _d,
      exclusiveMinimum: _e,
      exclusiveMaximum: _f,
      ...loose
    } = schema;
    validate = ajv.compile(
      schema.type === 'integer' ? { type: 'integer', minimum: -2147483648, maximum: 2147483647 } : loose,
    );
    validators.set(schema, validate);
  }
  if (!validate(value)) {
    throw fail(
      path,
      'invalid_value',
      `${JSON.stringify(value)} is not a valid value for "${path}" (${validate.errors?.[0]?.message ?? 'wrong type'})`,
    );
  }
}
