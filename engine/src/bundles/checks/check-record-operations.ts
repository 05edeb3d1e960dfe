import type { EntityDefinition, WorkflowDefinition } from '@opsflux/definitions';
import { CompoundCondition, FieldCondition, type Condition } from '@ucast/core';
import { Ajv } from 'ajv';
import { isOpsError } from '../../errors.ts';
import { UUID_SCHEMA, type FilterOperator } from '../../fields/field-runtime.ts';
import { checkValues, SYSTEM_FIELDS } from '../../query/filter-to-sql.ts';
import { parseFilter } from '../../query/parse-filter.ts';
import { compileEntity } from '../../registry/compile-entity.ts';
import type { CompiledEntity, CompiledField } from '../../registry/registry-types.ts';
import {
  argumentExpressions,
  argumentProblems,
  fieldKindProblem,
  findRecordOperations,
  mapFilterExpressions,
  MAX_RECORD_OPERATIONS,
  RECORD_OPERATIONS,
  type FilterSlot,
  type RecordOperationNode,
} from '../../rules/record-operations.ts';
import type { BundleIssue } from '../bundle-types.ts';
import { logicProblem } from '../json-logic-vars.ts';
import { fieldPointer, type BundleCheck, type CheckContext } from './check-context.ts';

type Say = (pointer: string, code: string, message: string) => void;
type Find = (key: string) => CompiledEntity | undefined;

/**
 * Operations that read other records (count_records, sum_records, peak_overlap) in rules and
 * guards name an entity of this bundle or of a dependency, fields of the right type, and a filter
 * whose written parts are valid for that entity; they stay out of loops and within the limit per
 * expression. Computed fields cannot use them: they are worked out without the database.
 */
export const checkRecordOperations: BundleCheck = (ctx) => {
  const issues: BundleIssue[] = [];
  const find = entityFinder(ctx);
  for (const { file, def } of ctx.entities) {
    const say: Say = (pointer, code, message) => issues.push({ file, pointer, code, message });
    def.rules?.forEach((rule, i) =>
      inspect(rule.expression, `/rules/${i}/expression`, `Rule "${rule.name}"`, say, ctx, find),
    );
    for (const f of def.fields) {
      if (f.type !== 'computed') continue;
      for (const node of findRecordOperations(f.expression)) {
        say(
          `${fieldPointer(def, f)}/expression${node.pointer}`,
          'computed.record_operation',
          `Computed field "${f.name}" uses ${node.name}, which reads other records; a computed field is ` +
            'worked out from its own record only: use a rule or a workflow guard instead',
        );
      }
    }
  }
  for (const { file, def } of ctx.workflows) {
    const say: Say = (pointer, code, message) => issues.push({ file, pointer, code, message });
    def.transitions.forEach((t, i) => {
      if (t.guard !== undefined) inspect(t.guard, `/transitions/${i}/guard`, `Transition "${t.name}"`, say, ctx, find);
    });
  }
  return issues;
};

function inspect(expr: unknown, base: string, who: string, say: Say, ctx: CheckContext, find: Find): void {
  const nodes = findRecordOperations(expr);
  if (nodes.length > MAX_RECORD_OPERATIONS) {
    say(
      base,
      'record_operation.too_many',
      `${who} reads other records ${nodes.length} times; one expression may do it at most ${MAX_RECORD_OPERATIONS} times`,
    );
  }
  for (const node of nodes) inspectNode(node, `${base}${node.pointer}/${node.name}`, who, say, ctx, find);
}

function inspectNode(node: RecordOperationNode, at: string, owner: string, say: Say, ctx: CheckContext, find: Find) {
  const who = `${owner}: ${node.name}`;
  if (node.loop) {
    say(
      at,
      'record_operation.in_loop',
      `${who} sits inside "${node.loop}", which repeats it for each item of a list; it cannot read ` +
        'the item: move it outside',
    );
  }
  const problems = argumentProblems(node.name, node.args);
  for (const p of problems) say(`${at}${p.pointer}`, p.code, `${owner}: ${p.message}`);
  if (problems.length) return;
  const args = node.args as Record<string, unknown>;
  for (const [expr, pointer] of argumentExpressions(node.name, args)) {
    const problem = logicProblem(expr);
    if (problem) say(`${at}${pointer}`, 'record_operation.expression', `${who}: ${problem}`);
  }
  const key = args.entity as string;
  const entity = targetEntity(key, at, who, say, ctx, find);
  if (!entity) return;
  for (const [arg, kind] of Object.entries(RECORD_OPERATIONS[node.name].fields)) {
    if (!(arg in args)) continue;
    const name = args[arg] as string;
    const f = entity.fields.get(name);
    const why = f && !f.column ? 'it is a list of references' : fieldKindProblem(f?.def, kind);
    if (why) {
      say(
        `${at}/${arg}`,
        'record_operation.field',
        `${who} needs a ${kind} field of ${key} for "${arg}", but "${name}": ${why}`,
      );
    }
  }
  for (const p of filterProblems(args.where, entity, find)) {
    say(`${at}/where${p.pointer}`, 'record_operation.where', `${who}, in "where": ${p.message}`);
  }
}

/** The compiled entity an operation reads, or undefined (with an issue when it is a mistake). */
function targetEntity(key: string, at: string, who: string, say: Say, ctx: CheckContext, find: Find) {
  const [bundle, name] = key.split('.') as [string, string];
  const own = bundle === ctx.manifest.name;
  if (!own && !Object.hasOwn(ctx.manifest.dependencies ?? {}, bundle)) {
    say(
      `${at}/entity`,
      'record_operation.not_a_dependency',
      `${who} reads ${key}, but "${bundle}" is not listed in "dependencies" of bundle.json: add it there`,
    );
    return undefined;
  }
  // A dependency that is not installed is reported by the dependency check.
  if (!own && !ctx.available.has(bundle)) return undefined;
  const entity = find(key);
  if (!entity) {
    say(
      `${at}/entity`,
      'record_operation.unknown_entity',
      `${who} reads ${key}, but ${own ? 'this bundle' : `the bundle "${bundle}"`} has no entity "${name}"`,
    );
  }
  return entity;
}

