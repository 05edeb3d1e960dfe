import { LANGUAGES, type Language } from '@opsflux/definitions';
import type { UserRow } from '../access/access-cache.ts';
import { OpsError } from '../errors.ts';
import { render, type AuthMailKind, type AuthMailVars } from '../mail/auth-mails.ts';
import { actorOf, auditAlone, type AuthDeps, type ClientInfo } from './auth-deps.ts';
import { hashPassword, needsRehash, passwordExpired, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { openSession, type IssuedSession } from './sessions.ts';
import { checkSecondFactor } from './second-factor.ts';
import { newToken, sha256 } from './tokens.ts';

/** One message for every wrong sign-in: it does not say whether the e-mail or the password was wrong. */
export const invalidCredentials = () =>
  new OpsError(401, 'invalid_credentials', 'The e-mail address or the password is not correct');

export interface UserRecord {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  status: string;
  locale: string;
  time_zone: string;
  system_roles: string[];
  department_id: string | null;
  default_company_id: string | null;
  password_hash: string | null;
  password_changed_at: string | Date | null;
  totp_secret: string | null;
  totp_enabled_at: string | Date | null;
  totp_last_step: number | null;
  failed_logins: number;
  failed_window_start: string | Date | null;
  locked_until: string | Date | null;
}

export type SignInResult =
  | { kind: 'session'; session: IssuedSession; user: UserRecord; pending: string | null; deviceToken?: string }
  | { kind: 'second_factor'; challenge: string; expiresAt: Date };

const CHALLENGE_SECONDS = 300;
const MAX_CHALLENGE_ATTEMPTS = 5;

export function userLanguage(user: { locale?: string | null }): Language {
  const lang = (user.locale ?? 'en').slice(0, 2) as Language;
  return LANGUAGES.includes(lang) ? lang : 'en';
}

/** Sends an authentication e-mail; a mail failure is logged, never turned into a failed request. */
export async function sendAuthMail<K extends AuthMailKind>(
  deps: AuthDeps,
  user: { email: string; locale?: string | null; time_zone?: string | null },
  kind: K,
  vars: AuthMailVars[K],
): Promise<boolean> {
  try {
    const mail = render(kind, userLanguage(user), vars, { timeZone: user.time_zone ?? 'UTC' });
    await deps.mailer.send({ to: user.email, ...mail });
    return true;
  } catch (err) {
    deps.log.error({ err: (err as Error).message, kind }, 'authentication e-mail not sent');
    return false;
  }
}

export async function findUserByEmail(deps: AuthDeps, email: string): Promise<UserRecord | undefined> {
  return deps.db('sys_users').whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first();
}

/**
 * Whether the installation's policy or one of the user's roles (in any company) demands a
 * second factor: the principal says, as it does on every request.
 */
export async function secondFactorRequired(deps: AuthDeps, user: UserRow): Promise<boolean> {
  const org = await deps.db('sys_state').select('org_version').where({ id: 1 }).first();
  const { principal } = await deps.access.resolve(deps.db, deps.registry.current, user, Number(org.org_version), {});
  return !!principal.secondFactorRequired;
}

/**
 * Step one of a sign-in: the password. Locks the account after repeated failures in a window,
 * limits attempts per IP, and answers the same way for an unknown e-mail, a wrong password
 * or a locked account with a wrong password.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string; deviceToken?: string | undefined },
  client: ClientInfo,
): Promise<SignInResult> {
  const a = deps.config.auth;
  await deps.limits.consume(
    'login-ip',
    client.ip ?? 'unknown',
    { points: a.loginPerIpPerMinute, duration: 60 },
    'Too many sign-in attempts from this address',
  );
  const now = deps.now();
  const user = await findUserByEmail(deps, input.email);
  if (!user || !user.password_hash) {
    await verifyAgainstNothing(input.password);
    await auditAlone(deps, actorOf(null, client), [
      {
        action: 'auth.login_failed',
        entity: 'sys.user',
        outcome: 'denied',
        reason: 'unknown account',
        changes: { email: input.email.slice(0, 254) },
      },
    ]);
    throw invalidCredentials();
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  const lockedUntil = user.locked_until ? new Date(user.locked_until) : null;
  if (lockedUntil && lockedUntil > now) {
    await auditAlone(deps, actorOf(user, client), [
      {
        action: 'auth.login_failed',
        entity: 'sys.user',
        recordId: user.id,
        outcome: 'denied',
        reason: 'account locked',
      },
    ]);
    if (!ok) throw invalidCredentials();
    throw new OpsError(
      423,
      'account_locked',
      `The account is locked after too many failed sign-ins until ${lockedUntil.toISOString()}; reset your password to unlock it sooner`,
      [],
      { lockedUntil: lockedUntil.toISOString() },
    );
  }
  if (!ok) {
    await recordFailure(deps, user, client, now);
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    await auditAlone(deps, actorOf(user, client), [
      {
        action: 'auth.login_failed',
        entity: 'sys.user',
        recordId: user.id,
        outcome: 'denied',
        reason: `account ${user.status}`,
      },
    ]);
    throw new OpsError(403, 'account_disabled', 'This account is not active: ask your administrator');
  }
  if (needsRehash(user.password_hash)) {
    await deps
      .db('sys_users')
      .where({ id: user.id })
      .update({ password_hash: await hashPassword(input.password) });
  }
  if (user.totp_enabled_at && !(await trustedDevice(deps, user.id, input.deviceToken, now))) {
    const challenge = newToken('challenge');
    const expiresAt = new Date(now.getTime() + CHALLENGE_SECONDS * 1000);
    await deps.db('sys_auth_challenges').insert({ hash: sha256(challenge), user_id: user.id, expires_at: expiresAt });
    await deps.db('sys_users').where({ id: user.id }).update({ failed_logins: 0, failed_window_start: null });
    return { kind: 'second_factor', challenge, expiresAt };
  }
  return completeSignIn(deps, user, client, { mfa: !!user.totp_enabled_at, method: 'password' });
}

/** Step two, when the account has a second factor: a TOTP code or a backup code. */
export async function signInWithSecondFactor(
  deps: AuthDeps,
  input: { challenge: string; code?: string | undefined; backupCode?: string | undefined; trustDevice?: boolean },
  client: ClientInfo,
): Promise<SignInResult> {
  const now = deps.now();
  const expired = () =>
    new OpsError(401, 'challenge_invalid', 'The sign-in step has expired or was already used: sign in again');
  const challenge = await deps
    .db('sys_auth_challenges')
    .where({ hash: sha256(input.challenge) })
    .first();
  if (!challenge || challenge.used_at || new Date(challenge.expires_at) <= now) throw expired();
  if (challenge.attempts >= MAX_CHALLENGE_ATTEMPTS) throw expired();
  await deps.limits.consume(
    'second-factor',
    challenge.user_id,
    { points: 10, duration: 15 * 60 },
    'Too many two-factor attempts for this account',
  );
  const user = (await deps.db('sys_users').where({ id: challenge.user_id }).first()) as UserRecord;
  const check = await checkSecondFactor(deps, user, input, now);
  if (!check.ok) {
    await deps.db('sys_auth_challenges').where({ hash: challenge.hash }).increment('attempts', 1);
    await auditAlone(deps, actorOf(user, client), [
      { action: 'auth.2fa_failed', entity: 'sys.user', recordId: user.id, outcome: 'denied', reason: check.reason },
    ]);
    throw new OpsError(401, 'second_factor_invalid', 'The code is not correct or was already used');
  }
  const used = await deps
    .db('sys_auth_challenges')
    .where({ hash: challenge.hash })
    .whereNull('used_at')
    .update({ used_at: now });
  if (!used) throw expired();
  if (user.status !== 'active') throw new OpsError(403, 'account_disabled', 'This account is not active');
  const result = await completeSignIn(deps, user, client, { mfa: true, method: check.method });
  if (result.kind === 'session' && input.trustDevice && deps.config.auth.trustedDeviceDays > 0) {
    const deviceToken = newToken('device');
    await deps.db('sys_trusted_devices').insert({
      user_id: user.id,
      hash: sha256(deviceToken),
      user_agent: client.userAgent?.slice(0, 512) ?? null,
      expires_at: new Date(now.getTime() + deps.config.auth.trustedDeviceDays * 86_400_000),
    });
    result.deviceToken = deviceToken;
  }
  return result;
}

async function trustedDevice(deps: AuthDeps, userId: string, token: string | undefined, now: Date): Promise<boolean> {
  if (!token) return false;
  const row = await deps
    .db('sys_trusted_devices')
    .where({ hash: sha256(token), user_id: userId })
    .whereNull('revoked_at')
    .where('expires_at', '>', now)
    .first();
  return !!row;
}

async function recordFailure(deps: AuthDeps, user: UserRecord, client: ClientInfo, now: Date): Promise<void> {
  const a = deps.config.auth;
  const windowStart = user.failed_window_start ? new Date(user.failed_window_start) : null;
  const fresh = !windowStart || now.getTime() - windowStart.getTime() > a.lockoutWindowSeconds * 1000;
  const failures = fresh ? 1 : user.failed_logins + 1;
  const lock = failures >= a.lockoutThreshold;
  const until = new Date(now.getTime() + a.lockoutSeconds * 1000);
  await deps
    .db('sys_users')
    .where({ id: user.id })
    .update({
      failed_logins: lock ? 0 : failures,
      failed_window_start: lock ? null : fresh ? now : windowStart,
      ...(lock && { locked_until: until }),
    });
  await auditAlone(deps, actorOf(user, client), [
    { action: 'auth.login_failed', entity: 'sys.user', recordId: user.id, outcome: 'denied', reason: 'wrong password' },
    ...(lock
      ? [
          {
            action: 'auth.lockout',
            entity: 'sys.user',
            recordId: user.id,
            outcome: 'denied' as const,
            reason: `${failures} failed sign-ins within ${a.lockoutWindowSeconds / 60} minutes`,
            changes: { locked_until: [null, until.toISOString()] },
          },
        ]
      : []),
  ]);
  if (lock) await sendAuthMail(deps, user, 'accountLocked', { name: user.first_name, until });
}

/**
 * Opens a session for a user whose identity is established. Password sign-in ends here, and so
 * will single sign-on: an OIDC, SAML or LDAP provider verifies the person, finds the user, and
 * calls this with its `method` — sessions, 2FA enrolment rules, lockout reset and the audit
 * entry stay the same for every way in.
 */
export async function completeSignIn(
  deps: AuthDeps,
  user: UserRecord,
  client: ClientInfo,
  opts: { mfa: boolean; method: string },
): Promise<SignInResult> {
  const now = deps.now();
  let pending: string | null = null;
  if (!user.totp_enabled_at && (await secondFactorRequired(deps, user))) pending = 'mfa_enrolment';
  else if (passwordExpired(user.password_changed_at ? new Date(user.password_changed_at) : null, deps.config.auth, now))
    pending = 'password_change';
  const session = await deps.db.transaction(async (trx) => {
    await trx('sys_users')
      .where({ id: user.id })
      .update({ failed_logins: 0, failed_window_start: null, locked_until: null, last_login_at: now });
    const s = await openSession(
      trx,
      deps,
      { userId: user.id, companyId: user.default_company_id, mfa: opts.mfa, pending, method: opts.method },
      client,
    );
    return s;
  });
  await auditAlone(deps, actorOf(user, client), [
    {
      action: 'auth.login',
      entity: 'sys.session',
      recordId: session.sessionId,
      changes: { method: opts.method, second_factor: opts.mfa, ...(pending && { pending }) },
    },
  ]);
  return { kind: 'session', session, user, pending };
}
