import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Tokens are 32 random bytes, shown once and stored as their SHA-256: with that much entropy a
 * fast hash is enough, and a lookup by hash is one index probe. The prefix says what a token
 * is, so a leaked one is recognisable (secret scanners) and misrouted ones fail fast.
 */
export const TOKEN_PREFIX = {
  access: 'ofa_',
  refresh: 'ofr_',
  apiKey: 'ofk_',
  challenge: 'ofc_',
  device: 'ofd_',
  link: 'ofl_',
  csrf: '',
} as const;

export function newToken(kind: keyof typeof TOKEN_PREFIX): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Backup codes: 10 characters a person can type from paper, grouped `xxxxx-xxxxx`. */
export function newBackupCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function normalizeBackupCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Encrypts small secrets (TOTP seeds) at rest with AES-256-GCM under a key derived from
 * SECRET_KEY. Without a key (development) values are stored marked `plain:`, so enabling a key
 * later still reads them.
 */
export class SecretBox {
  readonly #key: Buffer | undefined;

  constructor(secretKey: string | undefined) {
    this.#key = secretKey ? scryptSync(secretKey, 'opsflux-secret-box', 32) : undefined;
  }

  seal(plain: string): string {
    if (!this.#key) return `plain:${plain}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `gcm:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    if (sealed.startsWith('plain:')) return sealed.slice(6);
    if (!this.#key) throw new Error('A secret was sealed with SECRET_KEY, which is not configured');
    const raw = Buffer.from(sealed.slice(4), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
