import type { Knex } from 'knex';
import { applyCondition } from '../query/filter-to-sql.ts';
import { assertReadable, assertWrite, forbidden, redact } from '../access/enforce.ts';
import { conflict, invalid, notFound, badRequest, type ErrorDetail } from '../errors.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { normalizeFormats } from '../fields/field-formats.ts';
import { applyDefaults, computeFields, nextSequenceValue } from './fill-record.ts';
import { findRecordRow } from './read-record.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { afterChange, recordEvent } from '../automations/automation-events.ts';
import { recordChanges } from '../audit/record-changes.ts';
import { auditActor, type RequestContext } from './request-context.ts';
import { toApi, type ApiRecord, type Row } from './record-mapper.ts';
import { checkRules, validatePayload } from './validate-record.ts';

export const MAX_BATCH = 1000;

/** Column values of a record (many-to-many lists are stored apart). */
export function columnValues(entity: CompiledEntity, record: ApiRecord): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(record)) {
    const f = entity.fields.get(k);
    if (f && !f.column) continue;
    row[k] = f?.toDb ? f.toDb(v) : v;
  }
  return row;
}

/** Ids are stored lowercase, as PostgreSQL prints them, whatever case the client sent. */
export function normalizeIds(entity: CompiledEntity, record: ApiRecord): void {
  for (const f of entity.fields.values()) {
    const v = record[f.name];
    if (!f.target || v === null || v === undefined) continue;
    record[f.name] = Array.isArray(v) ? v.map((x) => String(x).toLowerCase()) : String(v).toLowerCase();
  }
}

/** References must point at existing, not deleted records: one query per reference field. */
export async function checkReferences(
  trx: Knex.Transaction,
  ctx: RequestContext,
  entity: CompiledEntity,
  records: ApiRecord[],
  prefix: (i: number) => string,
): Promise<ErrorDetail[]> {
  const errors: ErrorDetail[] = [];
  for (const f of entity.fields.values()) {
    if (!f.target) continue;
    const wanted = new Set<string>();
    for (const r of records) {
      const v = r[f.name];
      if (Array.isArray(v)) v.forEach((x) => wanted.add(x as string));
      else if (typeof v === 'string') wanted.add(v);
    }
    if (!wanted.size) continue;
    const target = ctx.registry.entities.get(f.target)!;
    // A record the writer may not read cannot be pointed at, and looks like one that does not
    // exist: the answer tells nothing about other companies' ids.
    const readable = ctx.access.rows('read', target);
    const found = new Set(
      readable === false
        ? []
        : ((await trx(target.table)
            .pluck('id')
            .whereIn('id', [...wanted])
            .whereNull('deleted_at')
            .where((b) => {
              if (readable !== true) applyCondition(b, readable, target, { db: ctx.db, registry: ctx.registry });
            })) as string[]),
    );
    records.forEach((r, i) => {
      const v = r[f.name];
      const ids = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
      for (const id of ids) {
        if (!found.has(id))
          errors.push({
            path: `${prefix(i)}${f.name}`,
            code: 'reference_not_found',
            message: `No ${target.key} record has the id ${id}`,
          });
      }
    });
  }
  return errors;
}

async function writeLinks(
  trx: Knex.Transaction,
  entity: CompiledEntity,
  id: string,
  record: ApiRecord,
  replace: boolean,
): Promise<void> {
  for (const f of entity.fields.values()) {
    if (!f.joinTable || record[f.name] === undefined) continue;
    if (replace) await trx(f.joinTable).where({ source_id: id }).delete();
    const ids = (record[f.name] as string[] | null) ?? [];
    if (ids.length)
      await trx(f.joinTable).insert(ids.map((t, position) => ({ source_id: id, target_id: t, position })));
  }
}

