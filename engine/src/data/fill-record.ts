import { formatSequence, sequencePeriod, type ComputedField } from '@opsflux/definitions';
import jsonLogic from 'json-logic-js';
import type { Knex } from 'knex';
import type { CompiledEntity } from '../registry/registry-types.ts';
import type { ApiRecord } from './record-mapper.ts';
import '../rules/date-operations.ts';

/** Fills the defaults of fields absent from a new record. */
export function applyDefaults(entity: CompiledEntity, record: ApiRecord): void {
  for (const f of entity.fields.values()) {
    if (record[f.name] === undefined && f.def.default !== undefined) record[f.name] = structuredClone(f.def.default);
  }
}

/** A computed value as its result type stores it: what cannot be one becomes null. */
export function coerceComputed(value: unknown, type: ComputedField['resultType']): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return String(value).slice(0, 100_000);
    case 'integer': {
      const n = Math.trunc(typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN);
      return Number.isSafeInteger(n) ? n : null;
    }
    case 'decimal': {
      const n = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return jsonLogic.truthy(value);
    case 'date': {
      const s = String(value);
      return /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s.slice(0, 10))) ? s.slice(0, 10) : null;
    }
  }
}

/** Recomputes every computed field from the record's current values. */
export function computeFields(entity: CompiledEntity, record: ApiRecord): void {
  for (const f of entity.fields.values()) {
    if (f.def.type !== 'computed') continue;
    let v: unknown;
    try {
      v = jsonLogic.apply(f.def.expression as jsonLogic.RulesLogic, record);
    } catch {
      v = null;
    }
    record[f.name] = coerceComputed(v, f.def.resultType);
  }
}

/**
 * Takes the next number of the entity's sequence. The counter row stays locked until the
 * write's transaction ends, so numbers are gap-free: a rolled-back write gives its number back.
 */
export async function nextSequenceValue(
  trx: Knex.Transaction,
  entity: CompiledEntity,
  at: Date,
): Promise<string | undefined> {
  const seq = entity.sequence;
  if (!seq) return undefined;
  const period = sequencePeriod(seq.parts, at);
  const { rows } = await trx.raw(
    `INSERT INTO sys_sequences (sequence, period, last_value) VALUES (?, ?, 1)
     ON CONFLICT (sequence, period) DO UPDATE SET last_value = sys_sequences.last_value + 1
     RETURNING last_value`,
    [seq.key, period],
  );
  return formatSequence(seq.parts, at, Number(rows[0].last_value));
}
