import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `signWebhook`'s value on requests the engine sends. */
export const OPSFLUX_SIGNATURE_HEADER = 'x-opsflux-signature';

export type SignatureFailure = 'signature_missing' | 'signature_malformed' | 'signature_mismatch' | 'signature_expired';
export type SignatureCheck = { ok: true } | { ok: false; code: SignatureFailure };

export interface VerifyOptions {
  /** How far the signed time may be from `now`, either way. */
  toleranceSeconds?: number;
  now?: Date;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The time is signed with the body so a
 * captured request cannot be replayed outside the receiver's tolerance. While a secret is being
 * rotated, pass the old and the new: one `v1` per secret, and a receiver holding either accepts.
 */
export function signWebhook(
  secrets: string | readonly string[],
  body: string | Buffer,
  timestampSeconds: number,
): string {
  const t = Math.floor(timestampSeconds);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return [`t=${t}`, ...list.map((secret) => `v1=${hmac(secret, t, body).toString('hex')}`)].join(',');
}

/** Checks a `signWebhook` header: the HMAC first, so "expired" is only said of authentic requests. */
export function verifyWebhook(
  secret: string,
  body: string | Buffer,
  header: string | undefined,
  { toleranceSeconds = 300, now = new Date() }: VerifyOptions = {},
): SignatureCheck {
  if (!header?.trim()) return fail('signature_missing');
  const parsed = parseHeader(header);
  if (!parsed) return fail('signature_malformed');
  const expected = hmac(secret, parsed.t, body);
  if (!parsed.v1.some((candidate) => sameBytes(candidate, expected))) return fail('signature_mismatch');
  const age = Math.abs(Math.floor(now.getTime() / 1000) - parsed.t);
  return age > toleranceSeconds ? fail('signature_expired') : { ok: true };
}

/**
 * Checks a `sha256=<hex HMAC-SHA256 of the body>` header, as GitHub and many others send. It signs
 * no time, so a captured request can be replayed: prefer `verifyWebhook` where the sender allows.
 */
export function verifyBodySignature(secret: string, body: string | Buffer, header: string | undefined): SignatureCheck {
  if (!header?.trim()) return fail('signature_missing');
  const hex = /^sha256=(.*)$/.exec(header.trim())?.[1];
  if (hex === undefined || !HEX_SHA256.test(hex)) return fail('signature_malformed');
  const expected = createHmac('sha256', secret).update(body).digest();
  return sameBytes(hex, expected) ? { ok: true } : fail('signature_mismatch');
}

function hmac(secret: string, t: number, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest();
}

/** `t` and the `v1` values; unknown keys are skipped so a later scheme (`v2=`) can ride along. */
function parseHeader(header: string): { t: number; v1: string[] } | undefined {
  const pairs = header.split(',').map((part) => part.trim().split('='));
  const times = pairs.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const v1 = pairs.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const [time] = times;
  if (times.length !== 1 || !time || !/^\d{1,12}$/.test(time)) return undefined;
  if (v1.length === 0 || !v1.every((value) => HEX_SHA256.test(value))) return undefined;
  return { t: Number(time), v1 };
}

function sameBytes(hex: string, expected: Buffer): boolean {
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const fail = (code: SignatureFailure): SignatureCheck => ({ ok: false, code });
