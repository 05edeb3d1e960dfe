import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type pg from 'pg';
import { SYSTEM_COLUMNS } from '@opsflux/definitions';
import { CONTACT_FIELDS, CONTACT_TABLE, LINK_TABLE } from './setup-db.ts';

/**
 * The baseline: what a developer would write by hand for the contact resource, with no engine.
 * A bare Express 5 app and `pg` with hand-written SQL. It serves the same URLs and returns the
 * same JSON as the engine (same columns in the same order, `companies` as a list of ids, the
 * same `meta`), so both sides send equal bytes. It supports just what the scenarios use.
 */

const CONTACT = CONTACT_TABLE;
const LINKS = LINK_TABLE;
const COLUMNS = [...SYSTEM_COLUMNS, ...CONTACT_FIELDS];
const SELECT = `${COLUMNS.map((c) => `c.${c}`).join(', ')},
  ARRAY(SELECT l.target_id FROM ${LINKS} l WHERE l.source_id = c.id ORDER BY l.position) AS companies`;
/** Fields a client may sort on (all indexed). */
const SORTABLE = new Set(['id', 'created_at', 'updated_at', 'last_name', 'email']);
const FILTERABLE = new Set(['last_name', 'first_name', 'email', 'job_title', 'preferred_channel']);
const WRITABLE = ['first_name', 'last_name', 'job_title', 'email', 'phone', 'mobile', 'preferred_channel', 'is_active'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function cursorOf(row: Record<string, unknown>, keys: number): string {
  const values = Array.from({ length: keys }, (_, i) => row[`__k${i}`] ?? null);
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function strip(row: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(row)) if (k.startsWith('__')) delete row[k];
  return row;
}

function checkText(body: Record<string, unknown>, name: string, max: number, required: boolean): void {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw new HttpError(400, `${name}_required`);
    return;
  }
  if (typeof v !== 'string' || v.length > max || (required && v.length === 0))
    throw new HttpError(400, `${name}_invalid`);
}

function checkContact(body: unknown, create: boolean): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'not_object');
  const b = body as Record<string, unknown>;
  checkText(b, 'first_name', 100, create);
  checkText(b, 'last_name', 100, create);
  checkText(b, 'job_title', 150, false);
  checkText(b, 'email', 320, false);
  if (typeof b.email === 'string' && !EMAIL.test(b.email)) throw new HttpError(400, 'email_invalid');
  checkText(b, 'phone', 32, false);
  checkText(b, 'mobile', 32, false);
  if (b.companies !== undefined && (!Array.isArray(b.companies) || !b.companies.every((x) => UUID.test(String(x)))))
    throw new HttpError(400, 'companies_invalid');
  return b;
}

