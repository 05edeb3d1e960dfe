import jsonLogic from 'json-logic-js';
import type { Knex } from 'knex';
import { isOpsError, OpsError } from '../errors.ts';
import { applyCondition } from '../query/filter-to-sql.ts';
import { parseFilter } from '../query/parse-filter.ts';
import type { CompiledEntity, CompiledField, Registry } from '../registry/registry-types.ts';
import { DATE_OPERATIONS } from './date-operations.ts';

/**
 * json-logic operations that read other records, for rules and workflow guards:
 *
 *   { "count_records": { "entity": "bundle.entity", "where": filter } }            → a number
 *   { "sum_records": { "entity": ..., "field": "numeric field", "where": filter } } → a number (0 when none)
 *   { "peak_overlap": { "entity": ..., "start": "date field", "end": "date field",
 *                       "from": date, "to": date, "where": filter,
 *                       "weight"?: "numeric field", "pick"?: "day" | "count" } }
 *       → { "day": "YYYY-MM-DD" | null, "count": n }: the day of [from, to) covered by the most
 *         records whose [start, end) it falls in (earliest on ties; records summed by `weight`
 *         instead of counted when given); `pick` returns one of the two.
 *
 * `filter` is the data API's filter language, where any value may be a json-logic expression
 * evaluated against the rule's data first (`{"site": {"$eq": {"var": "record.site"}}}`).
 * Soft-deleted records never count. The engine reads with its own authority, not the user's, so
 * an expression only ever sees numbers and a day, never rows.
 *
 * json-logic-js is synchronous: `resolveRecordOperations` runs the queries first (innermost
 * first, in one read-only transaction with a statement timeout) and puts each answer in place of
 * its operation; `jsonLogic.apply` then evaluates the result. An operation that cannot be answered
 * (unknown entity or field, a filter that is not valid once its expressions are evaluated, an
 * unreadable date) is replaced by a marker that throws when evaluation reaches it, so the rule or
 * guard evaluating it is not met — never a null a comparison could take for 0.
 */
export const MAX_RECORD_OPERATIONS = 20;
export const STATEMENT_TIMEOUT_MS = 2000;
export const MAX_PERIOD_DAYS = 1000;

type FieldKind = 'number' | 'date';

interface Prepared {
  db: Knex;
  entity: CompiledEntity;
  /** The entity's live records matching the filter. */
  rows(): Knex.QueryBuilder;
  fields: Record<string, CompiledField>;
  from?: string;
  to?: string;
  pick?: 'day' | 'count';
}

interface RecordOperation {
  required: readonly string[];
  optional: readonly string[];
  /** Arguments naming a field of the entity, and the kind of field they need. */
  fields: Readonly<Record<string, FieldKind>>;
  /** Arguments that are json-logic evaluated against the data (besides the filter's values). */
  expressions: readonly string[];
  run(q: Prepared): Promise<unknown>;
}

const column = (q: Prepared, arg: string) => `${q.entity.table}.${q.fields[arg]!.column!}`;

/** The UTC day of a date or date-time column, as SQL. */
function daySql(q: Prepared, arg: string): Knex.Raw {
  const f = q.fields[arg]!;
  return f.def.type === 'datetime'
    ? q.db.raw(`(?? AT TIME ZONE 'UTC')::date`, [column(q, arg)])
    : q.db.raw('??', [column(q, arg)]);
}

