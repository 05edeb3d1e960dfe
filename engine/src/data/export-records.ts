import type { Response } from 'express';
import { forbidden } from '../access/enforce.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { badRequest } from '../errors.ts';
import { decodeCursor, MAX_LIMIT, parseListParams } from '../query/list-params.ts';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { exportStream } from './csv.ts';
import { listRecords } from './list-records.ts';
import { auditActor, filterPlaceholders, type RequestContext } from './request-context.ts';
import { XLSX_TYPE, xlsxStream } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows an export holds at most; beyond, narrow the filter. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * Exports what the caller may see of a list (same filter, search, sort and field rules), as CSV,
 * JSON or XLSX, page by page with the keyset cursor. Needs the `export` action; audited with its
 * filter and row count. An XLSX sheet leaves out the columns the caller may read on no record,
 * and its headers are the columns' labels in the caller's language.
 */
export async function exportRecords(
  ctx: RequestContext,
  entity: CompiledEntity,
  query: Record<string, unknown>,
  res: Response,
): Promise<void> {
  if (!ctx.access.can('export', entity)) throw forbidden(`You may not export ${entity.key} records`);
  // `format` names it; without one, an Accept naming the XLSX type asks for XLSX, else CSV.
  const accept = res.req?.get('accept') ?? '';
  const { format = accept.includes(XLSX_TYPE) ? 'xlsx' : 'csv', ...listQuery } = query;
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw badRequest('query_invalid', '"format" must be csv, json or xlsx', [
      { path: 'format', code: 'invalid', message: '"format" must be csv, json or xlsx' },
    ]);
  }
  for (const k of ['limit', 'cursor', 'page', 'count']) {
    if (k in listQuery)
      throw badRequest('query_invalid', `An export takes every matching row: "${k}" does not apply`, [
        { path: k, code: 'unknown_parameter', message: `"${k}" does not apply to an export` },
      ]);
  }
  // Pages follow the sort (newest first by default), also with q: an export is not ranked.
  const params = {
    ...parseListParams({ ...listQuery, limit: String(MAX_LIMIT) }, entity, filterPlaceholders(ctx)),
    explicitSort: true,
  };
  // The first page is read before anything is sent, so a bad filter is still a clean 4xx.
  let page = await listRecords(ctx, entity, params);
  // The id always comes first, so an export can be matched back to its records.
  const columns = params.fields
    ? ['id', ...params.fields.filter((f) => f !== 'id')]
    : [...entity.columns.filter((c) => c !== 'deleted_at' && c !== 'deleted_by'), ...linkFields(entity)];
  const out =
    format === 'xlsx'
      ? xlsxStream(
          res,
          entity,
          columns.filter((c) => ctx.access.fieldRows(entity, c) !== false),
          ctx.lang,
        )
      : exportStream(res, format as 'csv' | 'json', entity.key, columns);
  for (;;) {
    page.data.forEach((record) => out.write(record));
    if (!page.meta.nextCursor || out.rows >= MAX_EXPORT_ROWS) break;
    page = await listRecords(ctx, entity, {
      ...params,
      cursor: decodeCursor(page.meta.nextCursor, params.sort.length),
    });
  }
  const rows = out.rows;
  await ctx.db.transaction((trx) =>
    appendAudit(trx, auditActor(ctx), ctx.now(), [
      {
        action: 'export',
        entity: entity.key,
        changes: { format, rows, filter: (listQuery.filter as string | undefined) ?? null, q: listQuery.q ?? null },
      },
    ]),
  );
  await out.close();
  if (!res.writableEnded) res.end();
}

function linkFields(entity: CompiledEntity): string[] {
  return [...entity.fields.values()].filter((f) => f.joinTable).map((f) => f.name);
}
