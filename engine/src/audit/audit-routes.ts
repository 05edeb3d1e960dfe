import { Router, type Response } from 'express';
import { assertReadable } from '../access/enforce.ts';
import { hasSystemRole } from '../access/principal.ts';
import { requirePrincipal } from '../auth/authenticate.ts';
import { exportStream } from '../data/csv.ts';
import { toApi } from '../data/record-mapper.ts';
import { appendAudit } from './audit-entry.ts';
import { badRequest, notFound, OpsError } from '../errors.ts';
import { findRecordRow } from '../data/read-record.ts';
import { requestContext } from '../http/request-context.ts';

const FILTERS = ['entity', 'record', 'actor', 'action', 'outcome', 'from', 'to', 'limit', 'before'] as const;
const EXPORT_FILTERS = ['entity', 'record', 'actor', 'action', 'outcome', 'from', 'to'] as const;
const EXPORT_PAGE = 1000;
const EXPORT_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'api_key_id',
  'action',
  'entity',
  'record_id',
  'outcome',
  'reason',
  'ip',
  'user_agent',
  'changes',
  'prev_hash',
  'hash',
];

/** Searching the whole trail is for auditors (and administrators). */
function requireAuditor(res: Response) {
  const p = requirePrincipal(res);
  if (!hasSystemRole(p, 'auditor'))
    throw new OpsError(403, 'forbidden', 'Searching the audit trail needs the auditor role');
  return p;
}

const bad = (param: string, message: string) =>
  badRequest('query_invalid', message, [{ path: param, code: 'invalid', message }]);

function text(query: Record<string, unknown>, name: string, max = 255): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > max || v.includes('\u0000'))
    throw bad(name, `"${name}" must be given once, as a text of 1 to ${max} characters`);
  return v;
}

function instant(query: Record<string, unknown>, name: string): string | undefined {
  const v = text(query, name, 40);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v)))
    throw bad(name, `"${name}" must be an ISO 8601 date or time`);
  return new Date(v).toISOString();
}

const toEntry = (r: Record<string, unknown>): Record<string, unknown> => ({
  ...r,
  id: Number(r.id),
  at: new Date(r.at as string).toISOString(),
});

/** The audit trail for auditors: search across it, and the timeline of one record. */
export function auditRoutes(): Router {
  const r = Router();

  /** Entries matching the query's filters, newest first, from `before` on. */
  const search = (res: Response, query: Record<string, unknown>, limit: number, before?: string) => {
    const qb = res.locals.db('sys_audit').select('*').orderBy('id', 'desc').limit(limit);
    const eq: [string, string | undefined][] = [
      ['entity', text(query, 'entity')],
      ['record_id', text(query, 'record')],
      ['actor_id', text(query, 'actor', 128)],
      ['action', text(query, 'action', 64)],
      ['outcome', text(query, 'outcome', 16)],
    ];
    for (const [col, v] of eq) if (v !== undefined) qb.where(col, v);
    const from = instant(query, 'from');
    const to = instant(query, 'to');
    if (from) qb.where('at', '>=', from);
    if (to) qb.where('at', '<', to);
    if (before) qb.where('id', '<', before);
    return qb as Promise<Record<string, unknown>[]>;
  };

  const checkParams = (query: Record<string, unknown>, allowed: readonly string[]) => {
    for (const key of Object.keys(query))
      if (!allowed.includes(key)) throw bad(key, `Unknown query parameter "${key}"; use ${allowed.join(', ')}`);
  };

  r.get('/api/v1/audit', async (req, res) => {
    requireAuditor(res);
    const query = req.query as Record<string, unknown>;
    checkParams(query, FILTERS);
    const limitRaw = text(query, 'limit', 4) ?? '100';
    const limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > 1000)
      throw bad('limit', '"limit" must be a whole number from 1 to 1000');
    const beforeRaw = text(query, 'before', 20);
    if (beforeRaw !== undefined && !/^\d{1,18}$/.test(beforeRaw))
      throw bad('before', '"before" must be the id of an entry (meta.nextBefore of the previous page)');
    const rows = await search(res, query, limit + 1, beforeRaw);
    const page = rows.slice(0, limit).map(toEntry);
    res.json({ data: page, meta: { limit, nextBefore: rows.length > limit ? String(page.at(-1)!.id) : null } });
  });

  r.get('/api/v1/audit/export', async (req, res) => {
    const principal = requireAuditor(res);
    const { format = 'csv', ...query } = req.query as Record<string, unknown>;
    checkParams(query, EXPORT_FILTERS);
    if (format !== 'csv' && format !== 'json') throw bad('format', '"format" must be csv or json');
    let rows = await search(res, query, EXPORT_PAGE);
    const out = exportStream(res, format, 'audit', EXPORT_COLUMNS);
    while (rows.length) {
      rows.map(toEntry).forEach((row) => out.write(row));
      if (rows.length < EXPORT_PAGE) break;
      rows = await search(res, query, EXPORT_PAGE, String(rows.at(-1)!.id));
    }
    out.close();
    const count = out.rows;
    await res.locals.db.transaction((trx) =>
      appendAudit(
        trx,
        {
          id: principal.userId,
          name: principal.name,
          apiKeyId: principal.apiKeyId ?? null,
          ip: req.ip ?? null,
          userAgent: req.get('user-agent') ?? null,
        },
        new Date(),
        [{ action: 'audit.export', entity: 'sys.audit', changes: { format, rows: count, filters: query } }],
      ),
    );
    res.end();
  });

  r.get('/api/v1/data/:bundle/:entity/:id/history', async (req, res) => {
    const { bundle, entity, id } = req.params;
    const e = res.locals.registry.entity(bundle, entity);
    if (!e) throw notFound(`There is no entity "${entity}" in bundle "${bundle}"`);
    const ctx = requestContext(req, res);
    const row = await findRecordRow(ctx, e, id);
    if (!row) throw notFound(`No ${e.key} record "${id}"`);
    const record = toApi(e, row);
    assertReadable(ctx.access, e, record, id);
    const entries = await res.locals
      .db('sys_audit')
      .select('*')
      .where({ entity: e.key, record_id: row.id })
      .orderBy('id');
    // The timeline shows what the reader may see of the record, nothing more.
    const visible = ctx.access.fieldsOf('read', e, record);
    res.json({
      data: entries.map(toEntry).map((entry) => {
        const changes = entry.changes as Record<string, unknown> | null;
        if (visible === 'all' || !changes) return entry;
        return {
          ...entry,
          changes: Object.fromEntries(Object.entries(changes).filter(([k]) => !e.fields.has(k) || visible.has(k))),
        };
      }),
    });
  });
  return r;
}
