import type { Knex } from 'knex';
import { OpsError } from '../errors.ts';
import type { AuthDeps, ClientInfo } from './auth-deps.ts';
import { auditAlone } from './auth-deps.ts';
import { newToken, sha256 } from './tokens.ts';

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

export interface OpenSessionInput {
  userId: string;
  companyId: string | null;
  mfa: boolean;
  pending: string | null;
  method: string;
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

/** A new session at every sign-in: new id, new tokens; nothing carries over from an earlier one. */
export async function openSession(
  db: Knex | Knex.Transaction,
  deps: AuthDeps,
  input: OpenSessionInput,
  client: ClientInfo,
): Promise<IssuedSession> {
  const now = deps.now();
  const a = deps.config.auth;
  const accessToken = newToken('access');
  const refreshToken = newToken('refresh');
  const csrfToken = newToken('csrf');
  const expiresAt = later(now, a.sessionAbsoluteSeconds);
  const accessExpiresAt = later(now, a.accessTokenSeconds);
  const refreshExpiresAt = new Date(Math.min(later(now, a.refreshTokenSeconds).getTime(), expiresAt.getTime()));
  const [row] = await db('sys_sessions')
    .insert({
      user_id: input.userId,
      company_id: input.companyId,
      access_hash: sha256(accessToken),
      access_expires_at: accessExpiresAt,
      csrf_hash: sha256(csrfToken),
      mfa: input.mfa,
      pending: input.pending,
      method: input.method,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .returning('id');
  await db('sys_refresh_tokens').insert({
    hash: sha256(refreshToken),
    session_id: row.id,
    expires_at: refreshExpiresAt,
    created_at: now,
  });
  return { sessionId: row.id, accessToken, refreshToken, csrfToken, accessExpiresAt, refreshExpiresAt };
}

const invalidRefresh = () =>
  new OpsError(401, 'refresh_invalid', 'The session has ended or the refresh token is not valid: sign in again');

/**
 * Trades a refresh token for new tokens. Each refresh token works once: presenting a used one
 * means it was copied, so the whole session (the token family) is revoked and audited.
 */
export async function refreshSession(deps: AuthDeps, refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
  const now = deps.now();
  const a = deps.config.auth;
  const outcome = await deps.db.transaction(async (trx) => {
    const token = await trx('sys_refresh_tokens')
      .where({ hash: sha256(refreshToken) })
      .forUpdate()
      .first();
    if (!token) return { error: invalidRefresh() };
    const session = await trx('sys_sessions').where({ id: token.session_id }).forUpdate().first();
    if (!session || session.revoked_at) return { error: invalidRefresh() };
    if (token.used_at) {
      await trx('sys_sessions').where({ id: session.id }).update({ revoked_at: now, revoked_reason: 'refresh_reuse' });
      return { error: invalidRefresh(), reuse: session as { id: string; user_id: string } };
    }
    const user = await trx('sys_users').select('status').where({ id: session.user_id }).first();
    const idle = now.getTime() - new Date(session.last_seen_at).getTime() > a.sessionIdleSeconds * 1000;
    if (new Date(token.expires_at) <= now || new Date(session.expires_at) <= now || idle || user?.status !== 'active') {
      await trx('sys_sessions').where({ id: session.id }).update({ revoked_at: now, revoked_reason: 'expired' });
      return { error: invalidRefresh() };
    }
    await trx('sys_refresh_tokens').where({ hash: token.hash }).update({ used_at: now });
    const accessToken = newToken('access');
    const next = newToken('refresh');
    const csrfToken = newToken('csrf');
    const accessExpiresAt = later(now, a.accessTokenSeconds);
    const refreshExpiresAt = new Date(
      Math.min(later(now, a.refreshTokenSeconds).getTime(), new Date(session.expires_at).getTime()),
    );
    await trx('sys_sessions')
      .where({ id: session.id })
      .update({
        access_hash: sha256(accessToken),
        access_expires_at: accessExpiresAt,
        csrf_hash: sha256(csrfToken),
        last_seen_at: now,
        ip: client.ip,
      });
    await trx('sys_refresh_tokens').insert({
      hash: sha256(next),
      session_id: session.id,
      expires_at: refreshExpiresAt,
      created_at: now,
    });
    return {
      issued: {
        sessionId: session.id as string,
        accessToken,
        refreshToken: next,
        csrfToken,
        accessExpiresAt,
        refreshExpiresAt,
      },
    };
  });
  if (outcome.reuse) {
    deps.log.warn({ sessionId: outcome.reuse.id }, 'refresh token reused: session revoked');
    await auditAlone(deps, { id: outcome.reuse.user_id, ip: client.ip, userAgent: client.userAgent }, [
      {
        action: 'auth.refresh_reuse',
        entity: 'sys.session',
        recordId: outcome.reuse.id,
        outcome: 'denied',
        reason: 'A used refresh token was presented again: the session was revoked',
      },
    ]);
  }
  if (outcome.error) throw outcome.error;
  return outcome.issued!;
}

/** Ends sessions at once: the next request with their tokens is refused. */
export async function revokeSessions(
  db: Knex | Knex.Transaction,
  where: { id?: string; userId?: string; exceptId?: string },
  reason: string,
  now: Date,
): Promise<number> {
  const q = db('sys_sessions').whereNull('revoked_at');
  if (where.id) q.where({ id: where.id });
  if (where.userId) q.where({ user_id: where.userId });
  if (where.exceptId) q.whereNot({ id: where.exceptId });
  return q.update({ revoked_at: now, revoked_reason: reason });
}