export const RECORD_OPERATIONS: Record<'count_records' | 'sum_records' | 'peak_overlap', RecordOperation> = {
  count_records: {
    required: ['entity', 'where'],
    optional: [],
    fields: {},
    expressions: [],
    async run(q) {
      const row = await q.rows().count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
  },
  sum_records: {
    required: ['entity', 'field', 'where'],
    optional: [],
    fields: { field: 'number' },
    expressions: [],
    async run(q) {
      const row = await q
        .rows()
        .select(q.db.raw('coalesce(sum(??), 0) AS n', [column(q, 'field')]))
        .first();
      return Number(row?.n ?? 0);
    },
  },
  peak_overlap: {
    required: ['entity', 'start', 'end', 'from', 'to', 'where'],
    optional: ['weight', 'pick'],
    fields: { start: 'date', end: 'date', weight: 'number' },
    expressions: ['from', 'to'],
    async run(q) {
      let peak: { day: string | null; count: number } = { day: null, count: 0 };
      if (q.from! < q.to!) {
        const amount = q.fields.weight
          ? q.db.raw('coalesce(sum(??), 0) AS n', [column(q, 'weight')])
          : q.db.raw('count(*) AS n');
        // One row per day of [from, to) and record covering it: start <= day < end.
        const row = await q
          .rows()
          .joinRaw(
            `JOIN (SELECT s.d::date AS day FROM generate_series(?::date, ?::date - 1, interval '1 day') AS s(d)) AS g` +
              ' ON ? <= g.day AND g.day < ?',
            [q.from!, q.to!, daySql(q, 'start'), daySql(q, 'end')],
          )
          .select(q.db.raw('g.day::text AS day'), amount)
          .groupBy('g.day')
          .orderBy([
            { column: 'n', order: 'desc' },
            { column: 'g.day', order: 'asc' },
          ])
          .first();
        if (row) peak = { day: String(row.day), count: Number(row.n) };
      }
      return q.pick ? peak[q.pick] : peak;
    },
  },
};

export type RecordOperationName = keyof typeof RECORD_OPERATIONS;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isRecordOperation = (name: string): name is RecordOperationName => Object.hasOwn(RECORD_OPERATIONS, name);

/** `[operator, argument]` of a json-logic operation (an object with exactly one key). */
function operationOf(node: unknown): [string, unknown] | undefined {
  if (!isPlainObject(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? [keys[0]!, node[keys[0]!]] : undefined;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

// ---------------------------------------------------------------------------------------------
// Filters whose values may be json-logic

/** Where an expression sits in a filter: under which operator, for the whole list or one item. */
export interface FilterSlot {
  operator: string;
  item: boolean;
}

type SlotMapper = (expr: Record<string, unknown>, pointer: string, slot: FilterSlot) => unknown;

/**
 * The filter with each json-logic expression in a value position replaced by `fn`'s answer.
 * Value positions: a field's value (`{"site": expr}`), an operator's argument
 * (`{"$gte": expr}`), an item of a list (`{"$in": [expr, ...]}`). Anything else is kept as it is,
 * for the filter parser to judge.
 */
export function mapFilterExpressions(where: unknown, fn: SlotMapper, at = ''): unknown {
  if (!isPlainObject(where)) return where;
  // Built from entries, so a key such as "__proto__" stays a key (for the parser to refuse).
  return Object.fromEntries(
    Object.entries(where).map(([key, value]) => {
      const here = `${at}/${escapePointer(key)}`;
      if ((key === '$and' || key === '$or') && Array.isArray(value))
        return [key, value.map((doc, i) => mapFilterExpressions(doc, fn, `${here}/${i}`))];
      if (key === '$not') return [key, mapFilterExpressions(value, fn, here)];
      if (key.startsWith('$')) return [key, value];
      return [key, mapFieldValue(value, fn, here)];
    }),
  );
}

function mapFieldValue(value: unknown, fn: SlotMapper, at: string): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  if (!keys.every((k) => k.startsWith('$'))) return fn(value, at, { operator: '$eq', item: false });
  return Object.fromEntries(
    Object.entries(value).map(([op, arg]) => {
      const here = `${at}/${escapePointer(op)}`;
      if (isPlainObject(arg)) return [op, fn(arg, here, { operator: op, item: false })];
      if (Array.isArray(arg))
        return [op, arg.map((x, i) => (isPlainObject(x) ? fn(x, `${here}/${i}`, { operator: op, item: true }) : x))];
      return [op, arg];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Finding the operations in an expression

/** Operations whose second argument is evaluated once per item of a list, with the item as data. */
const LOOPS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

export interface RecordOperationNode {
  /** JSON pointer of the operation inside the expression. */
  pointer: string;
  name: RecordOperationName;
  args: unknown;
  /** The looping operation (`map`, `some`...) whose body holds it, if any. */
  loop?: string;
}

/** Each json-logic expression inside the arguments of a record operation, with its pointer. */
export function argumentExpressions(name: RecordOperationName, args: unknown): [unknown, string][] {
  if (!isPlainObject(args)) return [];
  const out: [unknown, string][] = [];
  for (const key of RECORD_OPERATIONS[name].expressions) if (key in args) out.push([args[key], `/${key}`]);
  mapFilterExpressions(args.where, (expr, pointer) => out.push([expr, `/where${pointer}`]));
  return out;
}

/** Every record operation of an expression, outer ones before those in their arguments. */
export function findRecordOperations(logic: unknown): RecordOperationNode[] {
  const out: RecordOperationNode[] = [];
  const visit = (node: unknown, pointer: string, loop: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((x, i) => visit(x, `${pointer}/${i}`, loop));
    const op = operationOf(node);
    if (!op) return;
    const [name, arg] = op;
    const here = `${pointer}/${escapePointer(name)}`;
    if (isRecordOperation(name)) {
      out.push({ pointer, name, args: arg, ...(loop && { loop }) });
      for (const [expr, sub] of argumentExpressions(name, arg)) visit(expr, `${here}${sub}`, loop);
    } else if (LOOPS.has(name) && Array.isArray(arg)) {
      arg.forEach((x, i) => visit(x, `${here}/${i}`, i === 1 ? name : loop));
    } else visit(arg, here, loop);
  };
  visit(logic, '', undefined);
  return out;
}

/** Whether an expression reads other records: callers skip the pre-evaluation pass when not. */
export function hasRecordOperations(logic: unknown): boolean {
  if (logic === null || typeof logic !== 'object') return false;
  return findRecordOperations(logic).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Checking arguments

export interface ArgumentProblem {
  /** JSON pointer inside the operation's arguments ('' for the arguments as a whole). */
  pointer: string;
  code: string;
  message: string;
}

const ENTITY_KEY = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
const PICKS = ['day', 'count'];

/** What is wrong with the arguments of a record operation, judged without any definition. */
export function argumentProblems(name: RecordOperationName, args: unknown): ArgumentProblem[] {
  const spec = RECORD_OPERATIONS[name];
  const takes = [...spec.required, ...spec.optional];
  if (!isPlainObject(args)) {
    return [
      {
        pointer: '',
        code: 'record_operation.arguments',
        message: `${name} takes an object of named arguments: ${takes.map((k) => `"${k}"`).join(', ')}`,
      },
    ];
  }
  const out: ArgumentProblem[] = [];
  const say = (pointer: string, message: string) =>
    out.push({ pointer, code: 'record_operation.arguments', message: `${name}: ${message}` });
  for (const key of Object.keys(args)) {
    if (!takes.includes(key))
      say(`/${escapePointer(key)}`, `there is no argument "${key}"; it takes ${takes.join(', ')}`);
  }
  for (const key of spec.required) if (!(key in args)) say('', `the argument "${key}" is missing`);
  if ('entity' in args && (typeof args.entity !== 'string' || !ENTITY_KEY.test(args.entity)))
    say('/entity', '"entity" names the records to read as "bundle.entity", e.g. "crm.visit"');
  for (const key of Object.keys(spec.fields)) {
    if (key in args && (typeof args[key] !== 'string' || !FIELD_NAME.test(args[key])))
      say(`/${key}`, `"${key}" names a field of the entity, as a text`);
  }
  if ('where' in args && !isPlainObject(args.where))
    say('/where', '"where" is a filter such as {"state": "approved"}; {} takes every record');
  if ('pick' in args && !PICKS.includes(args.pick as string)) say('/pick', '"pick" is "day" or "count"');
  return out;
}

const NUMERIC = new Set(['integer', 'decimal']);
const DATES = new Set(['date', 'datetime']);

/** Why a field cannot serve as a number or a date in an operation; undefined when it can. */
export function fieldKindProblem(
  def: { type: string; resultType?: string } | undefined,
  kind: FieldKind,
): string | undefined {
  if (!def) return 'there is no such field';
  const type = def.type === 'computed' ? def.resultType : def.type;
  if (kind === 'number' && !NUMERIC.has(type ?? '')) return `it is a ${def.type} field, not a number`;
  if (kind === 'date' && !DATES.has(type ?? '')) return `it is a ${def.type} field, not a date`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolving

export interface RecordOperationScope {
  db: Knex;
  registry: Registry;
}

/** An operation that cannot be answered: evaluating the marker left in its place throws this. */
class Unanswerable extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const FAILED = 'record_operation_failed';

/** The day of a date or date-time as `YYYY-MM-DD` (UTC), within PostgreSQL's years. */
function dayText(value: unknown): string | undefined {
  const day = DATE_OPERATIONS.date_add(value, 0);
  return day && /^\d{4}-\d\d-\d\d$/.test(day) && !day.startsWith('0000') ? day : undefined;
}

/** Checks the arguments against the registry and evaluates their expressions. */
function prepare(name: RecordOperationName, args: unknown, data: object, scope: RecordOperationScope): Prepared {
  const problem = argumentProblems(name, args)[0];
  if (problem) throw new Unanswerable(problem.code, problem.message);
  const a = args as Record<string, unknown>;
  const spec = RECORD_OPERATIONS[name];
  const entity = scope.registry.entities.get(a.entity as string);
  if (!entity) throw new Unanswerable('record_operation.unknown_entity', `${name}: there is no entity "${a.entity}"`);
  const fields: Record<string, CompiledField> = {};
  for (const [key, kind] of Object.entries(spec.fields)) {
    if (!(key in a)) continue;
    const f = entity.fields.get(a[key] as string);
    const why = f && !f.column ? 'it is a list of references' : fieldKindProblem(f?.def, kind);
    if (why) throw new Unanswerable('record_operation.field', `${name}: "${a[key]}" of ${entity.key}: ${why}`);
    fields[key] = f!;
  }
  const evaluate = (expr: unknown, what: string) => {
    try {
      return jsonLogic.apply(expr as jsonLogic.RulesLogic, data);
    } catch (e) {
      throw new Unanswerable(
        'record_operation.expression',
        `${name}: ${what} cannot be evaluated: ${(e as Error).message}`,
      );
    }
  };
  const dates: Record<string, string> = {};
  for (const key of spec.expressions) {
    const day = dayText(evaluate(a[key], `"${key}"`));
    if (!day) throw new Unanswerable('record_operation.date', `${name}: "${key}" is not a date`);
    dates[key] = day;
  }
  if (dates.from && dates.to && DATE_OPERATIONS.days_between(dates.from, dates.to)! > MAX_PERIOD_DAYS) {
    throw new Unanswerable('record_operation.period', `${name}: the period covers more than ${MAX_PERIOD_DAYS} days`);
  }
  const where = mapFilterExpressions(a.where, (expr) => evaluate(expr, 'a value of "where"'));
  let condition;
  try {
    condition = parseFilter(where);
  } catch (e) {
    if (isOpsError(e)) throw new Unanswerable('record_operation.filter', `${name}: ${e.message}`);
    throw e;
  }
  const filterScope = { db: scope.db, registry: scope.registry };
  return {
    db: scope.db,
    entity,
    fields,
    ...dates,
    ...(a.pick !== undefined && { pick: a.pick as 'day' | 'count' }),
    rows: () => {
      const qb = scope.db(entity.table).whereNull(`${entity.table}.deleted_at`);
      if (condition) qb.where((b) => applyCondition(b, condition, entity, filterScope));
      return qb;
    },
  };
}

async function answer(name: RecordOperationName, args: unknown, data: object, scope: RecordOperationScope) {
  try {
    return await RECORD_OPERATIONS[name].run(prepare(name, args, data, scope));
  } catch (e) {
    // The filter is checked field by field as the SQL is built, which knex does on execution.
    const problem =
      e instanceof Unanswerable
        ? e
        : isOpsError(e) && e.code === 'filter_invalid'
          ? new Unanswerable('record_operation.filter', `${name}: ${e.message}`)
          : undefined;
    if (problem) return { [FAILED]: { code: problem.code, message: problem.message } };
    if ((e as { code?: string }).code === '57014') {
      throw new OpsError(503, 'record_operation_timeout', `${name} took longer than ${STATEMENT_TIMEOUT_MS} ms`);
    }
    throw e;
  }
}

async function resolveArguments(name: RecordOperationName, args: unknown, data: object, scope: RecordOperationScope) {
  if (!isPlainObject(args)) return args;
  const out: Record<string, unknown> = { ...args };
  for (const key of RECORD_OPERATIONS[name].expressions)
    if (key in args) out[key] = await resolveNode(args[key], data, scope);
  if (!('where' in args)) return out;
  const found: unknown[] = [];
  mapFilterExpressions(args.where, (expr) => found.push(expr));
  const resolved: unknown[] = [];
  for (const expr of found) resolved.push(await resolveNode(expr, data, scope));
  let i = 0;
  out.where = mapFilterExpressions(args.where, () => resolved[i++]);
  return out;
}

async function resolveNode(node: unknown, data: object, scope: RecordOperationScope): Promise<unknown> {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) out.push(await resolveNode(item, data, scope));
    return out;
  }
  const op = operationOf(node);
  if (!op) return node;
  const [name, arg] = op;
  if (isRecordOperation(name)) return answer(name, await resolveArguments(name, arg, data, scope), data, scope);
  return { [name]: await resolveNode(arg, data, scope) };
}

/** Runs `work` in a read-only transaction (a savepoint inside the caller's), always rolled back. */
async function readOnly<T>(db: Knex, work: (trx: Knex) => Promise<T>): Promise<T> {
  const done = new Error('read-only pass finished');
  let result: T;
  try {
    await db.transaction(async (trx) => {
      await trx.raw('SET TRANSACTION READ ONLY');
      // Rolled back below, so the setting never outlives the pass, even in a caller's transaction.
      // PGlite accepts it but cannot interrupt a statement: the embedded database has no timeout.
      await trx.raw(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      result = await work(trx as unknown as Knex);
      throw done;
    });
  } catch (e) {
    if (e !== done) throw e;
  }
  return result!;
}

/**
 * The expression with each record operation replaced by its answer, for `jsonLogic.apply(…, data)`.
 * Every operation is answered, in untaken branches too (at most MAX_RECORD_OPERATIONS, or a 422
 * `too_many_record_operations`); one inside a loop body (`map`, `some`...) is a 422
 * `record_operation_in_loop`, since it would read the item, which the pass does not know.
 */
export async function resolveRecordOperations(
  logic: unknown,
  data: object,
  scope: RecordOperationScope,
): Promise<unknown> {
  const found = findRecordOperations(logic);
  if (found.length === 0) return logic;
  if (found.length > MAX_RECORD_OPERATIONS) {
    throw new OpsError(
      422,
      'too_many_record_operations',
      `An expression reads other records ${found.length} times; at most ${MAX_RECORD_OPERATIONS} are allowed`,
    );
  }
  const looped = found.find((n) => n.loop);
  if (looped) {
    throw new OpsError(422, 'record_operation_in_loop', `${looped.name} cannot sit inside "${looped.loop}"`);
  }
  return readOnly(scope.db, (db) => resolveNode(logic, data, { db, registry: scope.registry }));
}

for (const name of Object.keys(RECORD_OPERATIONS)) {
  jsonLogic.add_operation(name, () => {
    throw new OpsError(
      500,
      'record_operation_unresolved',
      `${name} reads other records: pass the expression through resolveRecordOperations before applying it`,
    );
  });
}
jsonLogic.add_operation(FAILED, (failure: { code: string; message: string }) => {
  throw new OpsError(422, failure.code, failure.message);
});

/**
 * Takes, in the caller's transaction, a lock per entity the expressions count or sum, in a fixed
 * order. Two writes whose checks read the same entity then run one after the other: each sees
 * the other's committed rows, so two stays cannot both take the last bed (no write skew).
 */
export async function lockRecordOperationEntities(trx: Knex, expressions: unknown[]): Promise<void> {
  const entities = new Set<string>();
  for (const e of expressions) {
    for (const node of findRecordOperations(e)) {
      const entity = (node.args as { entity?: unknown } | null)?.entity;
      if (typeof entity === 'string') entities.add(entity);
    }
  }
  for (const entity of [...entities].sort()) {
    await trx.raw('select pg_advisory_xact_lock(4242100, hashtext(?))', [entity]);
  }
}
