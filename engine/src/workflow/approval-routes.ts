import { Router } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { auditActor } from '../data/request-context.ts';
import { systemContext } from '../data/request-context.ts';
import { badRequest, conflict, invalid, notFound } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { requestContext } from '../http/request-context.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Logger } from '../logger.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';
import { pendingFor, stepTimer } from './approvals.ts';
import { fireTransition } from './transitions.ts';

const DAY = { type: 'string', format: 'date' };
const DELEGATION_BODY = objectSchema(
  { delegateId: S.uuid, startsOn: DAY, endsOn: DAY, reason: { type: 'string', maxLength: 500 } },
  ['delegateId', 'startsOn', 'endsOn'],
);

interface DelegationRow {
  id: string;
  user_id: string;
  delegate_id: string;
  starts_on: string;
  ends_on: string;
  reason: string | null;
  created_at: Date;
  revoked_at: Date | null;
  user_name?: string;
  delegate_name?: string;
}

const view = (d: DelegationRow) => ({
  id: d.id,
  userId: d.user_id,
  delegateId: d.delegate_id,
  startsOn: d.starts_on,
  endsOn: d.ends_on,
  reason: d.reason,
  createdAt: new Date(d.created_at).toISOString(),
  revokedAt: d.revoked_at ? new Date(d.revoked_at).toISOString() : null,
  ...(d.user_name !== undefined && { userName: d.user_name, delegateName: d.delegate_name }),
});

const PEOPLE_LIMIT = 10;

/** What awaits the caller's decision, and their delegations (given and received). */
export function approvalRoutes(): Router {
  const r = Router();

  r.get('/api/v1/approvals/pending', async (req, res) => {
    res.json({ data: await pendingFor(requestContext(req, res)) });
  });

  r.get('/api/v1/delegations', async (req, res) => {
    const me = res.locals.principal!.userId;
    const name = (alias: string) => `${alias}.first_name || ' ' || ${alias}.last_name`;
    const rows = (await res.locals
      .db('sys_delegations as d')
      .join('sys_users as u', 'u.id', 'd.user_id')
      .join('sys_users as g', 'g.id', 'd.delegate_id')
      .select('d.*', res.locals.db.raw(`${name('u')} as user_name`), res.locals.db.raw(`${name('g')} as delegate_name`))
      .where((q) => q.where('d.user_id', me).orWhere('d.delegate_id', me))
      .orderBy('d.starts_on', 'desc')) as DelegationRow[];
    res.json({ data: rows.map(view) });
  });

  /**
   * Whom the caller may delegate to: active colleagues (sharing a company with them) whose name
   * or e-mail contains `q`, at most ten. The profile's delegation picker reads it.
   */
  r.get('/api/v1/delegations/candidates', async (req, res) => {
    const principal = res.locals.principal!;
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    if (typeof req.query.q !== 'string' || q.length < 2 || q.length > 100) {
      throw badRequest('query_invalid', '"q" takes 2 to 100 characters of a name or e-mail', [
        { path: 'q', code: 'length', message: '"q" takes 2 to 100 characters of a name or e-mail' },
      ]);
    }
    const companies = principal.memberships.map((m) => m.companyId);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const db = res.locals.db;
    const rows = (await db('sys_users as u')
      .select('u.id', 'u.email', db.raw(`u.first_name || ' ' || u.last_name as name`))
      .where('u.status', 'active')
      .whereNot('u.id', principal.userId)
      .whereExists((s) =>
        s
          .select(db.raw('1'))
          .from('sys_memberships as m')
          .whereRaw('m.user_id = u.id')
          .whereIn('m.company_id', companies),
      )
      .where((w) => w.whereILike('u.email', like).orWhereRaw(`u.first_name || ' ' || u.last_name ilike ?`, [like]))
      .orderBy(['u.last_name', 'u.first_name'])
      .limit(PEOPLE_LIMIT)) as { id: string; email: string; name: string }[];
    res.json({ data: rows });
  });

  /** Delegates the caller's approvals to another user for a range of days (both included). */
  r.post('/api/v1/delegations', async (req, res) => {
    const ctx = requestContext(req, res);
    const body = checkBody<{ delegateId: string; startsOn: string; endsOn: string; reason?: string }>(
      req.body,
      DELEGATION_BODY,
    );
    if (body.endsOn < body.startsOn) {
      throw invalid([{ path: 'endsOn', code: 'range', message: '"endsOn" must not be before "startsOn"' }]);
    }
    if (body.delegateId === ctx.actor) {
      throw invalid([{ path: 'delegateId', code: 'self', message: 'You cannot delegate to yourself' }]);
    }
    const delegate = await ctx.db('sys_users').where({ id: body.delegateId, status: 'active' }).first('id');
    if (!delegate) throw invalid([{ path: 'delegateId', code: 'unknown_user', message: 'No active user has this id' }]);
    const row = await ctx.db.transaction(async (trx) => {
      const [created] = (await trx('sys_delegations')
        .insert({
          user_id: ctx.actor,
          delegate_id: body.delegateId,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          reason: body.reason ?? null,
          created_at: ctx.now(),
        })
        .returning('*')) as DelegationRow[];
      await appendAudit(trx, auditActor(ctx), ctx.now(), [
        {
          action: 'delegation.create',
          entity: 'sys.delegation',
          recordId: created!.id,
          changes: { delegate: [null, body.delegateId], period: [null, `${body.startsOn}..${body.endsOn}`] },
        },
      ]);
      return created!;
    });
    res.status(201).json({ data: view(row) });
  });

  r.delete('/api/v1/delegations/:id', async (req, res) => {
    const ctx = requestContext(req, res);
    const id = String(req.params.id);
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? ((await ctx.db('sys_delegations').where({ id, user_id: ctx.actor }).first()) as DelegationRow | undefined)
      : undefined;
    if (!found) throw notFound(`No delegation "${id}" of yours`);
    if (found.revoked_at) throw conflict('delegation_revoked', 'This delegation is already revoked');
    await ctx.db.transaction(async (trx) => {
      await trx('sys_delegations').where({ id }).update({ revoked_at: ctx.now() });
      await appendAudit(trx, auditActor(ctx), ctx.now(), [
        { action: 'delegation.revoke', entity: 'sys.delegation', recordId: id },
      ]);
    });
    res.status(204).end();
  });
  return r;
}

/** Reminders and escalations of approval steps, as jobs planned when a step opens. */
export function registerApprovalJobs(jobs: Jobs, registry: RegistryHolder, log: Logger): void {
  jobs.register('approval.timer', {
    async handle(payload: { kind: 'reminder' | 'escalation'; stepId: string }, job: JobContext) {
      const trx = job.trx!;
      const ctx = {
        ...systemContext(trx as unknown as Knex, registry.current, log, 'approval escalation'),
        now: () => job.now,
      };
      await stepTimer(trx, ctx, payload.kind, payload.stepId, (entity, id, transition) =>
        fireTransition(ctx, entity, id, transition, { comment: 'Escalated: no decision in time' }),
      );
    },
  });
}
