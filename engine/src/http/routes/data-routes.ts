import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { auditDenial } from '../../audit/audit-denial.ts';
import { exportRecords } from '../../data/export-records.ts';
import { createRecords, updateRecord } from '../../data/write-records.ts';
import { deleteRecord, restoreRecord } from '../../data/delete-record.ts';
import { groupRecords, listRecords } from '../../data/list-records.ts';
import { findRecordRow } from '../../data/read-record.ts';
import { loadRelations } from '../../data/relations.ts';
import { toApi } from '../../data/record-mapper.ts';
import { assertReadable, redact } from '../../access/enforce.ts';
import { auditSensitiveRead } from '../../audit/sensitive-read.ts';
import { badRequest, isOpsError, notFound } from '../../errors.ts';
import { parseExpand, parseListParams } from '../../query/list-params.ts';
import type { CompiledEntity } from '../../registry/registry-types.ts';
import { requestContext } from '../request-context.ts';
import { filterPlaceholders } from '../../data/request-context.ts';
import { fireInput, fireTransition, listTransitions, workflowHistory } from '../../workflow/transitions.ts';
import { decide, decideInput, listApprovals } from '../../workflow/approvals.ts';

function entityOf(req: Request, res: Response): CompiledEntity {
  const { bundle, entity } = req.params as Record<string, string>;
  const e = res.locals.registry.entity(bundle ?? '', entity ?? '');
  if (!e) throw notFound(`There is no entity "${entity}" in bundle "${bundle}"`);
  return e;
}

/** The generic resource routes, one set for every entity of every bundle. */
export function dataRoutes(): Router {
  const r = Router();
  const base = '/api/v1/data/:bundle/:entity';

  r.get(base, async (req, res) => {
    const e = entityOf(req, res);
    const ctx = requestContext(req, res);
    res.json(
      await listRecords(ctx, e, parseListParams(req.query as Record<string, unknown>, e, filterPlaceholders(ctx))),
    );
  });

  r.get(`${base}/export`, async (req, res) => {
    const e = entityOf(req, res);
    await exportRecords(requestContext(req, res), e, req.query as Record<string, unknown>, res);
  });

  r.get(`${base}/groups`, async (req, res) => {
    const e = entityOf(req, res);
    const { by, ...rest } = req.query as Record<string, unknown>;
    if (typeof by !== 'string' || !by) {
      throw badRequest('query_invalid', '"by" (the field to group on) is required', [
        { path: 'by', code: 'required', message: '"by" is required' },
      ]);
    }
    const ctx = requestContext(req, res);
    res.json({ data: await groupRecords(ctx, e, parseListParams(rest, e, filterPlaceholders(ctx)), by) });
  });

  r.post(base, async (req, res) => {
    const e = entityOf(req, res);
    const batch = Array.isArray(req.body);
    const created = await createRecords(requestContext(req, res), e, batch ? req.body : [req.body], batch);
    res.status(201).json({ data: batch ? created : created[0] });
  });

  r.get(`${base}/:id`, async (req, res) => {
    const e = entityOf(req, res);
    const ctx = requestContext(req, res);
    const expand = parseExpand(req.query as Record<string, unknown>, e);
    const key = req.params.id as string;
    const row = await findRecordRow(ctx, e, key);
    if (!row || (row.deleted_at && req.query.deleted !== 'include')) throw notFound(`No ${e.key} record "${key}"`);
    const record = toApi(e, row);
    assertReadable(ctx.access, e, record, key);
    const hiddenExpand = expand.filter((f) => ctx.access.fieldRows(e, f) === false);
    if (hiddenExpand.length) throw badRequest('field_not_readable', `You may not read "${hiddenExpand[0]}"`);
    await loadRelations(ctx, e, [row], expand);
    const out = redact(ctx.access, e, toApi(e, row));
    await auditSensitiveRead(ctx, e, out);
    res.json({ data: out });
  });

  r.patch(`${base}/:id`, async (req, res) => {
    const e = entityOf(req, res);
    res.json({ data: await updateRecord(requestContext(req, res), e, req.params.id as string, req.body) });
  });

  r.delete(`${base}/:id`, async (req, res) => {
    const e = entityOf(req, res);
    await deleteRecord(requestContext(req, res), e, req.params.id as string);
    res.status(204).end();
  });

  r.get(`${base}/:id/transitions`, async (req, res) => {
    const e = entityOf(req, res);
    res.json({ data: await listTransitions(requestContext(req, res), e, req.params.id as string) });
  });

  r.post(`${base}/:id/transitions/:transition`, async (req, res) => {
    const e = entityOf(req, res);
    const input = fireInput(req.body);
    const { id, transition } = req.params as Record<string, string>;
    res.json({ data: await fireTransition(requestContext(req, res), e, id!, transition!, input) });
  });

  r.get(`${base}/:id/approvals`, async (req, res) => {
    const e = entityOf(req, res);
    res.json({ data: await listApprovals(requestContext(req, res), e, req.params.id as string) });
  });

  r.post(`${base}/:id/approvals/decide`, async (req, res) => {
    const e = entityOf(req, res);
    const id = req.params.id as string;
    const input = decideInput(req.body);
    const decided = await decide(requestContext(req, res), e, id, input, (ctx, transition, comment) =>
      fireTransition(ctx, e, id, transition, { comment }, { byApproval: true }),
    );
    res.json({ data: decided });
  });

  r.get(`${base}/:id/workflow`, async (req, res) => {
    const e = entityOf(req, res);
    res.json({ data: await workflowHistory(requestContext(req, res), e, req.params.id as string) });
  });

  r.post(`${base}/:id/restore`, async (req, res) => {
    const e = entityOf(req, res);
    res.json({ data: await restoreRecord(requestContext(req, res), e, req.params.id as string) });
  });

  // A refused write is traced too: who tried what, on which record, and why it was refused.
  const denied: ErrorRequestHandler = async (err, req, res, next) => {
    if (isOpsError(err) && err.status === 403 && res.locals.principal && req.method !== 'GET') {
      const fired = /\/transitions\/([^/]+)$/.exec(req.path)?.[1];
      const action =
        req.method === 'POST'
          ? req.path.endsWith('/restore')
            ? 'restore'
            : fired
              ? `transition:${fired}`
              : 'create'
          : req.method === 'PATCH'
            ? 'update'
            : 'delete';
      const { bundle, entity } = req.params as Record<string, string | undefined>;
      const id = /^\/([^/]+)/.exec(req.path)?.[1];
      await auditDenial(requestContext(req, res), {
        action,
        entity: `${bundle}.${entity}`,
        recordId: id ?? null,
        reason: err.message,
      }).catch((e: unknown) => req.log.error({ err: e }, 'denied write not audited'));
    }
    next(err);
  };
  // Mounted once: `base` also matches the record routes below it.
  r.use(base, denied);
  return r;
}
