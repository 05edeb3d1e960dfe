import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Access } from '../access/access.ts';
import type { Credentials, UserRow } from '../access/access-cache.ts';
import type { ApiKeyScope, Principal } from '../access/principal.ts';
import type { Registry } from '../registry/registry-types.ts';
import { OpsError } from '../errors.ts';
import type { AuthDeps } from './auth-deps.ts';
import { TOKEN_PREFIX, sameSecret, sha256 } from './tokens.ts';

export const COOKIE = {
  access: 'opsflux_access',
  refresh: 'opsflux_refresh',
  csrf: 'opsflux_csrf',
  device: 'opsflux_device',
};
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** How often a session's last-seen time is written: at most once a minute per session. */
const TOUCH_MS = 60_000;

export const unauthenticated = (
  message = 'Sign in to use the API: send a session cookie, a bearer token or an API key',
) => new OpsError(401, 'unauthenticated', message);

export function cookiesOf(req: Request): Record<string, string | undefined> {
  return req.headers.cookie ? parseCookies(req.headers.cookie) : {};
}

/** Credentials as presented: a token and how it came. */
export interface Presented {
  token: string;
  via: 'cookie' | 'bearer' | 'api-key';
}

/** A token given on its own (a socket handshake's `auth.token`): an access token or an API key. */
export function presentedToken(token: string): Presented {
  return { token, via: token.startsWith(TOKEN_PREFIX.apiKey) ? 'api-key' : 'bearer' };
}

/** The credentials in request headers: Authorization, X-API-Key, then the access cookie. */
export function presentedBy(headers: IncomingHttpHeaders): Presented | undefined {
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw unauthenticated('The Authorization header must read "Bearer <token>"');
    return presentedToken(m[1]!);
  }
  const key = headers['x-api-key'];
  if (typeof key === 'string') return { token: key, via: 'api-key' };
  const cookie = headers.cookie ? parseCookies(headers.cookie)[COOKIE.access] : undefined;
  if (cookie) return { token: cookie, via: 'cookie' };
  return undefined;
}

/** Who presented credentials, as the request (or socket) will act: set on `res.locals` for requests. */
export interface Resolved {
  registry: Registry;
  principal: Principal;
  access: Access;
  pending: string | null;
  via: Presented['via'];
}

/** What of the call matters besides its credentials: unsafe methods need the CSRF token with a cookie. */
export interface CallInfo {
  method: string;
  csrfToken: string | undefined;
  ip: string | null;
}

const USER_COLUMNS = [
  'u.id',
  'u.email',
  'u.first_name',
  'u.last_name',
  'u.status',
  'u.system_roles',
  'u.department_id',
  'u.default_company_id',
  'u.time_zone',
  'u.totp_enabled_at',
];

/**
 * What the session must do first: enrol a second factor its roles now demand (also when the
 * role was granted after sign-in, and for API keys), or finish the step sign-in left pending.
 */
function pendingStep(
  principal: { secondFactorRequired?: boolean },
  row: { totp_enabled_at?: unknown; pending?: string | null },
) {
  if (principal.secondFactorRequired && !row.totp_enabled_at) return 'mfa_enrolment';
  return row.pending ?? null;
}

/**
 * Resolves who calls, when credentials are presented: the principal and its compiled access go
 * to `res.locals`. Bad credentials are refused here; missing ones are left to the routes, which
 * all require a principal except the sign-in endpoints.
 */
/**
 * Routes that establish credentials ignore those presented: a browser whose access cookie has
 * expired must still reach sign-in and refresh.
 */
const CREDENTIAL_ROUTES = new Set([
  '/v1/auth/login',
  '/v1/auth/login/second-factor',
  '/v1/auth/refresh',
  '/v1/auth/password/forgot',
  '/v1/auth/password/reset',
  '/v1/auth/invitations/accept',
]);

export function authenticate(deps: AuthDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && CREDENTIAL_ROUTES.has(req.path)) return next();
    const cred = presentedBy(req.headers);
    if (!cred) return next();
    const call = { method: req.method, csrfToken: req.get(CSRF_HEADER), ip: req.ip ?? null };
    Object.assign(res.locals, await resolveCredentials(deps, cred, call));
    next();
  };
}

/**
 * Checks presented credentials and resolves their principal and access, or throws 401/403/429.
 * Requests and socket handshakes both come through here.
 */
export function resolveCredentials(deps: AuthDeps, cred: Presented, call: CallInfo): Promise<Resolved> {
  const now = deps.now();
  return cred.via === 'api-key' ? fromApiKey(deps, call, cred.token, now) : fromSession(deps, call, cred, now);
}

