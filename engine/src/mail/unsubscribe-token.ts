import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * An unsubscribe link names the mail it came in and is signed: `ofu_<mail id><HMAC-SHA256>`
 * (32 hex digits, then 43 base64url characters: one word, which the logger masks whole).
 * The mail says who the recipient is and which category to stop, so the link carries no address
 * and nothing is stored to check it. It does not expire: an old newsletter's link must still work.
 */

const TOKEN = /^ofu_([0-9a-f]{32})([A-Za-z0-9_-]{43})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(hex: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(`opsflux:unsubscribe:v1:${hex}`).digest();
}

export function signUnsubscribeToken(mailId: string, key: Buffer): string {
  const id = mailId.toLowerCase();
  if (!UUID.test(id)) throw new Error(`"${mailId}" is not a mail id`);
  const hex = id.replace(/-/g, '');
  return `ofu_${hex}${mac(hex, key).toString('base64url')}`;
}

/** The mail id a token was signed for, or undefined for anything else. Never throws. */
export function verifyUnsubscribeToken(token: unknown, key: Buffer): string | undefined {
  if (typeof token !== 'string' || token.length > 100) return undefined;
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const [, hex, sig] = m as unknown as [string, string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(hex, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  // Base64url has several spellings of the same bytes (the last character's low bits): only ours passes.
  if (given.toString('base64url') !== sig) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
