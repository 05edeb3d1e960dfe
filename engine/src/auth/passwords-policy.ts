import type { AuthSettings } from '../config.ts';
import type { ErrorDetail } from '../errors.ts';
import { isCommonPassword } from './common-passwords.ts';

export type PasswordLengthSettings = Pick<AuthSettings, 'passwordMinLength' | 'passwordMaxLength'>;

/** Who the password belongs to, so it cannot be built from their own e-mail or name. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

export type PasswordPolicyCode =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_invalid_characters'
  | 'password_common'
  | 'password_contains_identity';

/** Shorter pieces of an e-mail or a name ("al", "li") occur in too many good passwords to refuse. */
const MIN_IDENTITY_LENGTH = 4;

/**
 * The rules a new password must meet, as error details on `password` (empty when it is
 * acceptable). Lengths count Unicode code points, so "é" or "😀" is one character. Never throws.
 */
export function checkPasswordPolicy(
  password: string,
  settings: PasswordLengthSettings,
  context: PasswordContext = {},
): ErrorDetail[] {
  const text = typeof password === 'string' ? password : '';
  const details: ErrorDetail[] = [];
  const add = (code: PasswordPolicyCode, message: string) => details.push({ path: 'password', code, message });

  const length = codePointLength(text);
  const { passwordMinLength: min, passwordMaxLength: max } = settings;
  if (length < min) add('password_too_short', `The password must be at least ${min} characters long.`);
  if (length > max) add('password_too_long', `The password must be at most ${max} characters long.`);
  // A lone surrogate is not text: UTF-8 encodes every one of them as U+FFFD, so they would collide.
  if (/\p{Cs}/u.test(text)) {
    add('password_invalid_characters', 'The password contains characters that are not valid text.');
  }

  // Past the maximum the password is refused anyway; skipping the rest bounds the work a
  // megabyte-long "password" can cause.
  if (length > max) return details;
  const folded = foldForComparison(text);
  if (isCommonPassword(folded)) {
    add('password_common', 'This password is one of the most common ones and is easy to guess. Choose another.');
  }
  if (identityPieces(context).some((piece) => folded.includes(piece))) {
    add('password_contains_identity', 'The password must not contain your e-mail address or your name.');
  }
  return details;
}

/** Code points, not UTF-16 units: "😀" is one. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Compatibility-decomposed, without accents, lower case: "Pässwörd" and "password" compare equal. */
export function foldForComparison(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The e-mail's local part and the name, whole and in pieces ("jean.dupont" gives "jean.dupont",
 * "jean" and "dupont"; "Hélène Martin" gives "helene martin", "helenemartin", "helene", "martin"),
 * folded, keeping those of at least MIN_IDENTITY_LENGTH characters.
 */
function identityPieces({ email, name }: PasswordContext): string[] {
  const pieces: string[] = [];
  if (typeof email === 'string') {
    const at = email.lastIndexOf('@');
    const local = foldForComparison(at > 0 ? email.slice(0, at) : email).trim();
    pieces.push(local, ...local.split(/[._+\-\s]+/u));
  }
  if (typeof name === 'string') {
    const folded = foldForComparison(name).trim().replace(/\s+/gu, ' ');
    const words = folded.split(/[\s\-'’.]+/u);
    pieces.push(folded, words.join(''), ...words);
  }
  return [...new Set(pieces)].filter((p) => codePointLength(p) >= MIN_IDENTITY_LENGTH);
}
