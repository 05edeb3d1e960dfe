import { Router, type Request, type Response } from 'express';
import { isAdmin, type Principal } from '../access/principal.ts';
import { requireAuth } from '../auth/authenticate.ts';
import { OpsError, isOpsError } from '../errors.ts';
import { requireAdmin } from '../identity/admin-routes.ts';
import type { PluginHttpMethod, PluginPrincipal } from '../plugin-api.ts';
import type { LoadedRoute, PluginHost } from './load-plugins.ts';

/** What a plugin sees of the caller: a copy, so nothing it does changes the request's principal. */
export function pluginPrincipal(p: Principal): PluginPrincipal {
  const held = p.memberships.find((m) => m.companyId === p.companyId)?.roles ?? [];
  const roles = p.apiKeyRoles ? held.filter((r) => p.apiKeyRoles!.includes(r)) : held;
  return Object.freeze({
    kind: p.kind,
    userId: p.userId,
    name: p.name,
    email: p.email,
    companyId: p.companyId,
    systemRoles: Object.freeze([...p.systemRoles]),
    roles: Object.freeze([...roles]),
    isAdmin: isAdmin(p),
  });
}

function handle({ plugin, route, log }: LoadedRoute) {
  return async (req: Request, res: Response) => {
    let answer: unknown;
    try {
      answer = await route.handler({
        principal: pluginPrincipal(res.locals.principal!),
        method: req.method as PluginHttpMethod,
        params: { ...(req.params as Record<string, string>) },
        query: { ...(req.query as Record<string, string | string[] | undefined>) },
        body: req.body,
        now: res.locals.now(),
        log,
      });
    } catch (err) {
      if (isOpsError(err) && err.status < 500) throw err;
      req.log.error({ err, plugin }, `plugin ${plugin} failed to answer ${req.method} ${req.path}`);
      throw new OpsError(
        500,
        'plugin_failed',
        `The plugin "${plugin}" failed to answer; the request id is in the x-request-id header`,
      );
    }
    if (answer === undefined) res.status(204).end();
    else res.json(answer);
  };
}

/**
 * Plugin routes under `/api/v1/plugins/<plugin>/`, for signed-in callers only, and the list of
 * plugins with how their loading went, for administrators.
 */
export function pluginRoutes(host: PluginHost | undefined): Router {
  const r = Router();
  r.get('/api/v1/admin/plugins', (_req, res) => {
    requireAdmin(res);
    res.json({ data: host?.statuses ?? [] });
  });
  r.use('/api/v1/plugins', requireAuth);
  for (const loaded of host?.routes ?? []) {
    const { plugin, route } = loaded;
    const at = `/api/v1/plugins/${plugin}${route.path === '/' ? '' : route.path}`;
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    r[method](at, handle(loaded));
  }
  return r;
}
