import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPSFLUX_SIGNATURE_HEADER, signWebhook, verifyBodySignature, verifyWebhook } from './webhook-signature.ts';

const SECRET = 'whsec_test_5f1c2a';
const BODY = '{"event":"record.created","id":"9b2d"}';
const T = 1_767_225_600; // 2026-01-01T00:00:00Z
const at = (seconds: number) => ({ now: new Date(seconds * 1000) });

describe('signWebhook', () => {
  it('writes t and the hex HMAC-SHA256 of "<t>.<body>", as a receiver recomputes it', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
    expect(OPSFLUX_SIGNATURE_HEADER).toBe('x-opsflux-signature');
  });

  it('signs the same bytes whether the body is a string or a Buffer', () => {
    const text = '{"name":"Zoë ☃"}';
    expect(signWebhook(SECRET, Buffer.from(text), T)).toBe(signWebhook(SECRET, text, T));
  });

  it('writes one v1 per secret while a secret is being rotated', () => {
    const header = signWebhook(['old-secret', 'new-secret'], BODY, T);
    expect(header.split(',')).toHaveLength(3);
    expect(verifyWebhook('old-secret', BODY, header, at(T))).toEqual({ ok: true });
    expect(verifyWebhook('new-secret', BODY, header, at(T))).toEqual({ ok: true });
    expect(verifyWebhook('other', BODY, header, at(T))).toEqual({ ok: false, code: 'signature_mismatch' });
  });
});

describe('verifyWebhook', () => {
  const header = signWebhook(SECRET, BODY, T);

  it('accepts its own signature within the tolerance, either side of now', () => {
    expect(verifyWebhook(SECRET, BODY, header, at(T))).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, BODY, header, at(T + 300))).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, BODY, header, at(T - 300))).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, Buffer.from(BODY), header, at(T))).toEqual({ ok: true });
  });

  it('calls an authentic but old (or future) signature expired', () => {
    expect(verifyWebhook(SECRET, BODY, header, at(T + 301))).toEqual({ ok: false, code: 'signature_expired' });
    expect(verifyWebhook(SECRET, BODY, header, at(T - 301))).toEqual({ ok: false, code: 'signature_expired' });
    expect(verifyWebhook(SECRET, BODY, header, { ...at(T + 3600), toleranceSeconds: 3600 })).toEqual({ ok: true });
  });

  it('says mismatch, not expired, for a forged signature whatever its time', () => {
    expect(verifyWebhook('wrong', BODY, header, at(T + 10_000))).toEqual({ ok: false, code: 'signature_mismatch' });
  });

  it('refuses a changed body, a changed time and another secret', () => {
    const mismatch = { ok: false, code: 'signature_mismatch' };
    expect(verifyWebhook(SECRET, `${BODY} `, header, at(T))).toEqual(mismatch);
    expect(verifyWebhook(SECRET, BODY, header.replace(`t=${T}`, `t=${T + 1}`), at(T))).toEqual(mismatch);
    expect(verifyWebhook(`${SECRET}x`, BODY, header, at(T))).toEqual(mismatch);
  });

  it('accepts entries in any order, with spaces, and ignores unknown schemes', () => {
    const v1 = header.split(',')[1];
    expect(verifyWebhook(SECRET, BODY, `v0=abc, ${v1} , t=${T}`, at(T))).toEqual({ ok: true });
  });

  it.each([undefined, '', '   '])('says the signature is missing for %j', (value) => {
    expect(verifyWebhook(SECRET, BODY, value, at(T))).toEqual({ ok: false, code: 'signature_missing' });
  });

  it.each([
    ['no time', 'v1=' + 'a'.repeat(64)],
    ['no v1', `t=${T}`],
    ['two times', `t=${T},t=${T},v1=${'a'.repeat(64)}`],
    ['a time that is not a number', `t=soon,v1=${'a'.repeat(64)}`],
    ['a short v1', `t=${T},v1=abcd`],
    ['a v1 that is not hex', `t=${T},v1=${'z'.repeat(64)}`],
    ['a GitHub-style header', `sha256=${'a'.repeat(64)}`],
  ])('says the header is malformed with %s', (_what, value) => {
    expect(verifyWebhook(SECRET, BODY, value, at(T))).toEqual({ ok: false, code: 'signature_malformed' });
  });

  it('answers every header with a result, never an exception', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, body) => {
        const result = verifyWebhook(SECRET, body, value, at(T));
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('accepts exactly the bodies it signed', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        const signed = signWebhook(SECRET, Buffer.from(a), T);
        const same = Buffer.from(a).equals(Buffer.from(b));
        expect(verifyWebhook(SECRET, Buffer.from(b), signed, at(T)).ok).toBe(same);
      }),
    );
  });
});

describe('verifyBodySignature (sha256=<hex>, GitHub style)', () => {
  const header = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;

  it('accepts the HMAC of the body and refuses any other', () => {
    expect(verifyBodySignature(SECRET, BODY, header)).toEqual({ ok: true });
    expect(verifyBodySignature(SECRET, Buffer.from(BODY), header.toUpperCase().replace('SHA256', 'sha256'))).toEqual({
      ok: true,
    });
    expect(verifyBodySignature(SECRET, `${BODY}\n`, header)).toEqual({ ok: false, code: 'signature_mismatch' });
    expect(verifyBodySignature('other', BODY, header)).toEqual({ ok: false, code: 'signature_mismatch' });
  });

  it('tells a missing header from a malformed one', () => {
    expect(verifyBodySignature(SECRET, BODY, undefined)).toEqual({ ok: false, code: 'signature_missing' });
    expect(verifyBodySignature(SECRET, BODY, 'sha1=abc')).toEqual({ ok: false, code: 'signature_malformed' });
    expect(verifyBodySignature(SECRET, BODY, 'sha256=xyz')).toEqual({ ok: false, code: 'signature_malformed' });
    expect(verifyBodySignature(SECRET, BODY, signWebhook(SECRET, BODY, T))).toEqual({
      ok: false,
      code: 'signature_malformed',
    });
  });
});