/** Entities of this bundle and the available ones, compiled on first use as the registry would. */
function entityFinder(ctx: CheckContext): Find {
  const ajv = new Ajv({ strict: false });
  const cache = new Map<string, CompiledEntity | undefined>();
  const source = (bundle: string): { defs: EntityDefinition[]; workflows: WorkflowDefinition[]; version: string } => {
    if (bundle === ctx.manifest.name) {
      return {
        defs: ctx.entities.map((e) => e.def),
        workflows: ctx.workflows.map((w) => w.def),
        version: ctx.manifest.version,
      };
    }
    const b = ctx.available.get(bundle);
    return { defs: b?.entities ?? [], workflows: b?.workflows ?? [], version: b?.manifest.version ?? '' };
  };
  return (key) => {
    if (cache.has(key)) return cache.get(key);
    const [bundle, name] = key.split('.') as [string, string];
    const { defs, workflows, version } = source(bundle);
    const def = defs.find((d) => d.name === name);
    const wf = workflows.find((w) => w.entity === name);
    let compiled: CompiledEntity | undefined;
    try {
      compiled = def && compileEntity(bundle, def, ajv, wf && { def: wf, bundleVersion: version });
    } catch {
      compiled = undefined; // other checks report what keeps the definition from compiling
    }
    cache.set(key, compiled);
    return compiled;
  };
}

// ---------------------------------------------------------------------------------------------
// Filters

/** Stands for a value json-logic fills in at run time: a text no one writes. */
const HOLE = '\u0001expression';

function placeholder(slot: FilterSlot): unknown {
  if (slot.item) return HOLE;
  if (slot.operator === '$in' || slot.operator === '$nin') return [HOLE];
  if (slot.operator === '$between') return [HOLE, HOLE];
  if (slot.operator === '$null') return true;
  return HOLE;
}

interface FilterProblem {
  pointer: string;
  message: string;
}

/** What is wrong in a filter's written parts, for `entity`; expressions are judged as json-logic. */
function filterProblems(where: unknown, entity: CompiledEntity, find: Find): FilterProblem[] {
  const out: FilterProblem[] = [];
  const literal = mapFilterExpressions(where, (expr, pointer, slot) => {
    if (Object.keys(expr).length !== 1) {
      out.push({
        pointer,
        message: 'this is neither a value, an operator such as {"$gt": 3} nor a json-logic operation',
      });
    }
    return placeholder(slot);
  });
  let condition: Condition | undefined;
  try {
    condition = parseFilter(literal);
  } catch (e) {
    if (!isOpsError(e)) throw e;
    const d = e.details[0];
    out.push({
      pointer: '',
      message: d ? `${d.path.replace(/^filter\.?/, '')}: ${d.message}` : e.message,
    });
    return out;
  }
  if (condition) conditionProblems(condition, entity, find, out);
  return out;
}

function conditionProblems(cond: Condition, entity: CompiledEntity, find: Find, out: FilterProblem[]): void {
  if (cond instanceof CompoundCondition) {
    for (const c of cond.value as Condition[]) conditionProblems(c, entity, find, out);
    return;
  }
  if (!(cond instanceof FieldCondition)) return;
  const path = String(cond.field);
  const found = fieldSpec(entity, path, find);
  if (!found) return; // the path leads into a bundle not at hand
  if ('problem' in found) {
    out.push({ pointer: '', message: found.problem });
    return;
  }
  const op = `$${cond.operator}` as FilterOperator;
  const allowed = found.manyToMany ? new Set(['$eq', '$in']) : found.spec.operators;
  if (!allowed.has(op)) {
    out.push({
      pointer: '',
      message: `"${path}" does not support ${op}; it supports ${[...allowed].join(' ') || 'no operator'}`,
    });
    return;
  }
  const written = Array.isArray(cond.value) ? cond.value.filter((v) => v !== HOLE) : cond.value;
  if (written === HOLE) return;
  try {
    checkValues(
      found.manyToMany ? { valueSchema: UUID_SCHEMA } : found.spec,
      found.manyToMany ? '$in' : op,
      written,
      path,
    );
  } catch (e) {
    if (!isOpsError(e)) throw e;
    out.push({ pointer: '', message: e.details[0]?.message ?? e.message });
  }
}

type Spec = Pick<CompiledField, 'operators' | 'valueSchema'>;

/** The field a filter path names, following references as the data API does. */
function fieldSpec(
  entity: CompiledEntity,
  path: string,
  find: Find,
): { spec: Spec; manyToMany: boolean } | { problem: string } | undefined {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const field = entity.fields.get(head);
  if (rest.length) {
    if (!field?.target)
      return { problem: `"${path}" cannot be followed: "${head}" is not a reference of ${entity.key}` };
    const target = find(field.target);
    return target && fieldSpec(target, rest.join('.'), find);
  }
  const system =
    Object.hasOwn(SYSTEM_FIELDS, path) &&
    (path !== 'company_id' || entity.def.companyScoped) &&
    (path !== 'state' || entity.workflow)
      ? SYSTEM_FIELDS[path]
      : undefined;
  if (field) return { spec: field, manyToMany: !!field.joinTable };
  if (system) return { spec: system, manyToMany: false };
  return { problem: `"${path}" is not a field of ${entity.key}` };
}
