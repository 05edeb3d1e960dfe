import { Router, type Request, type Response } from 'express';
import { pickText } from '@opsflux/definitions';
import { OpsError, notFound } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { setPassword } from '../identity/passwords-store.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { actorOf, auditAlone, type AuthDeps, type ClientInfo } from './auth-deps.ts';
import { COOKIE, cookiesOf, requirePrincipal } from './authenticate.ts';
import { apiKeyRoutes } from './api-key-routes.ts';
import { invitationPublicRoutes } from './invitations.ts';
import {
  findUserByEmail,
  secondFactorRequired,
  sendAuthMail,
  signInWithPassword,
  signInWithSecondFactor,
  type SignInResult,
  type UserRecord,
} from './login.ts';
import { verifyPassword } from './passwords.ts';
import {
  checkSecondFactor,
  confirmEnrolment,
  disableSecondFactor,
  replaceBackupCodes,
  startEnrolment,
} from './second-factor.ts';
import { issueResetLink } from './reset-links.ts';
import { refreshSession, revokeSessions, type IssuedSession } from './sessions.ts';
import { sha256 } from './tokens.ts';

const RESET_MINUTES = 60;

export function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** The profile a user sees of themself; no secret, no hash. */
export function profileOf(u: UserRecord & Record<string, unknown>) {
  return {
    id: u.id,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    phone: u.phone ?? null,
    jobTitle: u.job_title ?? null,
    photoUrl: u.photo_url ?? null,
    locale: u.locale,
    timeZone: u.time_zone,
    status: u.status,
    systemRoles: u.system_roles,
    secondFactor: !!u.totp_enabled_at,
  };
}

function setCookie(
  res: Response,
  name: string,
  value: string,
  expires: Date,
  opts: { httpOnly: boolean; path?: string },
) {
  res.cookie(name, value, {
    httpOnly: opts.httpOnly,
    secure: true,
    sameSite: 'strict',
    path: opts.path ?? '/',
    expires,
  });
}

const REFRESH_PATH = '/api/v1/auth';

/**
 * Hands the session over: browsers get httpOnly cookies (the CSRF token is the one value their
 * script may read, and must echo in a header), API clients get the tokens in the body.
 */
function sendSession(res: Response, session: IssuedSession, client: 'browser' | 'api', extra: Record<string, unknown>) {
  if (client === 'browser') {
    setCookie(res, COOKIE.access, session.accessToken, session.refreshExpiresAt, { httpOnly: true });
    setCookie(res, COOKIE.refresh, session.refreshToken, session.refreshExpiresAt, {
      httpOnly: true,
      path: REFRESH_PATH,
    });
    setCookie(res, COOKIE.csrf, session.csrfToken, session.refreshExpiresAt, { httpOnly: false });
    res.json({
      data: { csrfToken: session.csrfToken, expiresAt: session.accessExpiresAt.toISOString(), ...extra },
    });
    return;
  }
  res.json({
    data: {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      tokenType: 'Bearer',
      expiresAt: session.accessExpiresAt.toISOString(),
      refreshExpiresAt: session.refreshExpiresAt.toISOString(),
      ...extra,
    },
  });
}

function clearCookies(res: Response) {
  for (const [name, path] of [
    [COOKIE.access, '/'],
    [COOKIE.refresh, REFRESH_PATH],
    [COOKIE.csrf, '/'],
  ] as const)
    res.clearCookie(name, { path, secure: true, sameSite: 'strict' });
}

function answerSignIn(res: Response, result: SignInResult, client: 'browser' | 'api') {
  if (result.kind === 'second_factor') {
    res.status(202).json({
      data: { secondFactorRequired: true, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() },
    });
    return;
  }
  if (result.deviceToken && client === 'browser') {
    const until = new Date(Date.now() + 30 * 86_400_000);
    setCookie(res, COOKIE.device, result.deviceToken, until, { httpOnly: true, path: REFRESH_PATH });
  }
  sendSession(res, result.session, client, {
    user: profileOf(result.user as UserRecord & Record<string, unknown>),
    pending: result.pending,
    ...(result.deviceToken && client === 'api' && { deviceToken: result.deviceToken }),
  });
}

