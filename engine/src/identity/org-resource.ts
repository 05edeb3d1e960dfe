import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { checkBody, objectSchema, type JsonSchema } from '../http/check-body.ts';
import { bumpOrgVersion } from './identity-schema.ts';

export interface OrgResource {
  /** URL segment and audit entity: `companies` → `sys.company`. */
  path: string;
  entity: string;
  table: string;
  /** API property → column, with its JSON Schema. */
  properties: Record<string, { column: string; schema: JsonSchema }>;
  required: string[];
  /** Query parameters that filter the list (API name → column). */
  filters?: Record<string, string>;
  orderBy: string;
}

export type Actor = (req: Request) => {
  id: string | null;
  name: string | null;
  ip: string | null;
  userAgent: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toView(resource: OrgResource, row: Record<string, unknown>) {
  const out: Record<string, unknown> = { id: row.id };
  for (const [name, p] of Object.entries(resource.properties)) out[name] = row[p.column] ?? null;
  for (const k of ['created_at', 'updated_at'])
    if (row[k]) out[k === 'created_at' ? 'createdAt' : 'updatedAt'] = new Date(row[k] as string).toISOString();
  if (row.version !== undefined) out.version = row.version;
  return out;
}

/**
 * List, read, create and update of one organization table (companies, departments, groups):
 * checked bodies, optimistic versions, one audit entry per change, and the organization version
 * bumped so cached abilities are rebuilt.
 */
export function orgResourceRoutes(db: Knex, resource: OrgResource, actor: Actor, now: () => Date): Router {
  const r = Router();
  const base = `/api/v1/admin/${resource.path}`;
  const props = Object.fromEntries(Object.entries(resource.properties).map(([k, p]) => [k, p.schema]));
  const createSchema = objectSchema(props, resource.required);
  const patchSchema = objectSchema({ ...props, version: { type: 'integer' } }, ['version']);
  const columns = (body: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k !== 'version')
        .map(([k, v]) => [resource.properties[k]!.column, v]),
    );
  const find = async (id: string, trx: Knex | Knex.Transaction = db) => {
    if (!UUID.test(id)) throw notFound(`No ${resource.entity} "${id}"`);
    const row = await trx(resource.table).where({ id }).first();
    if (!row) throw notFound(`No ${resource.entity} "${id}"`);
    return row as Record<string, unknown>;
  };

  r.get(base, async (req, res) => {
    const q = db(resource.table).orderBy(resource.orderBy).limit(1000);
    for (const [param, column] of Object.entries(resource.filters ?? {})) {
      const v = req.query[param];
      if (typeof v !== 'string') continue;
      if (column.endsWith('_id') && !UUID.test(v))
        throw invalid([{ path: param, code: 'format', message: `"${param}" must be an id` }]);
      q.where(column, v);
    }
    res.json({ data: (await q).map((row: Record<string, unknown>) => toView(resource, row)) });
  });

  r.get(`${base}/:id`, async (req, res) => {
    res.json({ data: toView(resource, await find(String(req.params.id))) });
  });

  r.post(base, async (req, res) => {
    const body = checkBody<Record<string, unknown>>(req.body, createSchema);
    const at = now();
    const row = await db.transaction(async (trx) => {
      const [created] = await trx(resource.table)
        .insert({ ...columns(body), created_at: at, updated_at: at })
        .returning('*');
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        { action: `${resource.path}.create`, entity: resource.entity, recordId: created.id, changes: body },
      ]);
      return created;
    });
    res.status(201).json({ data: toView(resource, row) });
  });

  r.patch(`${base}/:id`, async (req, res) => {
    const body = checkBody<Record<string, unknown>>(req.body, patchSchema);
    const at = now();
    const row = await db.transaction(async (trx) => {
      const current = await find(String(req.params.id), trx);
      if (current.version !== body.version) {
        throw conflict('version_conflict', 'Someone else changed it: reload and apply your change again', {
          current: toView(resource, current),
        });
      }
      const changes = columns(body);
      const [updated] = await trx(resource.table)
        .where({ id: current.id as string })
        .update({ ...changes, updated_at: at, version: (current.version as number) + 1 })
        .returning('*');
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        {
          action: `${resource.path}.update`,
          entity: resource.entity,
          recordId: current.id as string,
          changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, [current[k] ?? null, v]])),
        },
      ]);
      return updated;
    });
    res.json({ data: toView(resource, row) });
  });
  return r;
}
