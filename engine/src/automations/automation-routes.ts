import { pickText } from '@opsflux/definitions';
import express, { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { badRequest, notFound, OpsError } from '../errors.ts';
import { checkBody } from '../http/check-body.ts';
import { requireAdmin } from '../identity/admin-routes.ts';
import type { Clock } from '../jobs/clock.ts';
import { enqueue } from '../jobs/outbox.ts';
import { parseInboundBody } from '../net/inbound-body.ts';
import { OPSFLUX_SIGNATURE_HEADER, verifyWebhook } from '../net/webhook-signature.ts';
import type { AutomationEvent } from './automation-events.ts';
import { runJob } from './automation-events.ts';
import type { AutomationDeps } from './automation-runner.ts';
import { DRY_RUN_BODY, dryRunAutomation, type DryRunInput } from './dry-run-automation.ts';

const ID = /^\d{1,18}$/;
const OUTCOMES = ['done', 'skipped', 'failed', 'dead'];

/** Automations for administrators: what exists, what ran (the execution log), and a dry run. */
export function automationRoutes(deps: AutomationDeps, clock: Clock): Router {
  const r = Router();
  r.use('/api/v1/admin/automations', (_req, res, next) => {
    requireAdmin(res);
    next();
  });
  const find = (req: Request) => {
    const key = String(req.params.key);
    const a = req.res!.locals.registry.automations.byKey.get(key);
    if (!a) throw notFound(`No enabled automation "${key}"`);
    return a;
  };

  r.get('/api/v1/admin/automations', (req, res) => {
    const lang = (req.acceptsLanguages('en', 'fr', 'es', 'pt') || 'en') as 'en';
    const data = [...res.locals.registry.automations.byKey.values()].map((a) => ({
      key: a.key,
      bundle: a.bundle,
      label: pickText(a.def.label, lang) || a.def.name,
      entity: a.entity ?? null,
      trigger: a.def.trigger,
      actions: a.def.actions.map((x) => x.type),
      delayMinutes: a.def.delayMinutes ?? 0,
      batch: a.def.batch ?? null,
      repeat: a.def.repeat ?? null,
    }));
    res.json({ data });
  });

  /** The execution log, newest first; failed runs carry the job id an administrator can retry. */
  r.get('/api/v1/admin/automations/:key/runs', async (req, res) => {
    const { outcome, before } = req.query as Record<string, string | undefined>;
    if (outcome !== undefined && !OUTCOMES.includes(outcome)) {
      const message = `"outcome" must be one of ${OUTCOMES.join(', ')}`;
      throw badRequest('query_invalid', message, [{ path: 'outcome', code: 'enum', message }]);
    }
    if (before !== undefined && !ID.test(before)) {
      throw badRequest('query_invalid', '"before" must be a run id', [
        { path: 'before', code: 'type', message: '"before" must be a run id' },
      ]);
    }
    const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), 500);
    const q = res.locals
      .db('sys_automation_runs')
      .where({ automation: String(req.params.key) })
      .orderBy('id', 'desc')
      .limit(limit);
    if (outcome) q.where({ outcome });
    if (before) q.where('id', '<', before);
    const rows = (await q) as Record<string, unknown>[];
    res.json({
      data: rows.map((row) => ({
        id: String(row.id),
        trigger: row.trigger,
        entity: row.entity,
        recordId: row.record_id,
        input: row.input,
        outcome: row.outcome,
        actions: row.actions,
        error: row.error,
        jobId: row.job_id === null ? null : String(row.job_id),
        attempt: row.attempt,
        durationMs: row.duration_ms,
        dryRun: row.dry_run,
        at: new Date(row.at as string).toISOString(),
      })),
    });
  });

  /**
   * Runs the automation on an existing record or on sample values, in a transaction that is
   * always rolled back: records it would create, notifications and e-mails it would send,
   * webhooks it would post are reported and none of them happens.
   */
  r.post('/api/v1/admin/automations/:key/dry-run', async (req, res) => {
    const a = find(req);
    const input = checkBody<DryRunInput>(req.body, DRY_RUN_BODY);
    const ctx = {
      db: res.locals.db as Knex,
      registry: res.locals.registry,
      log: req.log,
      principal: res.locals.principal!,
      now: clock.now(),
    };
    res.json({ data: await dryRunAutomation(deps, ctx, a, input) });
  });
  return r;
}

/**
 * Inbound webhooks: `POST /api/v1/hooks/<bundle>/<automation>`, signed with the secret the
 * automation's `secretEnv` names. The body (JSON, XML or form) is kept as the event and the run
 * happens in a job: the caller gets 202 once the event is safely stored.
 */
export function hookRoutes(deps: AutomationDeps, clock: Clock, limit: number): Router {
  const r = Router();
  r.post('/api/v1/hooks/:bundle/:name', express.raw({ type: () => true, limit }), async (req, res) => {
    const key = `${String(req.params.bundle)}.${String(req.params.name)}`;
    const a = deps.registry.current.automations.byKey.get(key);
    if (!a || a.def.trigger.type !== 'webhook') throw notFound(`No webhook "${key}"`);
    const secret = deps.config.variable(a.def.trigger.secretEnv);
    if (!secret) throw new OpsError(503, 'hook_not_configured', `The secret of webhook "${key}" is not configured`);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = clock.now();
    const check = verifyWebhook(secret, raw, req.get(OPSFLUX_SIGNATURE_HEADER), { now });
    if (!check.ok) throw new OpsError(401, check.code, `The request signature is not valid (${check.code})`);
    const body = parseInboundBody(req.get('content-type'), raw, { maxBytes: limit });
    const event: AutomationEvent = { type: 'webhook', body, at: now.toISOString() };
    // A sender retrying the same delivery is heard once.
    const delivery = req.get('x-opsflux-delivery');
    const once = delivery && /^[\w.-]{1,100}$/.test(delivery) ? `hook:${key}:${delivery}` : undefined;
    await enqueue(res.locals.db, now, [runJob(a, event, now, { key: once })]);
    res.status(202).json({ data: { accepted: true } });
  });
  return r;
}
