import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { Principal } from '../access/principal.ts';
import { requirePrincipal } from '../auth/authenticate.ts';
import { badRequest, invalid, notFound, OpsError, type ErrorDetail } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { enqueue } from '../jobs/outbox.ts';
import { digestJob } from './digest-plan.ts';
import type { Live } from './live.ts';
import { notificationView, unreadCounts, visibleTo, type NotificationRow } from './notify-store.ts';
import {
  CATEGORY,
  fromBody,
  fromRow,
  PREFERENCES_BODY,
  preferenceProblems,
  toRow,
  type PreferencesBody,
} from './preferences.ts';

const BASE = '/api/v1/notifications';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDS_BODY = objectSchema({ ids: { type: 'array', items: S.uuid, minItems: 1, maxItems: 500 } }, ['ids']);
const READ_ALL_BODY = objectSchema({ category: { type: 'string', pattern: CATEGORY, maxLength: 64 } });

interface Cursor {
  at: string;
  id: string;
}

const encodeCursor = (r: NotificationRow) =>
  Buffer.from(JSON.stringify([new Date(r.created_at).toISOString(), r.id])).toString('base64url');

function decodeCursor(raw: string): Cursor | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) {
      return { at, id };
    }
  } catch {
    // Falls through to undefined: the caller answers 400.
  }
  return undefined;
}

interface ListQuery {
  unread?: boolean;
  category?: string;
  priority?: number;
  since?: Date;
  limit: number;
  cursor?: Cursor;
}

/** The list's query string, checked: a 400 naming each wrong parameter otherwise. */
function listQuery(q: Request['query']): ListQuery {
  const problems: ErrorDetail[] = [];
  const bad = (path: string, message: string) => problems.push({ path, code: 'invalid', message });
  const str = (name: string) => (typeof q[name] === 'string' ? (q[name] as string) : undefined);
  const out: ListQuery = { limit: 20 };
  const unread = str('unread');
  if (unread !== undefined) {
    if (unread === 'true' || unread === 'false') out.unread = unread === 'true';
    else bad('unread', '"unread" must be true or false');
  }
  const category = str('category');
  if (category !== undefined) {
    if (new RegExp(CATEGORY).test(category) && category.length <= 64) out.category = category;
    else bad('category', '"category" must be a category name');
  }
  const priority = str('priority');
  if (priority !== undefined) {
    if (/^[0-3]$/.test(priority)) out.priority = Number(priority);
    else bad('priority', '"priority" must be 0, 1, 2 or 3 (the least priority listed)');
  }
  const since = str('since');
  if (since !== undefined) {
    if (!Number.isNaN(Date.parse(since))) out.since = new Date(since);
    else bad('since', '"since" must be an ISO date and time');
  }
  const limit = str('limit');
  if (limit !== undefined) {
    if (/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100) out.limit = Number(limit);
    else bad('limit', '"limit" must be an integer from 1 to 100');
  }
  const cursor = str('cursor');
  if (cursor !== undefined) {
    const c = decodeCursor(cursor);
    if (c) out.cursor = c;
    else bad('cursor', '"cursor" must be meta.nextCursor of a previous page');
  }
  if (problems.length) throw badRequest('query_invalid', 'The query string is not valid', problems);
  return out;
}

/** A read-only API key reads notifications but changes nothing, not even their read marks. */
function requireWriter(res: Response): Principal {
  const p = requirePrincipal(res);
  if (p.apiKeyScope === 'read') {
    throw new OpsError(403, 'api_key_read_only', 'This API key is read-only: it cannot change notifications');
  }
  return p;
}

const byCategory = (q: Knex.QueryBuilder, category: string) =>
  q.where((c) => c.where('category', category).orWhere('category', 'like', `${category}.%`));

