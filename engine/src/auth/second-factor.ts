import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { OpsError } from '../errors.ts';
import type { AuthDeps } from './auth-deps.ts';
import { newBackupCode, normalizeBackupCode, sha256 } from './tokens.ts';

export const BACKUP_CODE_COUNT = 10;
/** A code from the previous or the next 30-second period is still taken (clock drift). */
const TOLERANCE_SECONDS = 30;
const ISSUER = 'OpsFlux';

interface FactorUser {
  id: string;
  totp_secret: string | null;
  totp_last_step: number | null;
}

export type FactorCheck = { ok: true; method: 'totp' | 'backup_code' } | { ok: false; reason: string };

async function verifyTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep !== null && { afterTimeStep: afterStep }),
    });
    // The TOTP strategy's result carries the time step the code matched.
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}

/**
 * Checks a TOTP code (each accepted code moves the user's last time step forward, so the same
 * code cannot be replayed) or a backup code (each works once).
 */
export async function checkSecondFactor(
  deps: AuthDeps,
  user: FactorUser,
  input: { code?: string | undefined; backupCode?: string | undefined },
  now: Date,
): Promise<FactorCheck> {
  if (input.code !== undefined) {
    if (!user.totp_secret) return { ok: false, reason: 'no second factor enrolled' };
    const step = await verifyTotp(deps.secrets.open(user.totp_secret), input.code.trim(), user.totp_last_step);
    if (step === null) return { ok: false, reason: 'wrong or replayed TOTP code' };
    // Only one request can move the step past a given value: a concurrent replay updates nothing.
    const moved = await deps
      .db('sys_users')
      .where({ id: user.id })
      .where((b) => b.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
      .update({ totp_last_step: step });
    return moved ? { ok: true, method: 'totp' } : { ok: false, reason: 'replayed TOTP code' };
  }
  if (input.backupCode !== undefined) {
    const used = await deps
      .db('sys_backup_codes')
      .where({ user_id: user.id, hash: sha256(normalizeBackupCode(input.backupCode)) })
      .whereNull('used_at')
      .update({ used_at: now });
    return used ? { ok: true, method: 'backup_code' } : { ok: false, reason: 'wrong or used backup code' };
  }
  return { ok: false, reason: 'no code given' };
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  /** A PNG data URL of the otpauth URI, for authenticator apps to scan. */
  qrCode: string;
}

/** Starts enrolment: a new secret, kept aside until a first code proves the app has it. */
export async function startEnrolment(deps: AuthDeps, user: { id: string; email: string }): Promise<Enrolment> {
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
  await deps
    .db('sys_users')
    .where({ id: user.id })
    .update({ totp_pending_secret: deps.secrets.seal(secret) });
  return { secret, otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri) };
}

/** Confirms enrolment with a first code; answers the backup codes, shown this once. */
export async function confirmEnrolment(deps: AuthDeps, userId: string, code: string): Promise<string[]> {
  const user = await deps.db('sys_users').select('totp_pending_secret').where({ id: userId }).first();
  if (!user?.totp_pending_secret) {
    throw new OpsError(409, 'no_enrolment', 'Start enrolment first (POST /api/v1/auth/2fa/enrol)');
  }
  const step = await verifyTotp(deps.secrets.open(user.totp_pending_secret), code.trim(), null);
  if (step === null) {
    throw new OpsError(422, 'validation_failed', 'The code is not correct', [
      { path: 'code', code: 'code_invalid', message: 'The code from the authenticator app is not correct' },
    ]);
  }
  return deps.db.transaction(async (trx) => {
    await trx('sys_users').where({ id: userId }).update({
      totp_secret: user.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled_at: deps.now(),
      totp_last_step: step,
    });
    return replaceBackupCodes(trx, userId);
  });
}

export async function replaceBackupCodes(db: AuthDeps['db'], userId: string): Promise<string[]> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  await db('sys_backup_codes').where({ user_id: userId }).delete();
  await db('sys_backup_codes').insert(codes.map((c) => ({ user_id: userId, hash: sha256(normalizeBackupCode(c)) })));
  return codes;
}

export async function disableSecondFactor(deps: AuthDeps, userId: string): Promise<void> {
  await deps.db.transaction(async (trx) => {
    await trx('sys_users')
      .where({ id: userId })
      .update({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null });
    await trx('sys_backup_codes').where({ user_id: userId }).delete();
    await trx('sys_trusted_devices').where({ user_id: userId }).update({ revoked_at: deps.now() });
  });
}
