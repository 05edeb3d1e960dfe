import { QUALIFIED_NAME_PATTERN } from '@opsflux/definitions';
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { Principal } from '../access/principal.ts';
import { badRequest, conflict, invalid, notFound, OpsError } from '../errors.ts';
import { me, meWriting, UUID } from './me-principal.ts';
import { checkSavedFilter } from './saved-filter-input.ts';

const BASE = '/api/v1/me/saved-filters';
export const MAX_SAVED_FILTERS = 500;

interface SavedFilterRow {
  id: string;
  user_id: string;
  company_id: string | null;
  view: string;
  name: string;
  filter: Record<string, unknown>;
  sort: { field: string; direction: 'asc' | 'desc' }[];
  shared: boolean;
  columns: string[] | null;
  q: string | null;
  created_at: Date;
  updated_at: Date;
  first_name: string;
  last_name: string;
}

const view = (r: SavedFilterRow, userId: string) => ({
  id: r.id,
  view: r.view,
  name: r.name,
  filter: r.filter,
  sort: r.sort,
  shared: r.shared,
  columns: r.columns ?? null,
  q: r.q ?? null,
  mine: r.user_id === userId,
  owner: { id: r.user_id, name: `${r.first_name} ${r.last_name}` },
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The user's own filters, and those shared in a company they belong to. */
function visible(db: Knex, p: Principal & { userId: string }) {
  const companies = p.memberships.map((m) => m.companyId);
  return db('sys_saved_filters as f')
    .join('sys_users as u', 'u.id', 'f.user_id')
    .select('f.*', 'u.first_name', 'u.last_name')
    .where((w) =>
      w.where('f.user_id', p.userId).orWhere((s) => s.where('f.shared', true).whereIn('f.company_id', companies)),
    );
}

/** A shared filter is readable only by those who may read its view's records. */
function readable(res: Response, row: SavedFilterRow, userId: string): boolean {
  if (row.user_id === userId) return true;
  const registry = res.locals.registry;
  const entity = registry.entities.get(registry.ui.views.get(row.view)?.entity ?? '');
  return !!entity && res.locals.access!.can('read', entity);
}

/** A filter the user changes: theirs (404 if they cannot see it, 403 if it is someone else's). */
async function ownFilter(req: Request, res: Response, p: Principal & { userId: string }): Promise<SavedFilterRow> {
  const id = String(req.params.id);
  const row = UUID.test(id)
    ? ((await visible(res.locals.db, p).where('f.id', id).first()) as SavedFilterRow | undefined)
    : undefined;
  if (!row || !readable(res, row, p.userId)) throw notFound(`No saved filter "${id}"`);
  if (row.user_id !== p.userId)
    throw new OpsError(403, 'not_owner', 'This filter was shared with you: only its owner changes it');
  return row;
}

const noCompany = () =>
  invalid(
    [{ path: 'shared', code: 'no_company', message: 'You work in no company, so there is nobody to share with' }],
    'The saved filter is not valid',
  );

/** Filters of lists users save by name, for themselves or for their company. */
export function savedFilterRoutes(): Router {
  const r = Router();

  r.get(BASE, async (req, res) => {
    const p = me(res);
    const extra = Object.keys(req.query).filter((k) => k !== 'view');
    const wanted = req.query.view;
    if (
      extra.length ||
      (wanted !== undefined && (typeof wanted !== 'string' || !new RegExp(QUALIFIED_NAME_PATTERN).test(wanted)))
    )
      throw badRequest('query_invalid', 'The query string takes only "view", a view key such as "bundle.view"', [
        { path: extra[0] ?? 'view', code: 'invalid', message: '"view" must be a view key such as "bundle.view"' },
      ]);
    const q = visible(res.locals.db, p).orderBy([{ column: 'f.name' }, { column: 'f.id' }]);
    if (wanted) q.where('f.view', wanted);
    const rows = (await q) as SavedFilterRow[];
    res.json({ data: rows.filter((row) => readable(res, row, p.userId)).map((row) => view(row, p.userId)) });
  });

  r.post(BASE, async (req, res) => {
    const p = meWriting(res);
    const input = checkSavedFilter(req.body, { registry: res.locals.registry, access: res.locals.access! });
    if (input.shared && !p.companyId) throw noCompany();
    const now = res.locals.now();
    const id = await res.locals.db.transaction(async (trx) => {
      await trx('sys_users').where({ id: p.userId }).forUpdate().first('id');
      const [{ n }] = (await trx('sys_saved_filters').where({ user_id: p.userId }).count('* as n')) as [{ n: string }];
      if (Number(n) >= MAX_SAVED_FILTERS)
        throw conflict('saved_filter_limit', `You have ${MAX_SAVED_FILTERS} saved filters, the most one keeps`);
      await nameFree(trx, p.userId, input.view!, input.name!);
      const [row] = await trx('sys_saved_filters')
        .insert({
          user_id: p.userId,
          company_id: p.companyId,
          view: input.view,
          name: input.name,
          filter: JSON.stringify(input.filter),
          sort: JSON.stringify(input.sort ?? []),
          shared: input.shared ?? false,
          columns: input.columns ? JSON.stringify(input.columns) : null,
          q: input.q || null,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return (row as { id: string }).id;
    });
    const row = (await visible(res.locals.db, p).where('f.id', id).first()) as SavedFilterRow;
    res.status(201).json({ data: view(row, p.userId) });
  });

  r.patch(`${BASE}/:id`, async (req, res) => {
    const p = meWriting(res);
    const current = await ownFilter(req, res, p);
    const input = checkSavedFilter(req.body, {
      registry: res.locals.registry,
      access: res.locals.access!,
      view: current.view,
    });
    if (input.shared && !(current.company_id ?? p.companyId)) throw noCompany();
    const db = res.locals.db;
    await db.transaction(async (trx) => {
      if (input.name !== undefined && input.name !== current.name)
        await nameFree(trx, p.userId, current.view, input.name);
      await trx('sys_saved_filters')
        .where({ id: current.id })
        .update({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.filter !== undefined && { filter: JSON.stringify(input.filter) }),
          ...(input.sort !== undefined && { sort: JSON.stringify(input.sort) }),
          ...(input.shared !== undefined && { shared: input.shared }),
          ...(input.columns !== undefined && { columns: input.columns ? JSON.stringify(input.columns) : null }),
          ...(input.q !== undefined && { q: input.q || null }),
          company_id: current.company_id ?? p.companyId,
          updated_at: res.locals.now(),
        });
    });
    const row = (await visible(db, p).where('f.id', current.id).first()) as SavedFilterRow;
    res.json({ data: view(row, p.userId) });
  });

  r.delete(`${BASE}/:id`, async (req, res) => {
    const p = meWriting(res);
    const current = await ownFilter(req, res, p);
    await res.locals.db('sys_saved_filters').where({ id: current.id }).delete();
    res.status(204).end();
  });

  return r;
}

async function nameFree(trx: Knex.Transaction, userId: string, viewKey: string, name: string): Promise<void> {
  const taken = await trx('sys_saved_filters').where({ user_id: userId, view: viewKey, name }).first('id');
  if (taken)
    throw new OpsError(409, 'name_taken', `You already have a filter named "${name}" on this view`, [
      { path: 'name', code: 'name_taken', message: `You already have a filter named "${name}" on this view` },
    ]);
}