/** Creates one or many records, all or nothing. */
export async function createRecords(
  ctx: RequestContext,
  entity: CompiledEntity,
  payloads: unknown[],
  batch: boolean,
): Promise<ApiRecord[]> {
  if (payloads.length === 0) throw badRequest('body_invalid', 'The list of records is empty');
  if (payloads.length > MAX_BATCH) throw badRequest('batch_too_large', `A batch holds at most ${MAX_BATCH} records`);
  const prefix = (i: number) => (batch ? `[${i}].` : '');
  if (!ctx.access.can('create', entity)) throw forbidden(`You may not create ${entity.key} records`);
  for (const p of payloads) normalizeFormats(entity, p);
  const errors = payloads.flatMap((p, i) => validatePayload(entity, p, 'create', prefix(i)));
  if (errors.length) throw invalid(errors);
  const now = ctx.now();
  const records = payloads.map((p) => {
    const { version: _v, ...r } = p as ApiRecord;
    applyDefaults(entity, r);
    normalizeIds(entity, r);
    return r;
  });
  return ctx.db.transaction(async (trx) => {
    const refErrors = await checkReferences(trx, ctx, entity, records, prefix);
    if (refErrors.length) throw invalid(refErrors);
    // Numbers first, so computed fields and rules can read them; a failure gives them back.
    for (const r of records) {
      const number = await nextSequenceValue(trx, entity, now);
      if (number !== undefined) r[entity.sequence!.field] = number;
      computeFields(entity, r);
    }
    const scope = { db: trx as unknown as Knex, registry: ctx.registry };
    const ruleErrors: ErrorDetail[] = [];
    for (const [i, r] of records.entries())
      ruleErrors.push(...(await checkRules(entity, r, ctx.lang, prefix(i), scope)));
    if (ruleErrors.length) throw invalid(ruleErrors);
    // Who and which company a record belongs to are the engine's to say, never the payload's.
    const stamp = {
      created_by: ctx.actor,
      ...(entity.def.companyScoped && { company_id: ctx.principal.companyId }),
      // Every record starts in the initial state; only transitions move it.
      ...(entity.workflow && { state: entity.workflow.initial, workflow_version: entity.workflow.bundleVersion }),
    };
    records.forEach((r, i) =>
      assertWrite(ctx.access, 'create', entity, { ...r, ...stamp }, Object.keys(payloads[i] as object), prefix(i)),
    );
    const out: Row[] = [];
    for (const r of records) {
      const [row] = await trx(entity.table)
        .insert({ ...columnValues(entity, r), ...stamp, updated_by: ctx.actor, created_at: now, updated_at: now })
        .returning(entity.columns);
      await writeLinks(trx, entity, row.id, r, false);
      // The links are those just written: no need to read them back.
      for (const f of entity.fields.values()) if (f.joinTable) row[f.name] = (r[f.name] as string[] | null) ?? [];
      out.push(row);
    }
    const created = out.map((row) => toApi(entity, row));
    await afterChange(trx, ctx, entity, () => created.map((r) => recordEvent(ctx, entity, 'record.created', null, r)));
    await appendAudit(
      trx,
      auditActor(ctx),
      now,
      created.map((r) => ({
        action: 'create',
        entity: entity.key,
        recordId: r.id as string,
        changes: recordChanges(entity, {}, r),
      })),
    );
    return created.map((r) => redact(ctx.access, entity, { ...r }));
  });
}

/** Updates a record; the payload's `version` must match the stored one (optimistic lock). */
export async function updateRecord(
  ctx: RequestContext,
  entity: CompiledEntity,
  key: string,
  payload: unknown,
): Promise<ApiRecord> {
  normalizeFormats(entity, payload);
  const errors = validatePayload(entity, payload, 'update');
  const body = (payload ?? {}) as ApiRecord;
  if (!errors.length && !Number.isInteger(body.version)) {
    errors.push({
      path: 'version',
      code: 'required',
      message: '"version" (the version you read) is required to update a record',
    });
  }
  if (errors.length) throw invalid(errors);
  const { version, ...changes } = body;
  normalizeIds(entity, changes);
  return ctx.db.transaction(async (trx) => {
    const scoped = { ...ctx, db: trx as unknown as Knex };
    const current = await findRecordRow(scoped, entity, key, { forUpdate: true });
    if (!current || current.deleted_at) throw notFound(`No ${entity.key} record "${key}"`);
    const seen = toApi(entity, current);
    assertReadable(ctx.access, entity, seen, key);
    if (!ctx.access.can('update', entity, seen)) throw forbidden(`You may not change this ${entity.key} record`);
    // The row comes with its link ids (selectLinks), so rules, the diff and the answer have them.
    if (current.version !== version) {
      throw conflict(
        'version_conflict',
        `The record was changed by someone else (your version ${String(version)}, current ${String(current.version)}): reload it and apply your change again`,
        { current: redact(ctx.access, entity, toApi(entity, current)) },
      );
    }
    const merged = { ...toApi(entity, current), ...changes };
    computeFields(entity, merged);
    assertWrite(ctx.access, 'update', entity, merged, Object.keys(changes));
    const ruleErrors = await checkRules(entity, merged, ctx.lang, '', {
      db: trx as unknown as Knex,
      registry: ctx.registry,
    });
    if (ruleErrors.length) throw invalid(ruleErrors);
    const refErrors = await checkReferences(trx, ctx, entity, [changes], () => '');
    if (refErrors.length) throw invalid(refErrors);
    const computed = Object.fromEntries(
      [...entity.fields.values()].filter((f) => f.def.type === 'computed').map((f) => [f.name, merged[f.name]]),
    );
    const [row] = await trx(entity.table)
      .where({ id: current.id })
      .update({
        ...columnValues(entity, { ...changes, ...computed }),
        version: (current.version as number) + 1,
        updated_at: ctx.now(),
        updated_by: ctx.actor,
      })
      .returning(entity.columns);
    await writeLinks(trx, entity, row.id, changes, true);
    for (const f of entity.fields.values()) {
      if (f.joinTable)
        row[f.name] = changes[f.name] !== undefined ? ((changes[f.name] as string[] | null) ?? []) : current[f.name];
    }
    const before = toApi(entity, current);
    const after = toApi(entity, row);
    await afterChange(trx, ctx, entity, () => [recordEvent(ctx, entity, 'record.updated', before, after)]);
    await appendAudit(trx, auditActor(ctx), ctx.now(), [
      { action: 'update', entity: entity.key, recordId: row.id, changes: recordChanges(entity, before, after) },
    ]);
    return redact(ctx.access, entity, { ...after });
  });
}