async function currentUser(deps: AuthDeps, res: Response, opts: { allowPending?: boolean } = {}) {
  const principal = requirePrincipal(res, opts);
  if (!principal.userId) throw new OpsError(403, 'forbidden', 'The engine itself has no user profile');
  return (await deps.db('sys_users').where({ id: principal.userId }).first()) as UserRecord & Record<string, unknown>;
}

/** Re-authentication before a sensitive change: the current password, checked and rate-limited. */
async function reauthenticate(deps: AuthDeps, user: UserRecord, password: string, client: ClientInfo) {
  await deps.limits.consume('reauth', user.id, { points: 5, duration: 15 * 60 }, 'Too many password confirmations');
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
    await auditAlone(deps, actorOf(user, client), [
      {
        action: 'auth.reauth_failed',
        entity: 'sys.user',
        recordId: user.id,
        outcome: 'denied',
        reason: 'wrong password',
      },
    ]);
    throw new OpsError(403, 'reauthentication_failed', 'The current password is not correct', [
      { path: 'currentPassword', code: 'wrong_password', message: 'The current password is not correct' },
    ]);
  }
}

export function authRoutes(deps: AuthDeps): Router {
  const r = Router();
  const base = '/api/v1/auth';

  r.post(`${base}/login`, async (req, res) => {
    const body = checkBody<{ email: string; password: string; client?: 'browser' | 'api'; deviceToken?: string }>(
      req.body,
      objectSchema({ email: S.email, password: S.password, client: S.client, deviceToken: S.token }, [
        'email',
        'password',
      ]),
    );
    const client = body.client ?? 'api';
    const deviceToken = body.deviceToken ?? cookiesOf(req)[COOKIE.device];
    answerSignIn(res, await signInWithPassword(deps, { ...body, deviceToken }, clientOf(req)), client);
  });

  r.post(`${base}/login/second-factor`, async (req, res) => {
    const body = checkBody<{
      challenge: string;
      code?: string;
      backupCode?: string;
      trustDevice?: boolean;
      client?: 'browser' | 'api';
    }>(req.body, {
      ...objectSchema(
        {
          challenge: S.token,
          code: { type: 'string', pattern: '^\\s*\\d{6}\\s*$' },
          backupCode: { type: 'string', minLength: 6, maxLength: 20 },
          trustDevice: { type: 'boolean' },
          client: S.client,
        },
        ['challenge'],
      ),
      oneOf: [{ required: ['code'] }, { required: ['backupCode'] }],
    });
    answerSignIn(res, await signInWithSecondFactor(deps, body, clientOf(req)), body.client ?? 'api');
  });

  r.post(`${base}/refresh`, async (req, res) => {
    const body = checkBody<{ refreshToken?: string; client?: 'browser' | 'api' }>(
      req.body,
      objectSchema({ refreshToken: S.token, client: S.client }),
    );
    const fromCookie = cookiesOf(req)[COOKIE.refresh];
    const token = body.refreshToken ?? fromCookie;
    if (!token) throw new OpsError(401, 'refresh_invalid', 'Send the refresh token (body "refreshToken" or cookie)');
    const session = await refreshSession(deps, token, clientOf(req));
    sendSession(res, session, body.client ?? (body.refreshToken ? 'api' : 'browser'), {});
  });

  r.post(`${base}/logout`, async (req, res) => {
    const principal = requirePrincipal(res, { allowPending: true });
    if (principal.sessionId) {
      await revokeSessions(deps.db, { id: principal.sessionId }, 'logout', deps.now());
      await auditAlone(deps, { id: principal.userId, name: principal.name, ...clientOf(req) }, [
        { action: 'auth.logout', entity: 'sys.session', recordId: principal.sessionId },
      ]);
    }
    clearCookies(res);
    res.status(204).end();
  });

  r.get(`${base}/me`, async (_req, res) => {
    const user = await currentUser(deps, res, { allowPending: true });
    const principal = res.locals.principal!;
    const companies = await deps
      .db('sys_memberships as m')
      .join('sys_companies as c', 'c.id', 'm.company_id')
      .select('c.id', 'c.code', 'c.legal_name as name', 'm.roles')
      .where('m.user_id', user.id)
      .orderBy('c.code');
    res.json({
      data: {
        ...profileOf(user),
        companyId: principal.companyId,
        companies,
        departmentId: principal.departmentId,
        managerId: user.manager_id ?? null,
        groupIds: principal.groupIds,
        pending: res.locals.pending ?? null,
      },
    });
  });

  r.patch(`${base}/me`, async (req, res) => {
    const user = await currentUser(deps, res);
    const body = checkBody<Record<string, string | null>>(
      req.body,
      objectSchema({
        firstName: S.text(100),
        lastName: S.text(100),
        phone: { type: ['string', 'null'], maxLength: 40 },
        jobTitle: { type: ['string', 'null'], maxLength: 120 },
        photoUrl: { type: ['string', 'null'], format: 'uri', maxLength: 1024 },
        locale: { enum: ['fr', 'en', 'es', 'pt'] },
        timeZone: { type: 'string', maxLength: 64 },
      }),
    );
    if (body.timeZone && !Intl.supportedValuesOf('timeZone').includes(body.timeZone) && body.timeZone !== 'UTC') {
      throw new OpsError(422, 'validation_failed', 'Unknown time zone', [
        { path: 'timeZone', code: 'unknown_time_zone', message: `"${body.timeZone}" is not an IANA time zone` },
      ]);
    }
    const columns: Record<string, string> = {
      firstName: 'first_name',
      lastName: 'last_name',
      phone: 'phone',
      jobTitle: 'job_title',
      photoUrl: 'photo_url',
      locale: 'locale',
      timeZone: 'time_zone',
    };
    const changes = Object.fromEntries(Object.entries(body).map(([k, v]) => [columns[k]!, v]));
    const now = deps.now();
    const [updated] = await deps.db.transaction(async (trx) => {
      const rows = await trx('sys_users')
        .where({ id: user.id })
        .update({ ...changes, updated_at: now, version: trx.raw('version + 1') })
        .returning('*');
      await appendAudit(trx, { id: user.id, name: `${user.first_name} ${user.last_name}`, ...clientOf(req) }, now, [
        {
          action: 'user.profile_update',
          entity: 'sys.user',
          recordId: user.id,
          changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, [user[k] ?? null, v]])),
        },
      ]);
      return rows;
    });
    res.json({ data: profileOf(updated) });
  });

  r.post(`${base}/me/company`, async (req, res) => {
    const principal = requirePrincipal(res);
    const { companyId } = checkBody<{ companyId: string }>(
      req.body,
      objectSchema({ companyId: S.uuid }, ['companyId']),
    );
    if (!principal.memberships.some((m) => m.companyId === companyId)) {
      throw new OpsError(403, 'not_a_member', 'You are not a member of this company', [
        { path: 'companyId', code: 'not_a_member', message: 'You are not a member of this company' },
      ]);
    }
    if (!principal.sessionId) throw new OpsError(400, 'no_session', "API keys act in their owner's default company");
    await deps.db('sys_sessions').where({ id: principal.sessionId }).update({ company_id: companyId });
    res.json({ data: { companyId } });
  });

  r.get(`${base}/me/abilities`, (req, res) => {
    requirePrincipal(res);
    const access = res.locals.access!;
    const registry = res.locals.registry;
    const lang = (req.acceptsLanguages('en', 'fr', 'es', 'pt') || 'en') as 'en';
    const entities: Record<string, unknown> = {};
    for (const e of registry.entities.values()) {
      const actions = [
        'read',
        'create',
        'update',
        'delete',
        'restore',
        'export',
        'import',
        // The workflow's transitions the user may fire on some record (roles and guards aside).
        ...[...(e.workflow?.transitions.keys() ?? [])].map((t) => `transition:${t}`),
      ].filter((a) => access.can(a, e));
      if (!actions.length) continue;
      const hidden = [...e.fields.keys()].filter((f) => access.fieldRows(e, f) !== true);
      const readonly = [...e.fields.keys()].filter((f) => !access.can('update', e, undefined, f));
      entities[e.key] = {
        label: pickText(e.def.label, lang),
        actions,
        restrictedFields: hidden,
        readonlyFields: readonly,
      };
    }
    res.json({
      data: {
        unrestricted: access.unrestricted,
        systemRoles: access.principal.systemRoles,
        companyId: access.principal.companyId,
        entities,
        // CASL rules, for @casl/ability in the apps: the same rules the engine enforces.
        rules: access.rules,
      },
    });
  });

  r.get(`${base}/sessions`, async (_req, res) => {
    const principal = requirePrincipal(res, { allowPending: true });
    const rows = await deps
      .db('sys_sessions')
      .select('id', 'ip', 'user_agent', 'method', 'mfa', 'created_at', 'last_seen_at', 'expires_at')
      .where({ user_id: principal.userId })
      .whereNull('revoked_at')
      .where('expires_at', '>', deps.now())
      .orderBy('last_seen_at', 'desc');
    res.json({
      data: rows.map((s) => ({
        id: s.id,
        current: s.id === principal.sessionId,
        ip: s.ip,
        userAgent: s.user_agent,
        method: s.method,
        secondFactor: s.mfa,
        createdAt: new Date(s.created_at).toISOString(),
        lastSeenAt: new Date(s.last_seen_at).toISOString(),
        expiresAt: new Date(s.expires_at).toISOString(),
      })),
    });
  });

  r.delete(`${base}/sessions/:id`, async (req, res) => {
    const principal = requirePrincipal(res, { allowPending: true });
    const id = String(req.params.id);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(`No session "${id}"`);
    const n = await revokeSessions(deps.db, { id, userId: principal.userId! }, 'revoked_by_user', deps.now());
    if (!n) throw notFound(`No active session "${id}"`);
    await auditAlone(deps, { id: principal.userId, name: principal.name, ...clientOf(req) }, [
      { action: 'auth.session_revoke', entity: 'sys.session', recordId: id },
    ]);
    res.status(204).end();
  });

  r.post(`${base}/sessions/revoke-all`, async (req, res) => {
    const principal = requirePrincipal(res, { allowPending: true });
    const { keepCurrent } = checkBody<{ keepCurrent?: boolean }>(
      req.body,
      objectSchema({ keepCurrent: { type: 'boolean' } }),
    );
    const n = await revokeSessions(
      deps.db,
      { userId: principal.userId!, ...(keepCurrent && principal.sessionId && { exceptId: principal.sessionId }) },
      'revoked_by_user',
      deps.now(),
    );
    await auditAlone(deps, { id: principal.userId, name: principal.name, ...clientOf(req) }, [
      { action: 'auth.session_revoke_all', entity: 'sys.user', recordId: principal.userId, changes: { sessions: n } },
    ]);
    res.json({ data: { revoked: n } });
  });

  r.post(`${base}/password/change`, async (req, res) => {
    const user = await currentUser(deps, res, { allowPending: true });
    const body = checkBody<{ currentPassword: string; newPassword: string }>(
      req.body,
      objectSchema({ currentPassword: S.password, newPassword: S.password }, ['currentPassword', 'newPassword']),
    );
    const client = clientOf(req);
    await reauthenticate(deps, user, body.currentPassword, client);
    const now = deps.now();
    const principal = res.locals.principal!;
    await deps.db.transaction(async (trx) => {
      await setPassword(trx, deps.config.auth, user, body.newPassword, now, 'newPassword');
      await revokeSessions(
        trx,
        { userId: user.id, ...(principal.sessionId && { exceptId: principal.sessionId }) },
        'password_changed',
        now,
      );
      if (principal.sessionId && res.locals.pending === 'password_change') {
        await trx('sys_sessions').where({ id: principal.sessionId }).update({ pending: null });
      }
      await appendAudit(trx, actorOf(user, client), now, [
        { action: 'auth.password_change', entity: 'sys.user', recordId: user.id },
      ]);
    });
    await sendAuthMail(deps, user, 'passwordChanged', { name: user.first_name, at: now });
    res.status(204).end();
  });

  r.post(`${base}/password/forgot`, async (req, res) => {
    const { email } = checkBody<{ email: string }>(req.body, objectSchema({ email: S.email }, ['email']));
    const client = clientOf(req);
    await deps.limits.consume(
      'forgot-ip',
      client.ip ?? 'unknown',
      { points: 10, duration: 3600 },
      'Too many reset requests',
    );
    await deps.limits.consume(
      'forgot-email',
      email.toLowerCase(),
      { points: 3, duration: 3600 },
      'Too many reset requests',
    );
    const user = await findUserByEmail(deps, email);
    if (user && user.status === 'active') {
      const link = await issueResetLink(deps.db, deps.config.publicUrl, user.id, RESET_MINUTES, deps.now());
      await sendAuthMail(deps, user, 'passwordReset', {
        name: user.first_name,
        link,
        expiresInMinutes: RESET_MINUTES,
      });
      await auditAlone(deps, actorOf(user, client), [
        { action: 'auth.password_reset_request', entity: 'sys.user', recordId: user.id },
      ]);
    }
    // The same answer whether or not the address is known.
    res.status(202).json({ data: { message: 'If an account has this address, a reset link is on its way' } });
  });

  r.post(`${base}/password/reset`, async (req, res) => {
    const body = checkBody<{ token: string; newPassword: string }>(
      req.body,
      objectSchema({ token: S.token, newPassword: S.password }, ['token', 'newPassword']),
    );
    const client = clientOf(req);
    await deps.limits.consume(
      'reset-ip',
      client.ip ?? 'unknown',
      { points: 20, duration: 3600 },
      'Too many reset attempts',
    );
    const now = deps.now();
    const row = await deps
      .db('sys_user_tokens')
      .where({ hash: sha256(body.token), kind: 'password_reset' })
      .first();
    if (!row || row.used_at || new Date(row.expires_at) <= now) {
      throw new OpsError(400, 'link_invalid', 'The reset link has expired or was already used: ask for a new one');
    }
    const user = (await deps.db('sys_users').where({ id: row.user_id }).first()) as UserRecord;
    await deps.db.transaction(async (trx) => {
      const used = await trx('sys_user_tokens').where({ hash: row.hash }).whereNull('used_at').update({ used_at: now });
      if (!used) throw new OpsError(400, 'link_invalid', 'The reset link was already used');
      await setPassword(trx, deps.config.auth, user, body.newPassword, now, 'newPassword');
      await trx('sys_users')
        .where({ id: user.id })
        .update({ locked_until: null, failed_logins: 0, failed_window_start: null });
      await revokeSessions(trx, { userId: user.id }, 'password_reset', now);
      await appendAudit(trx, actorOf(user, client), now, [
        { action: 'auth.password_reset', entity: 'sys.user', recordId: user.id },
      ]);
    });
    await sendAuthMail(deps, user, 'passwordChanged', { name: user.first_name, at: now });
    // No session is opened: the user signs in, second factor included.
    res.status(204).end();
  });

  r.post(`${base}/email/change`, async (req, res) => {
    const user = await currentUser(deps, res);
    const body = checkBody<{ currentPassword: string; newEmail: string }>(
      req.body,
      objectSchema({ currentPassword: S.password, newEmail: S.email }, ['currentPassword', 'newEmail']),
    );
    const client = clientOf(req);
    await reauthenticate(deps, user, body.currentPassword, client);
    const taken = await findUserByEmail(deps, body.newEmail);
    if (taken && taken.id !== user.id) {
      throw new OpsError(409, 'email_taken', 'Another account uses this e-mail address', [
        { path: 'newEmail', code: 'email_taken', message: 'Another account uses this e-mail address' },
      ]);
    }
    const now = deps.now();
    await deps.db.transaction(async (trx) => {
      await trx('sys_users')
        .where({ id: user.id })
        .update({ email: body.newEmail, updated_at: now, version: trx.raw('version + 1') });
      await appendAudit(trx, actorOf(user, client), now, [
        {
          action: 'auth.email_change',
          entity: 'sys.user',
          recordId: user.id,
          changes: { email: [user.email, body.newEmail] },
        },
      ]);
    });
    res.status(204).end();
  });

  r.post(`${base}/2fa/enrol`, async (req, res) => {
    const user = await currentUser(deps, res, { allowPending: true });
    const { currentPassword } = checkBody<{ currentPassword: string }>(
      req.body,
      objectSchema({ currentPassword: S.password }, ['currentPassword']),
    );
    await reauthenticate(deps, user, currentPassword, clientOf(req));
    if (user.totp_enabled_at) throw new OpsError(409, 'already_enrolled', 'Two-factor authentication is already on');
    res.json({ data: await startEnrolment(deps, user) });
  });

  r.post(`${base}/2fa/confirm`, async (req, res) => {
    const user = await currentUser(deps, res, { allowPending: true });
    const { code } = checkBody<{ code: string }>(
      req.body,
      objectSchema({ code: { type: 'string', maxLength: 12 } }, ['code']),
    );
    await deps.limits.consume(
      'second-factor',
      user.id,
      { points: 10, duration: 15 * 60 },
      'Too many two-factor attempts',
    );
    const backupCodes = await confirmEnrolment(deps, user.id, code);
    const principal = res.locals.principal!;
    if (principal.sessionId && res.locals.pending === 'mfa_enrolment') {
      await deps.db('sys_sessions').where({ id: principal.sessionId }).update({ pending: null, mfa: true });
    }
    await auditAlone(deps, actorOf(user, clientOf(req)), [
      { action: 'auth.2fa_enable', entity: 'sys.user', recordId: user.id },
    ]);
    res.json({ data: { backupCodes } });
  });

  r.post(`${base}/2fa/disable`, async (req, res) => {
    const user = await currentUser(deps, res);
    const body = checkBody<{ currentPassword: string; code?: string; backupCode?: string }>(
      req.body,
      objectSchema(
        {
          currentPassword: S.password,
          code: { type: 'string', maxLength: 12 },
          backupCode: { type: 'string', maxLength: 20 },
        },
        ['currentPassword'],
      ),
    );
    const client = clientOf(req);
    await reauthenticate(deps, user, body.currentPassword, client);
    if (!user.totp_enabled_at) throw new OpsError(409, 'not_enrolled', 'Two-factor authentication is not on');
    if (await secondFactorRequired(deps, user)) {
      throw new OpsError(409, 'second_factor_required', 'One of your roles requires two-factor authentication');
    }
    const check = await checkSecondFactor(deps, user, body, deps.now());
    if (!check.ok) throw new OpsError(403, 'second_factor_invalid', 'The code is not correct or was already used');
    await disableSecondFactor(deps, user.id);
    await auditAlone(deps, actorOf(user, client), [
      { action: 'auth.2fa_disable', entity: 'sys.user', recordId: user.id },
    ]);
    res.status(204).end();
  });

  r.post(`${base}/2fa/backup-codes`, async (req, res) => {
    const user = await currentUser(deps, res);
    const { currentPassword } = checkBody<{ currentPassword: string }>(
      req.body,
      objectSchema({ currentPassword: S.password }, ['currentPassword']),
    );
    const client = clientOf(req);
    await reauthenticate(deps, user, currentPassword, client);
    if (!user.totp_enabled_at) throw new OpsError(409, 'not_enrolled', 'Two-factor authentication is not on');
    const backupCodes = await replaceBackupCodes(deps.db, user.id);
    await auditAlone(deps, actorOf(user, client), [
      { action: 'auth.backup_codes_renew', entity: 'sys.user', recordId: user.id },
    ]);
    res.json({ data: { backupCodes } });
  });

  r.use(invitationPublicRoutes(deps));
  r.use(apiKeyRoutes(deps));
  return r;
}