/** The signed-in user's own notifications and preferences; nobody reads or marks another's. */
export function notifyRoutes(live: Live): Router {
  const r = Router();

  async function pushUnread(db: Knex, userId: string, now: Date): Promise<number> {
    const count = (await unreadCounts(db, [userId], now)).get(userId) ?? 0;
    live.emit(userId, 'unread', { count });
    return count;
  }

  r.get(BASE, async (req, res) => {
    const me = requirePrincipal(res).userId!;
    const q = listQuery(req.query);
    const now = res.locals.now();
    const db = res.locals.db;
    const query = visibleTo(db, me, now)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(q.limit + 1);
    if (q.unread !== undefined) query[q.unread ? 'whereNull' : 'whereNotNull']('read_at');
    if (q.category) byCategory(query, q.category);
    if (q.priority !== undefined) query.where('priority', '>=', q.priority);
    if (q.since) query.where('created_at', '>=', q.since);
    if (q.cursor) query.whereRaw('(created_at, id) < (?, ?)', [q.cursor.at, q.cursor.id]);
    const [rows, counts] = await Promise.all([query as Promise<NotificationRow[]>, unreadCounts(db, [me], now)]);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    res.json({
      data: page.map(notificationView),
      meta: { nextCursor: more ? encodeCursor(page.at(-1)!) : null, unread: counts.get(me) ?? 0 },
    });
  });

  r.get(`${BASE}/unread-count`, async (_req, res) => {
    const me = requirePrincipal(res).userId!;
    const counts = await unreadCounts(res.locals.db, [me], res.locals.now());
    res.json({ count: counts.get(me) ?? 0 });
  });

  r.get(`${BASE}/preferences`, async (_req, res) => {
    const me = requirePrincipal(res).userId!;
    const row = await res.locals.db('sys_notification_preferences').where({ user_id: me }).first();
    res.json(fromRow(row));
  });

  r.put(`${BASE}/preferences`, async (req, res) => {
    const me = requireWriter(res).userId!;
    const body = checkBody<PreferencesBody>(req.body, PREFERENCES_BODY);
    const problems = preferenceProblems(body);
    if (problems.length) throw invalid(problems, 'The preferences are not valid');
    const prefs = fromBody(body);
    const now = res.locals.now();
    await res.locals.db.transaction(async (trx) => {
      await trx('sys_notification_preferences')
        .insert({ user_id: me, ...toRow(prefs), channels: JSON.stringify(prefs.channels), updated_at: now })
        .onConflict('user_id')
        .merge();
      if (prefs.digest.frequency !== 'off') {
        const user = await trx('sys_users').where({ id: me }).first('time_zone');
        await enqueue(trx, now, [digestJob(me, prefs, user.time_zone, now)]);
      }
    });
    res.json(prefs);
  });

  r.post(`${BASE}/read`, (req, res) => mark(req, res, true));
  r.post(`${BASE}/unread`, (req, res) => mark(req, res, false));

  async function mark(req: Request, res: Response, read: boolean): Promise<void> {
    const me = requireWriter(res).userId!;
    const { ids } = checkBody<{ ids: string[] }>(req.body, IDS_BODY);
    const now = res.locals.now();
    const db = res.locals.db;
    const wanted = [...new Set(ids)];
    const mine = new Set((await visibleTo(db, me, now).whereIn('id', wanted).pluck('id')) as string[]);
    const missing = wanted.filter((id) => !mine.has(id));
    if (missing.length) {
      // Another user's notification is answered as one that does not exist.
      throw new OpsError(
        404,
        'not_found',
        `No notification ${missing.join(', ')}`,
        missing.map((id) => ({ path: `ids.${ids.indexOf(id)}`, code: 'not_found', message: `No notification ${id}` })),
      );
    }
    const updated = await visibleTo(db, me, now)
      .whereIn('id', wanted)
      .modify((q) => (read ? q.whereNull('read_at') : q.whereNotNull('read_at')))
      .update({ read_at: read ? now : null });
    res.json({ updated, unread: await pushUnread(db, me, now) });
  }

  r.post(`${BASE}/read-all`, async (req, res) => {
    const me = requireWriter(res).userId!;
    const { category } = checkBody<{ category?: string }>(req.body, READ_ALL_BODY);
    const now = res.locals.now();
    const db = res.locals.db;
    const q = visibleTo(db, me, now).whereNull('read_at');
    if (category) byCategory(q, category);
    const updated = await q.update({ read_at: now });
    res.json({ updated, unread: await pushUnread(db, me, now) });
  });

  r.get(`${BASE}/:id`, async (req, res) => {
    const me = requirePrincipal(res).userId!;
    const id = String(req.params.id);
    const row = UUID.test(id)
      ? ((await visibleTo(res.locals.db, me, res.locals.now()).where({ id }).first()) as NotificationRow | undefined)
      : undefined;
    if (!row) throw notFound(`No notification "${id}"`);
    res.json(notificationView(row));
  });

  return r;
}
