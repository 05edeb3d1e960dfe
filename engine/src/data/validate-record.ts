import { pickText, type Language } from '@opsflux/definitions';
import type { ErrorObject } from 'ajv';
import jsonLogic from 'json-logic-js';
import type { ErrorDetail } from '../errors.ts';
import { logicVariables } from '../bundles/json-logic-vars.ts';
import { formatProblems } from '../fields/field-formats.ts';
import { UUID_SCHEMA } from '../fields/field-runtime.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { ApiRecord } from './record-mapper.ts';
import '../rules/date-operations.ts';
import {
  hasRecordOperations,
  lockRecordOperationEntities,
  resolveRecordOperations,
  type RecordOperationScope as RecordScope,
} from '../rules/record-operations.ts';

/** Checks a write payload against the entity: types and limits (AJV), required fields. */
export function validatePayload(
  entity: CompiledEntity,
  payload: unknown,
  mode: 'create' | 'update',
  prefix = '',
): ErrorDetail[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return [
      { path: prefix || '(body)', code: 'not_object', message: 'A record must be a JSON object of field values' },
    ];
  }
  const errors: ErrorDetail[] = [];
  const body = payload as Record<string, unknown>;
  const { version: _version, ...fields } = body;
  const validate = entity.validator();
  if (!validate(fields)) errors.push(...(validate.errors ?? []).map((e) => describe(entity, e, prefix)));
  errors.push(...formatProblems(entity, fields, prefix));
  for (const [k, v] of Object.entries(fields)) {
    const problem = valueProblem(v, 0);
    if (problem)
      errors.push({ path: `${prefix}${k}`, code: problem.code, message: `${label(entity, k)} ${problem.message}` });
  }
  for (const name of entity.requiredFields) {
    const v = fields[name];
    const missing = mode === 'create' ? v === undefined || v === null || v === '' : v === null || v === '';
    if (missing && !errors.some((e) => e.path === `${prefix}${name}`)) {
      errors.push({ path: `${prefix}${name}`, code: 'required', message: `${label(entity, name)} is required` });
    }
  }
  // One entry per field; a wrong format says more than the pattern that backs it up.
  const rank = (e: ErrorDetail) => (e.code === 'format' ? 0 : 1);
  const first = new Map<string, ErrorDetail>();
  for (const e of errors) {
    const seen = first.get(e.path);
    if (!seen || rank(e) < rank(seen)) first.set(e.path, e);
  }
  return errors.filter((e) => first.get(e.path) === e);
}

const MAX_DEPTH = 1000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What PostgreSQL would refuse or alter in a value, at any depth of a JSON value. */
function valueProblem(v: unknown, depth: number): { code: string; message: string } | undefined {
  if (typeof v === 'string') {
    if (v.includes('\u0000')) return { code: 'invalid_character', message: 'contains a NUL character' };
    if (LONE_SURROGATE.test(v)) return { code: 'invalid_character', message: 'contains an invalid Unicode character' };
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { code: 'too_deep', message: `nests more than ${MAX_DEPTH} levels` };
  for (const [k, x] of Object.entries(v)) {
    const p = valueProblem(k, depth + 1) ?? valueProblem(x, depth + 1);
    if (p) return p;
  }
  return undefined;
}

function label(entity: CompiledEntity, field: string): string {
  const f = entity.fields.get(field);
  return f ? `"${pickText(f.def.label)}"` : `"${field}"`;
}

function describe(entity: CompiledEntity, e: ErrorObject, prefix: string): ErrorDetail {
  const p = e.params as Record<string, unknown>;
  const field = e.instancePath.split('/')[1] ?? '';
  const rest = e.instancePath.split('/').slice(2).join('.');
  const path = `${prefix}${field}${rest ? `.${rest}` : ''}`;
  const name = label(entity, field);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      if (field) return { path: `${path}.${extra}`, code: 'unknown_field', message: `${name} has no key "${extra}"` };
      const f = entity.fields.get(extra);
      const why = f ? 'is filled by the engine and cannot be written' : `is not a field of ${entity.key}`;
      return { path: `${prefix}${extra}`, code: f ? 'read_only' : 'unknown_field', message: `"${extra}" ${why}` };
    }
    case 'type':
      return { path, code: 'type', message: `${name} must be ${String(p.type).replace(',null', '')}` };
    case 'enum':
      return {
        path,
        code: 'enum',
        message: `${name} must be one of: ${(p.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}`,
      };
    case 'maxLength':
      return { path, code: 'max_length', message: `${name} must be at most ${String(p.limit)} characters` };
    case 'minLength':
      return { path, code: 'min_length', message: `${name} must be at least ${String(p.limit)} characters` };
    case 'pattern':
      if (p.pattern === UUID_SCHEMA.pattern)
        return { path, code: 'format', message: `${name} must be a record id (a UUID)` };
      return { path, code: 'pattern', message: `${name} does not have the expected format` };
    case 'format':
      return { path, code: 'format', message: `${name} must be a valid ${String(p.format)}` };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, code: 'range', message: `${name} must be ${String(p.comparison)} ${String(p.limit)}` };
    default:
      return { path, code: e.keyword, message: `${name} ${e.message ?? 'is not valid'}` };
  }
}

/**
 * Cross-field rules of the entity, on the full record after the write. Rules that count or sum
 * other records read them through `scope` (the write's transaction, so they see its rows).
 */
export async function checkRules(
  entity: CompiledEntity,
  record: ApiRecord,
  lang: Language,
  prefix = '',
  scope?: RecordScope,
): Promise<ErrorDetail[]> {
  const errors: ErrorDetail[] = [];
  // Rules that count other records see every concurrent write to them: no write skew.
  if (scope)
    await lockRecordOperationEntities(
      scope.db,
      (entity.def.rules ?? []).map((r) => r.expression),
    );
  for (const rule of entity.def.rules ?? []) {
    let ok: unknown;
    // Outside the try: a query that timed out is a 503, not a broken rule.
    const logic =
      scope && hasRecordOperations(rule.expression)
        ? await resolveRecordOperations(rule.expression, record, scope)
        : rule.expression;
    try {
      ok = jsonLogic.apply(logic as jsonLogic.RulesLogic, record);
    } catch {
      ok = false;
    }
    if (jsonLogic.truthy(ok)) continue;
    const field = rule.field ?? logicVariables(rule.expression)[0] ?? '';
    errors.push({ path: `${prefix}${field}`, code: `rule.${rule.name}`, message: pickText(rule.message, lang) });
  }
  return errors;
}
