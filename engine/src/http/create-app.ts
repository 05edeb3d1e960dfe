import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import { mapDatabaseError } from '../data/pg-errors.ts';
import { isOpsError, OpsError } from '../errors.ts';
import { maskTokens, type Logger } from '../logger.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';
import { auditRoutes } from '../audit/audit-routes.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { authRoutes } from '../auth/auth-routes.ts';
import { authenticate, requireAuth } from '../auth/authenticate.ts';
import { adminRoutes } from '../identity/admin-routes.ts';
import { bundleAdminRoutes } from '../bundle-admin/routes.ts';
import { jobRoutes } from '../jobs/job-routes.ts';
import { automationRoutes, hookRoutes } from '../automations/automation-routes.ts';
import { approvalRoutes } from '../workflow/approval-routes.ts';
import type { AutomationDeps } from '../automations/automation-runner.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { mailRoutes } from '../mail/mail-routes.ts';
import { unsubscribeRoutes } from '../mail/unsubscribe-routes.ts';
import type { Notifications } from '../notify/notifications.ts';
import { notifyRoutes } from '../notify/notify-routes.ts';
import type { PluginHost } from '../plugins/load-plugins.ts';
import { pluginRoutes } from '../plugins/plugin-routes.ts';
import './locals.ts';
import { dataRoutes } from './routes/data-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { uiMetaRoutes } from '../ui-meta/ui-meta-routes.ts';
import { meRoutes } from '../me/me-routes.ts';

export interface AppDeps {
  db: Knex;
  registry: RegistryHolder;
  log: Logger;
  auth: AuthDeps;
  jobs: Jobs;
  automations: AutomationDeps;
  notifications: Notifications;
  /** Loaded plugins: their routes, and their list for administrators. */
  plugins?: PluginHost;
  bodyLimit: number;
  /** Rebuilds the registry from the applied bundles (after the designer publishes). */
  reload: () => Promise<void>;
  /** Built apps to serve: URL prefix → folder. */
  apps?: Record<string, string>;
  ready: () => Promise<boolean>;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const DEFAULT_APPS = {
  '/designer': path.join(repoRoot, 'designer/dist'),
  '/': path.join(repoRoot, 'runtime-ui/dist'),
};

export function createApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.auth.config.trustProxy);
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // Invitation and reset tokens travel in URLs: they are masked before the line is written.
      serializers: {
        req: (req: { url?: string }) => {
          if (req.url) req.url = maskTokens(req.url);
          return req;
        },
      },
    }),
  );
  app.use((_req, res, next) => {
    // One registry per request, whatever apply swaps in meanwhile.
    res.locals.registry = deps.registry.current;
    res.locals.db = deps.db;
    res.locals.now = deps.auth.now;
    next();
  });
  // Inbound webhooks read their raw body (to check its signature) before JSON parsing would.
  app.use(hookRoutes(deps.automations, deps.jobs.clock, deps.bodyLimit));
  app.use(express.json({ limit: deps.bodyLimit, strict: false }));

  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.ready().catch(() => false);
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ready' : 'not_ready', registryVersion: deps.registry.current.version });
  });
  // Unsubscribe links carry their own credential: no session cookie (or CSRF check) applies.
  app.use(unsubscribeRoutes());
  app.use('/api', authenticate(deps.auth));
  app.use(authRoutes(deps.auth));
  app.use(adminRoutes(deps.auth));
  app.use(bundleAdminRoutes({ ...deps, live: deps.notifications.live, clock: deps.jobs.clock }));
  app.use(jobRoutes(deps.jobs));
  app.use(mailRoutes());
  app.use(automationRoutes(deps.automations, deps.jobs.clock));
  app.use('/api/v1/notifications', requireAuth);
  app.use(notifyRoutes(deps.notifications.live));
  // Everything else under /api/v1 needs a principal; the API description stays public.
  app.use('/api/v1/meta', requireAuth);
  app.use(metaRoutes());
  app.use(uiMetaRoutes());
  app.use('/api/v1/me', requireAuth);
  app.use(meRoutes());
  app.use('/api/v1/audit', requireAuth);
  app.use('/api/v1/data', requireAuth);
  app.use('/api/v1/approvals', requireAuth);
  app.use('/api/v1/delegations', requireAuth);
  app.use(approvalRoutes());
  app.use(auditRoutes());
  app.use(dataRoutes());
  app.use(pluginRoutes(deps.plugins));
  app.use('/api', (req) => {
    throw new OpsError(404, 'not_found', `No API route ${req.method} ${req.originalUrl}`);
  });
  for (const [prefix, dir] of Object.entries(deps.apps ?? {})) {
    if (!existsSync(dir)) continue;
    app.use(prefix, express.static(dir));
    app.get(`${prefix === '/' ? '' : prefix}/{*rest}`, (_req, res) => res.sendFile(path.join(dir, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = toOpsError(err);
  if (known) {
    if (typeof known.extra.retryAfter === 'number') res.setHeader('retry-after', String(known.extra.retryAfter));
    res.status(known.status).json(known.toJSON());
    return;
  }
  req.log.error({ err }, 'unhandled error');
  res.status(500).json({
    error: {
      code: 'internal',
      message: 'Something went wrong on our side; the request id is in the x-request-id header',
      details: [],
    },
  });
};

function toOpsError(err: unknown): OpsError | undefined {
  if (isOpsError(err)) return err;
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large')
    return new OpsError(413, 'payload_too_large', 'The request body is larger than the limit (1 MB by default)');
  if (e?.type === 'entity.parse.failed')
    return new OpsError(400, 'body_invalid', 'The request body is not valid JSON', [
      { path: '(body)', code: 'invalid_json', message: e.message ?? '' },
    ]);
  if (e?.type && e.status && e.status < 500)
    return new OpsError(e.status, 'body_invalid', e.message ?? 'The request body cannot be read');
  // Errors of the router (a malformed %-escape) or of inflating a body carry a 4xx status.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new OpsError(e.status, 'bad_request', 'The request cannot be read: check its URL and body encoding');
  }
  return mapDatabaseError(err);
}