async function fromSession(deps: AuthDeps, call: CallInfo, cred: Presented, now: Date): Promise<Resolved> {
  if (!cred.token.startsWith(TOKEN_PREFIX.access)) throw unauthenticated('The token is not an access token');
  const row = await deps
    .db('sys_sessions as s')
    .join('sys_users as u', 'u.id', 's.user_id')
    .select(
      's.id as session_id',
      's.company_id as session_company',
      's.access_expires_at',
      's.csrf_hash',
      's.pending',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      ...principalColumns(deps),
    )
    .where('s.access_hash', sha256(cred.token))
    .first();
  if (!row || row.revoked_at) throw unauthenticated('The session has ended: sign in again');
  if (new Date(row.access_expires_at) <= now) {
    throw new OpsError(401, 'token_expired', 'The access token has expired: refresh it or sign in again');
  }
  const idle = now.getTime() - new Date(row.last_seen_at).getTime() > deps.config.auth.sessionIdleSeconds * 1000;
  if (idle || new Date(row.expires_at) <= now || row.status !== 'active') {
    await deps
      .db('sys_sessions')
      .where({ id: row.session_id })
      .update({ revoked_at: now, revoked_reason: row.status !== 'active' ? 'user_disabled' : 'expired' });
    throw unauthenticated('The session has ended: sign in again');
  }
  if (cred.via === 'cookie' && !SAFE_METHODS.has(call.method)) {
    const sent = call.csrfToken;
    if (!sent || !sameSecret(sha256(sent), row.csrf_hash)) {
      throw new OpsError(403, 'csrf_failed', `A cookie-authenticated change needs the ${CSRF_HEADER} header`);
    }
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_MS) {
    await deps.db('sys_sessions').where({ id: row.session_id }).update({ last_seen_at: now });
  }
  return settle(deps, row, cred.via, { sessionId: row.session_id, companyId: row.session_company });
}

/**
 * The user's columns, and the versions cached abilities depend on, read with the credentials in
 * one query: a change to the organization or the bundles (by any process) is seen at once.
 */
function principalColumns(deps: AuthDeps) {
  return [
    ...USER_COLUMNS,
    deps.db.raw('(select org_version from sys_state where id = 1) as org_version'),
    deps.db.raw('(select coalesce(max(id), 0) from sys_bundle_versions) as bundle_mark'),
  ];
}

/** Resolves the principal and its access for the request, on the newest registry. */
async function settle(
  deps: AuthDeps,
  row: UserRow & { bundle_mark: unknown; org_version: unknown; totp_enabled_at?: unknown; pending?: string | null },
  via: Presented['via'],
  cred: Credentials,
): Promise<Resolved> {
  await deps.syncRegistry(Number(row.bundle_mark));
  const registry = deps.registry.current;
  const { principal, access } = await deps.access.resolve(deps.db, registry, row, Number(row.org_version), cred);
  return { registry, principal, access, pending: pendingStep(principal, row), via };
}

async function fromApiKey(deps: AuthDeps, call: CallInfo, token: string, now: Date): Promise<Resolved> {
  const row = await deps
    .db('sys_api_keys as k')
    .join('sys_users as u', 'u.id', 'k.user_id')
    .select(
      'k.id as key_id',
      'k.scope',
      'k.roles as key_roles',
      'k.hourly_limit',
      'k.expires_at',
      'k.revoked_at',
      'k.last_used_at',
      ...principalColumns(deps),
    )
    .where('k.hash', sha256(token))
    .first();
  if (!row || row.revoked_at || row.status !== 'active') throw unauthenticated('The API key is not valid');
  if (new Date(row.expires_at) <= now) throw unauthenticated('The API key has expired: rotate it or create a new one');
  await deps.limits.consume(
    'api-key',
    row.key_id,
    { points: row.hourly_limit, duration: 3600 },
    `The API key made more than ${row.hourly_limit} requests this hour`,
  );
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_MS) {
    await deps.db('sys_api_keys').where({ id: row.key_id }).update({ last_used_at: now, last_used_ip: call.ip });
  }
  return settle(deps, row, 'api-key', {
    apiKeyId: row.key_id,
    apiKeyScope: row.scope as ApiKeyScope,
    apiKeyRoles: row.key_roles,
  });
}

/** The principal of the request; 401 without one, 403 while the session must first finish a step. */
export function requirePrincipal(res: Response, opts: { allowPending?: boolean } = {}) {
  const principal = res.locals.principal;
  if (!principal) throw unauthenticated();
  if (res.locals.pending && !opts.allowPending) {
    const message =
      res.locals.pending === 'mfa_enrolment'
        ? 'Your role requires two-factor authentication: enrol a second factor first (POST /api/v1/auth/2fa/enrol)'
        : 'Your password has expired: change it first (POST /api/v1/auth/password/change)';
    throw new OpsError(403, res.locals.pending, message);
  }
  return principal;
}

/** Routes under it need a signed-in principal with nothing pending. */
export const requireAuth: RequestHandler = (_req, res, next) => {
  requirePrincipal(res);
  next();
};
