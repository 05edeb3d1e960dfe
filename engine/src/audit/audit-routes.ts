import { Router } from 'express';
import { badRequest, notFound } from '../errors.ts';
import { findRecordRow } from '../data/read-record.ts';
import { requestContext } from '../http/request-context.ts';

const FILTERS = ['entity', 'record', 'actor', 'action', 'from', 'to', 'limit', 'before'] as const;

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

const toEntry = (r: Record<string, unknown>) => ({
  ...r,
  id: Number(r.id),
  at: new Date(r.at as string).toISOString(),
});

/** The audit trail for auditors: search across it, and the timeline of one record. */
export function auditRoutes(): Router {
  const r = Router();

  r.get('/api/v1/audit', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    for (const key of Object.keys(query))
      if (!(FILTERS as readonly string[]).includes(key))
        throw bad(key, `Unknown query parameter "${key}"; use ${FILTERS.join(', ')}`);
    const limitRaw = text(query, 'limit', 4) ?? '100';
    const limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > 1000)
      throw bad('limit', '"limit" must be a whole number from 1 to 1000');
    const beforeRaw = text(query, 'before', 20);
    if (beforeRaw !== undefined && !/^\d{1,18}$/.test(beforeRaw))
      throw bad('before', '"before" must be the id of an entry (meta.nextBefore of the previous page)');
    const qb = res.locals
      .db('sys_audit')
      .select('*')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    const eq: [string, string | undefined][] = [
      ['entity', text(query, 'entity')],
      ['record_id', text(query, 'record')],
      ['actor_id', text(query, 'actor', 128)],
      ['action', text(query, 'action', 64)],
    ];
    for (const [col, v] of eq) if (v !== undefined) qb.where(col, v);
    const from = instant(query, 'from');
    const to = instant(query, 'to');
    if (from) qb.where('at', '>=', from);
    if (to) qb.where('at', '<', to);
    if (beforeRaw) qb.where('id', '<', beforeRaw);
    const rows = (await qb) as Record<string, unknown>[];
    const page = rows.slice(0, limit).map(toEntry);
    res.json({ data: page, meta: { limit, nextBefore: rows.length > limit ? String(page.at(-1)!.id) : null } });
  });

  r.get('/api/v1/data/:bundle/:entity/:id/history', async (req, res) => {
    const { bundle, entity, id } = req.params;
    const e = res.locals.registry.entity(bundle, entity);
    if (!e) throw notFound(`There is no entity "${entity}" in bundle "${bundle}"`);
    const row = await findRecordRow(requestContext(req, res), e, id);
    if (!row) throw notFound(`No ${e.key} record "${id}"`);
    const entries = await res.locals
      .db('sys_audit')
      .select('*')
      .where({ entity: e.key, record_id: row.id })
      .orderBy('id');
    res.json({ data: entries.map(toEntry) });
  });
  return r;
}
