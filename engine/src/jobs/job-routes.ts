import { Router, type Request } from 'express';
import { appendAudit } from '../audit/audit-entry.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { requireAdmin } from '../identity/admin-routes.ts';
import type { Jobs } from './jobs.ts';

const STATUSES = ['pending', 'queued', 'running', 'done', 'dead', 'cancelled'];
const ID = /^\d{1,18}$/;

interface OutboxRow {
  id: string | number;
  queue: string;
  topic: string;
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: Date | string;
  last_error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function jobView(r: OutboxRow) {
  return {
    id: String(r.id),
    queue: r.queue,
    topic: r.topic,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: iso(r.run_at),
    createdAt: iso(r.created_at),
    finishedAt: iso(r.finished_at),
    durationMs: r.duration_ms,
    lastError: r.last_error,
    payload: r.payload,
  };
}

/** Jobs for administrators: counts per queue and status, the failed ones, retry and cancel. */
export function jobRoutes(jobs: Jobs): Router {
  const r = Router();
  r.use('/api/v1/admin/jobs', (_req, res, next) => {
    requireAdmin(res);
    next();
  });

  r.get('/api/v1/admin/jobs', async (_req, res) => {
    res.json({ transport: jobs.transport, ...(await jobs.counts()) });
  });

  r.get('/api/v1/admin/jobs/list', async (req, res) => {
    const { status, queue, topic, before } = req.query as Record<string, string | undefined>;
    if (status !== undefined && !STATUSES.includes(status)) {
      throw badRequest('query_invalid', `"status" must be one of ${STATUSES.join(', ')}`, [
        { path: 'status', code: 'enum', message: `"status" must be one of ${STATUSES.join(', ')}` },
      ]);
    }
    if (before !== undefined && !ID.test(before)) {
      throw badRequest('query_invalid', '"before" must be a job id', [
        { path: 'before', code: 'type', message: '"before" must be a job id' },
      ]);
    }
    const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), 500);
    const q = res.locals.db('sys_outbox').orderBy('id', 'desc').limit(limit);
    if (status) q.where({ status });
    if (queue) q.where({ queue });
    if (topic) q.where({ topic });
    if (before) q.where('id', '<', before);
    const rows = (await q) as OutboxRow[];
    res.json({ data: rows.map(jobView) });
  });

  r.get('/api/v1/admin/jobs/:id', async (req, res) => {
    res.json(jobView(await find(req)));
  });

  /** A dead or cancelled job runs again from its first attempt. */
  r.post('/api/v1/admin/jobs/:id/retry', async (req, res) => {
    const job = await find(req);
    if (!['dead', 'cancelled'].includes(job.status)) {
      throw conflict('job_not_retryable', `Job ${job.id} is ${job.status}: only dead or cancelled jobs can be retried`);
    }
    res.json(
      jobView(await change(req, job, 'job.retry', { status: 'pending', attempts: 0, run_at: jobs.clock.now() })),
    );
  });

  /** A job not yet running is dropped; it stays listed as cancelled. */
  r.post('/api/v1/admin/jobs/:id/cancel', async (req, res) => {
    const job = await find(req);
    if (!['pending', 'queued'].includes(job.status)) {
      throw conflict('job_not_cancellable', `Job ${job.id} is ${job.status}: only waiting jobs can be cancelled`);
    }
    res.json(jobView(await change(req, job, 'job.cancel', { status: 'cancelled', finished_at: jobs.clock.now() })));
  });

  async function find(req: Request): Promise<OutboxRow> {
    const id = String(req.params.id);
    const row = ID.test(id) ? ((await req.res!.locals.db('sys_outbox').where({ id }).first()) as OutboxRow) : undefined;
    if (!row) throw notFound(`No job "${id}"`);
    return row;
  }

  async function change(req: Request, job: OutboxRow, action: string, values: Record<string, unknown>) {
    const p = req.res!.locals.principal!;
    const now = jobs.clock.now();
    return req.res!.locals.db.transaction(async (trx) => {
      const [row] = (await trx('sys_outbox')
        .where({ id: job.id, status: job.status })
        .update({ ...values, locked_until: null })
        .returning('*')) as OutboxRow[];
      if (!row) throw conflict('job_changed', `Job ${job.id} changed meanwhile: reload it`);
      await appendAudit(
        trx,
        { id: p.userId, name: p.name, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
        now,
        [
          {
            action,
            entity: 'sys.job',
            recordId: null,
            changes: { status: [job.status, row.status] },
            reason: `${job.topic} #${job.id}`,
          },
        ],
      );
      return row;
    });
  }
  return r;
}
