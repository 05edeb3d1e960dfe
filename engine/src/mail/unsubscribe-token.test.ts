import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskTokens } from '../logger.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const key = randomBytes(32);

describe('unsubscribe tokens', () => {
  it('verify for the mail they were signed for, with the key that signed them', () => {
    const id = randomUUID();
    const token = signUnsubscribeToken(id, key);
    expect(token).toMatch(/^ofu_[0-9a-f]{32}[A-Za-z0-9_-]{43}$/);
    // Logs mask it whole, as they mask the engine's other tokens.
    expect(maskTokens(`GET /api/v1/mail/unsubscribe?token=${token} 200`)).toBe(
      'GET /api/v1/mail/unsubscribe?token=ofu_[redacted] 200',
    );
    expect(verifyUnsubscribeToken(token, key)).toBe(id);
    expect(verifyUnsubscribeToken(token, randomBytes(32))).toBeUndefined();
  });

  it('refuse a token with any character changed', () => {
    const token = signUnsubscribeToken(randomUUID(), key);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'0123456789abcdefABCDEF_-.x'), (at, c) => {
        fc.pre(token[at] !== c);
        const tampered = `${token.slice(0, at)}${c}${token.slice(at + 1)}`;
        expect(verifyUnsubscribeToken(tampered, key)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('never throw, whatever they are given', () => {
    // Well-formed but unsigned tokens reach the HMAC comparison; the others stop at the pattern.
    const near = fc
      .tuple(
        fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.stringMatching(/^[0-9a-f]{0,40}$/)),
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.stringMatching(/^[A-Za-z0-9_-]{0,50}$/)),
      )
      .map(([hex, sig]) => `ofu_${hex}${sig}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), near, fc.anything()), (input) => {
        expect(verifyUnsubscribeToken(input, key)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