export function createBaselineApp(pool: pg.Pool) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: 1024 * 1024 }));
  const base = '/api/v1/data/tiers/contact';

  app.get(base, async (req: Request, res: Response) => {
    const q = req.query as Record<string, string | undefined>;
    const limit = Math.min(500, Math.max(1, Number(q.limit ?? 50) || 50));
    const where = ['c.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.filter) {
      const filter = JSON.parse(q.filter) as Record<string, unknown>;
      for (const [field, cond] of Object.entries(filter)) {
        if (!FILTERABLE.has(field)) throw new HttpError(400, 'filter_invalid');
        if (typeof cond === 'string') {
          params.push(cond);
          where.push(`c.${field} = $${params.length}`);
        } else if (cond && typeof (cond as { $startsWith?: unknown }).$startsWith === 'string') {
          // Same semantics as the engine's $startsWith: case-insensitive prefix.
          const prefix = (cond as { $startsWith: string }).$startsWith.replace(/[\\%_]/g, (m) => `\\${m}`);
          params.push(`${prefix}%`);
          where.push(`c.${field} ILIKE $${params.length}`);
        } else throw new HttpError(400, 'filter_invalid');
      }
    }
    const sort = (q.sort ?? '-created_at')
      .split(',')
      .map((s) => ({ field: s.replace(/^-/, ''), desc: s.startsWith('-') }));
    if (!sort.every((s) => SORTABLE.has(s.field))) throw new HttpError(400, 'sort_invalid');
    if (!sort.some((s) => s.field === 'id')) sort.push({ field: 'id', desc: sort[0]!.desc });
    // PostgreSQL's default null order (last ascending, first descending), as the engine uses.
    const order = sort.map((s) => `c.${s.field} ${s.desc ? 'DESC' : 'ASC'}`).join(', ');
    const keys = sort.map((s, i) => `c.${s.field}::text AS __k${i}`).join(', ');
    params.push(limit + 1);
    const { rows } = await pool.query(
      `SELECT ${SELECT}, ${keys} FROM ${CONTACT} c WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const nextCursor = more ? cursorOf(page.at(-1)!, sort.length) : null;
    res.json({ data: page.map(strip), meta: { limit, nextCursor } });
  });

  app.get(`${base}/:id`, async (req: Request, res: Response) => {
    const id = req.params.id as string;
    if (!UUID.test(id)) throw new HttpError(404, 'not_found');
    const { rows } = await pool.query(`SELECT ${SELECT} FROM ${CONTACT} c WHERE c.id = $1 AND c.deleted_at IS NULL`, [
      id,
    ]);
    if (!rows[0]) throw new HttpError(404, 'not_found');
    res.json({ data: rows[0] });
  });

  app.post(base, async (req: Request, res: Response) => {
    const b = checkContact(req.body, true);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO ${CONTACT} (first_name, last_name, full_name, job_title, email, phone, mobile, preferred_channel, tags, is_active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, true))
         RETURNING ${COLUMNS.join(', ')}`,
        [
          b.first_name,
          b.last_name,
          `${b.first_name as string} ${b.last_name as string}`,
          b.job_title ?? null,
          b.email ?? null,
          b.phone ?? null,
          b.mobile ?? null,
          b.preferred_channel ?? null,
          b.tags === undefined ? null : JSON.stringify(b.tags),
          b.is_active ?? null,
        ],
      );
      const row = rows[0] as Record<string, unknown>;
      const companies = (b.companies as string[] | undefined) ?? [];
      if (companies.length) {
        await client.query(
          `INSERT INTO ${LINKS} (source_id, target_id, position)
           SELECT $1, t, p - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS u(t, p)`,
          [row.id, companies],
        );
      }
      await client.query('COMMIT');
      res.status(201).json({ data: { ...row, companies } });
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  });

  app.patch(`${base}/:id`, async (req: Request, res: Response) => {
    const b = checkContact(req.body, false);
    const id = req.params.id as string;
    if (!UUID.test(id)) throw new HttpError(404, 'not_found');
    if (!Number.isInteger(b.version)) throw new HttpError(400, 'version_required');
    const params: unknown[] = [id, b.version];
    const set = ['version = version + 1', 'updated_at = now()'];
    const at: Record<string, string> = {};
    for (const f of WRITABLE) {
      if (b[f] === undefined) continue;
      params.push(b[f]);
      at[f] = `$${params.length}`;
      set.push(`${f} = ${at[f]}`);
    }
    if (at.first_name || at.last_name)
      set.push(`full_name = ${at.first_name ?? 'first_name'} || ' ' || ${at.last_name ?? 'last_name'}`);
    const { rows } = await pool.query(
      `UPDATE ${CONTACT} c SET ${set.join(', ')} WHERE c.id = $1 AND c.version = $2 AND c.deleted_at IS NULL RETURNING ${SELECT}`,
      params,
    );
    if (!rows[0]) throw new HttpError(409, 'version_conflict');
    res.json({ data: rows[0] });
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof HttpError) res.status(err.status).json({ error: { code: err.code } });
    else if ((err as { code?: string }).code === '23505') res.status(409).json({ error: { code: 'duplicate' } });
    else if (err instanceof SyntaxError) res.status(400).json({ error: { code: 'invalid_json' } });
    else {
      console.error(err);
      res.status(500).json({ error: { code: 'internal' } });
    }
  };
  app.use(onError);
  return app;
}
