import { randomBytes } from 'node:crypto';
import argon2, { type HashOptions } from 'argon2';
import type { AuthSettings } from '../config.ts';

export {
  checkPasswordPolicy,
  codePointLength,
  type PasswordContext,
  type PasswordLengthSettings,
  type PasswordPolicyCode,
} from './passwords-policy.ts';

/**
 * argon2id with OWASP's password storage parameters (m=19 MiB, t=2, p=1 is its baseline) and one
 * more pass, t=3, which costs ~40 ms per hash on one core of the reference 2-core server.
 * - Memory stays at 19 MiB: Node runs hashes on its 4 libuv threads, so concurrent sign-ins take
 *   at most ~76 MiB on a machine shared with PostgreSQL and Redis.
 * - p=1: lanes would only let one sign-in occupy both cores; the attacker's cost is the same.
 * - Hashes carry their parameters, so raising these later keeps old hashes valid; `needsRehash`
 *   tells the sign-in to store a new hash.
 */
export const ARGON2_PARAMS = Object.freeze({
  algorithm: 'argon2id',
  /** KiB. */
  memoryCost: 19_456,
  timeCost: 3,
  parallelism: 1,
  /** Bytes of output; the salt is 16 random bytes. */
  hashLength: 32,
} as const);

const hashOptions: HashOptions = {
  type: argon2.argon2id,
  memoryCost: ARGON2_PARAMS.memoryCost,
  timeCost: ARGON2_PARAMS.timeCost,
  parallelism: ARGON2_PARAMS.parallelism,
  hashLength: ARGON2_PARAMS.hashLength,
};

/**
 * NFKC, as NIST SP 800-63B asks of Unicode passwords: "é" typed as one code point or as "e" and
 * a combining accent (macOS and Windows differ) is the same password. Changing this form would
 * lock everyone out.
 */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

/** A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalize(password), hashOptions);
}

/** Whether `password` matches `hash`; false, never an exception, for a malformed or foreign hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (typeof hash !== 'string' || typeof password !== 'string') return false;
  try {
    return await argon2.verify(hash, normalize(password));
  } catch {
    return false;
  }
}

/** Whether `hash` was made with other parameters (or is not argon2id) and should be replaced. */
export function needsRehash(hash: string): boolean {
  if (typeof hash !== 'string' || !hash.startsWith('$argon2id$')) return true;
  try {
    return argon2.needsRehash(hash, hashOptions);
  } catch {
    return true;
  }
}

function phcBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64').replace(/=+$/, '');
}

/**
 * A well-formed hash with the current parameters, random salt and random output, made per
 * process: verifying against it costs exactly what a real verification costs, and no password
 * matches it. Nothing is hashed to build it, so importing this module stays free.
 */
export const DUMMY_HASH =
  `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}` +
  `$${phcBase64(16)}$${phcBase64(ARGON2_PARAMS.hashLength)}`;

/**
 * For a sign-in with an unknown e-mail (or an account without a password): spends the time of a
 * real verification and answers false, so response times do not tell which accounts exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, typeof password === 'string' ? password : '');
  return false;
}

/**
 * Whether `password` matches one of `previousHashes` (the caller passes the last
 * `passwordHistory` of them). One at a time: a password change is rare, and parallel hashes would
 * hold every libuv thread.
 */
export async function isInHistory(password: string, previousHashes: readonly string[]): Promise<boolean> {
  for (const hash of previousHashes) {
    if (await verifyPassword(hash, password)) return true;
  }
  return false;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a password set at `changedAt` must be changed at `now`. `passwordExpiryDays` 0 disables
 * expiry. An unknown `changedAt` (null) counts as expired while expiry is on: a password of
 * unknown age is not trusted to be young.
 */
export function passwordExpired(
  changedAt: Date | null,
  settings: Pick<AuthSettings, 'passwordExpiryDays'>,
  now: Date,
): boolean {
  if (settings.passwordExpiryDays <= 0) return false;
  if (changedAt === null || Number.isNaN(changedAt.getTime())) return true;
  return now.getTime() - changedAt.getTime() >= settings.passwordExpiryDays * DAY_MS;
}
