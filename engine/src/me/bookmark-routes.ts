import { RELATIVE_URL_PATTERN } from '@opsflux/definitions';
import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { conflict, notFound, OpsError } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { me, meWriting, UUID } from './me-principal.ts';

const BASE = '/api/v1/me/bookmarks';
export const MAX_BOOKMARKS = 500;

const fields = {
  label: S.text(200),
  url: { type: 'string', pattern: RELATIVE_URL_PATTERN, maxLength: 2048 },
  folder: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  position: { type: 'integer', minimum: 0, maximum: 100_000 },
};
export const BOOKMARK_CREATE = objectSchema(fields, ['label', 'url']);
export const BOOKMARK_UPDATE = { ...objectSchema(fields), minProperties: 1 };
export const BOOKMARK_ORDER = objectSchema(
  { ids: { type: 'array', items: S.uuid, maxItems: MAX_BOOKMARKS, uniqueItems: true } },
  ['ids'],
);

interface BookmarkRow {
  id: string;
  label: string;
  url: string;
  folder: string | null;
  position: number;
  created_at: Date;
  updated_at: Date;
}

export const bookmarkView = (b: BookmarkRow) => ({
  id: b.id,
  label: b.label,
  url: b.url,
  folder: b.folder,
  position: b.position,
  createdAt: new Date(b.created_at).toISOString(),
  updatedAt: new Date(b.updated_at).toISOString(),
});

const mine = (db: Knex | Knex.Transaction, userId: string) => db('sys_bookmarks').where({ user_id: userId });
const ordered = (q: Knex.QueryBuilder) =>
  q.orderBy([{ column: 'position' }, { column: 'created_at' }, { column: 'id' }]);

/** One of the user's bookmarks; another user's is answered as one that does not exist. */
async function ownBookmark(res: Response, userId: string, id: string): Promise<BookmarkRow> {
  const row = UUID.test(id) ? ((await mine(res.locals.db, userId).where({ id }).first()) as BookmarkRow) : undefined;
  if (!row) throw notFound(`No bookmark "${id}"`);
  return row;
}

/** A user's bookmarks: pages or filtered lists of the app, in folders, in the order they chose. */
export function bookmarkRoutes(): Router {
  const r = Router();

  r.get(BASE, async (_req, res) => {
    const { userId } = me(res);
    const rows = (await ordered(mine(res.locals.db, userId))) as BookmarkRow[];
    res.json({ data: rows.map(bookmarkView) });
  });

  r.post(BASE, async (req, res) => {
    const { userId } = meWriting(res);
    const body = checkBody<{ label: string; url: string; folder?: string | null; position?: number }>(
      req.body,
      BOOKMARK_CREATE,
    );
    const now = res.locals.now();
    const row = await res.locals.db.transaction(async (trx) => {
      // Counted and placed under a lock on the user's row: two stars at once get two places.
      await trx('sys_users').where({ id: userId }).forUpdate().first('id');
      const { n, last } = (await mine(trx, userId).first(
        trx.raw('count(*)::int as n'),
        trx.raw('max(position) as last'),
      )) as {
        n: number;
        last: number | null;
      };
      if (n >= MAX_BOOKMARKS)
        throw conflict('bookmark_limit', `You have ${MAX_BOOKMARKS} bookmarks, the most one keeps: delete some first`);
      const [created] = await trx('sys_bookmarks')
        .insert({
          user_id: userId,
          label: body.label,
          url: body.url,
          folder: body.folder ?? null,
          position: body.position ?? (last ?? -1) + 1,
          created_at: now,
          updated_at: now,
        })
        .returning('*');
      return created as BookmarkRow;
    });
    res.status(201).json({ data: bookmarkView(row) });
  });

  // Declared before /:id so that "order" is not taken for an id.
  r.put(`${BASE}/order`, async (req, res) => {
    const { userId } = meWriting(res);
    const { ids } = checkBody<{ ids: string[] }>(req.body, BOOKMARK_ORDER);
    const now = res.locals.now();
    const rows = await res.locals.db.transaction(async (trx) => {
      const all = (await ordered(mine(trx, userId)).forUpdate()) as BookmarkRow[];
      const known = new Set(all.map((b) => b.id));
      const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
      if (missing.length)
        throw new OpsError(
          404,
          'not_found',
          `No bookmark ${missing.map((m) => m.id).join(', ')}`,
          missing.map(({ id, i }) => ({ path: `ids.${i}`, code: 'not_found', message: `No bookmark ${id}` })),
        );
      // The listed ones first, in that order; the others after them, in the order they had.
      const order = [...ids, ...all.map((b) => b.id).filter((id) => !ids.includes(id))];
      await trx.raw(
        `update sys_bookmarks b set position = o.n - 1, updated_at = ?
           from unnest(?::uuid[]) with ordinality as o(id, n)
          where b.id = o.id and b.user_id = ?`,
        [now, order, userId],
      );
      return (await ordered(mine(trx, userId))) as BookmarkRow[];
    });
    res.json({ data: rows.map(bookmarkView) });
  });

  r.patch(`${BASE}/:id`, async (req, res) => {
    const { userId } = meWriting(res);
    const body = checkBody<Record<string, unknown>>(req.body, BOOKMARK_UPDATE);
    const current = await ownBookmark(res, userId, String(req.params.id));
    const [row] = await res.locals
      .db('sys_bookmarks')
      .where({ id: current.id })
      .update({ ...body, updated_at: res.locals.now() })
      .returning('*');
    res.json({ data: bookmarkView(row as BookmarkRow) });
  });

  r.delete(`${BASE}/:id`, async (req, res) => {
    const { userId } = meWriting(res);
    const current = await ownBookmark(res, userId, String(req.params.id));
    await res.locals.db('sys_bookmarks').where({ id: current.id }).delete();
    res.status(204).end();
  });

  return r;
}
