import {
  SYSTEM_COLUMNS,
  parseSequencePattern,
  pickText,
  type EntityDefinition,
  type FieldDefinition,
  type WorkflowDefinition,
} from '@opsflux/definitions';
import type { Ajv } from 'ajv';
import { logicVariables } from '../bundles/json-logic-vars.ts';
import { fieldOperators, fieldRuntime } from '../fields/index.ts';
import { referenceTarget, searchableFields } from '../schema/physical-model.ts';
import { joinTableName, tableName } from '../schema/sql-names.ts';
import type { CompiledWorkflow, CompiledEntity, CompiledField } from './registry-types.ts';

const SYSTEM_SORTABLE = ['id', 'created_at', 'updated_at'];

const SYSTEM_SCHEMA = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  external_id: { type: ['string', 'null'], maxLength: 255 },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: ['string', 'null'], readOnly: true },
  updated_by: { type: ['string', 'null'], readOnly: true },
  deleted_at: { type: ['string', 'null'], format: 'date-time', readOnly: true },
  deleted_by: { type: ['string', 'null'], readOnly: true },
  version: { type: 'integer', readOnly: true },
};

function describeField(
  f: FieldDefinition,
  valueSchema: Record<string, unknown>,
  writable: boolean,
): Record<string, unknown> {
  return {
    ...valueSchema,
    ...(!f.required && valueSchema.type !== undefined ? { type: [valueSchema.type, 'null'].flat() } : {}),
    ...(valueSchema.enum ? { enum: f.required ? valueSchema.enum : [...(valueSchema.enum as unknown[]), null] } : {}),
    title: pickText(f.label),
    ...(f.description && { description: pickText(f.description) }),
    ...(f.default !== undefined && { default: f.default }),
    ...(!writable && { readOnly: true }),
    'x-opsflux': { type: f.type, label: f.label, ...(f.sensitive && { sensitive: true }) },
  };
}

/** The schema also accepting null (optional fields can be cleared). */
function nullable(s: Record<string, unknown>): Record<string, unknown> {
  if (s.type === undefined) return s;
  return { ...s, nullable: true, ...(Array.isArray(s.enum) && { enum: [...s.enum, null] }) };
}

/** Compiles one entity of a bundle. `ajv` is shared by the registry; validators compile lazily. */
export function compileEntity(
  bundle: string,
  def: EntityDefinition,
  ajv: Ajv,
  workflow?: { def: WorkflowDefinition; bundleVersion: string },
): CompiledEntity {
  const table = tableName(bundle, def.name);
  const sortable = new Set<string>(SYSTEM_SORTABLE);
  for (const f of def.fields) if (f.unique || f.index || f.type === 'reference') sortable.add(f.name);
  for (const ix of def.indexes ?? []) sortable.add(ix.fields[0]!);
  if (def.sequence) sortable.add(def.sequence.field);
  if (workflow) sortable.add('state');

  const fields = new Map<string, CompiledField>();
  const inputProps: Record<string, unknown> = {
    external_id: { type: ['string', 'null'], minLength: 1, maxLength: 255 },
  };
  const recordProps: Record<string, unknown> = { ...SYSTEM_SCHEMA };
  for (const f of def.fields) {
    const rt = fieldRuntime(f);
    const valueSchema = rt.valueSchema(f);
    const hasColumn = rt.sqlType(f) !== undefined;
    const target = f.type === 'reference' || f.type === 'references' ? referenceTarget(bundle, f.entity) : undefined;
    fields.set(f.name, {
      name: f.name,
      def: f,
      ...(hasColumn && { column: f.name }),
      operators: new Set(fieldOperators(f)),
      sortable: sortable.has(f.name),
      writable: rt.writable,
      ...(target && { target: `${target.bundle}.${target.entity}` }),
      ...(f.type === 'references' && { joinTable: joinTableName(bundle, def.name, f.name) }),
      valueSchema,
      ...(rt.toDb && { toDb: rt.toDb }),
    });
    const described = describeField(f, valueSchema, rt.writable);
    recordProps[f.name] = described;
    if (rt.writable && def.sequence?.field !== f.name)
      inputProps[f.name] = f.required ? valueSchema : nullable(valueSchema);
  }
  if (def.companyScoped) {
    // The company is the writer's, set by the engine: a payload cannot choose it.
    recordProps.company_id = { type: ['string', 'null'], format: 'uuid', readOnly: true };
  }
  if (workflow) {
    // Only transitions move a record between states.
    recordProps.state = {
      type: 'string',
      enum: workflow.def.states.map((st) => st.name),
      readOnly: true,
      title: 'State',
    };
    recordProps.workflow_version = { type: ['string', 'null'], readOnly: true, title: 'Workflow version' };
  }
  const requiredFields = def.fields
    .filter((f) => f.required && fieldRuntime(f).writable && f.name !== def.sequence?.field && f.default === undefined)
    .map((f) => f.name);
  const inputSchema = { type: 'object', additionalProperties: false, properties: inputProps };
  const parsedSeq = def.sequence ? parseSequencePattern(def.sequence.pattern) : undefined;
  let validate: ReturnType<Ajv['compile']> | undefined;
  return {
    key: `${bundle}.${def.name}`,
    bundle,
    name: def.name,
    table,
    def,
    fields,
    columns: [
      ...SYSTEM_COLUMNS,
      ...(def.companyScoped ? ['company_id'] : []),
      ...(workflow ? ['state', 'workflow_version'] : []),
      ...def.fields.filter((f) => fieldRuntime(f).sqlType(f)).map((f) => f.name),
    ],
    requiredFields,
    sortable,
    logicReads: new Set([
      ...(def.rules ?? []).flatMap((r) => logicVariables(r.expression)),
      ...def.fields.flatMap((f) => (f.type === 'computed' ? logicVariables(f.expression) : [])),
    ]),
    searchable: searchableFields(def).length > 0,
    searchFields: searchableFields(def),
    ...(workflow && { workflow: compileWorkflow(workflow.def, workflow.bundleVersion) }),
    ...(def.sequence &&
      parsedSeq?.ok && {
        sequence: { field: def.sequence.field, parts: parsedSeq.parts, key: `${bundle}.${def.name}` },
      }),
    recordSchema: {
      type: 'object',
      title: pickText(def.label),
      properties: recordProps,
      required: ['id', 'version', ...def.fields.filter((f) => f.required).map((f) => f.name)],
    },
    inputSchema,
    validator() {
      validate ??= ajv.compile(inputSchema);
      return validate;
    },
  };
}

/** A workflow by state and transition name, tagged with the bundle version it came with. */
export function compileWorkflow(def: WorkflowDefinition, bundleVersion: string): CompiledWorkflow {
  return {
    def,
    bundleVersion,
    initial: def.states.find((st) => st.initial)!.name,
    states: new Map(def.states.map((st) => [st.name, st])),
    transitions: new Map(def.transitions.map((t) => [t.name, t])),
  };
}
