import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARGON2_PARAMS,
  checkPasswordPolicy,
  codePointLength,
  DUMMY_HASH,
  hashPassword,
  isInHistory,
  needsRehash,
  passwordExpired,
  verifyAgainstNothing,
  verifyPassword,
} from './passwords.ts';

const settings = { passwordMinLength: 12, passwordMaxLength: 128 };
const codes = (password: string, context?: { email?: string; name?: string }) =>
  checkPasswordPolicy(password, settings, context).map((d) => d.code);

const PASSPHRASE = 'Le vieux phare éclaire la côte où dansent les mouettes à l’aube.';

describe('hashing', () => {
  it('hashes with argon2id and the published parameters, and verifies the password', async () => {
    const hash = await hashPassword(PASSPHRASE);
    const { memoryCost: m, timeCost: t, parallelism: p } = ARGON2_PARAMS;
    expect(hash).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$(?=.*m=${m}\\b)(?=.*t=${t}\\b)(?=.*p=${p}\\b)`));
    expect(await verifyPassword(hash, PASSPHRASE)).toBe(true);
    expect(await verifyPassword(hash, PASSPHRASE.slice(0, -1))).toBe(false);
    expect(await verifyPassword(hash, PASSPHRASE.toUpperCase())).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const composed = 'Hélène à la côte';
    const hash = await hashPassword(composed);
    expect(await verifyPassword(hash, composed.normalize('NFD'))).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a hash'],
    ['a bcrypt hash', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['a truncated argon2 hash', '$argon2id$v=19$m=19456,t=3,p=1$c29tZXNhbHQ'],
    ['non-numeric parameters', '$argon2id$v=19$m=abc,t=3,p=1$c29tZXNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA'],
    ['an unknown algorithm', '$scrypt$ln=15,r=8,p=1$c29tZXNhbHQ$aGFzaA'],
  ])('answers false, without throwing, for %s', async (_label, hash) => {
    expect(await verifyPassword(hash, 'whatever password')).toBe(false);
  });

  it('asks for a new hash when the parameters or the algorithm differ', async () => {
    expect(needsRehash(await hashPassword('current parameters'))).toBe(false);
    const weaker = await argon2.hash('old parameters', { type: argon2.argon2id, memoryCost: 9216, timeCost: 4 });
    expect(needsRehash(weaker)).toBe(true);
    const argon2i = await argon2.hash('other algorithm', {
      type: argon2.argon2i,
      memoryCost: ARGON2_PARAMS.memoryCost,
      timeCost: ARGON2_PARAMS.timeCost,
      parallelism: ARGON2_PARAMS.parallelism,
    });
    expect(needsRehash(argon2i)).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
  });

  it('verifies against nothing at the cost of a real verification', async () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(await verifyPassword(DUMMY_HASH, '')).toBe(false);
    const hash = await hashPassword(PASSPHRASE);
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const real = Math.min(await time(() => verifyPassword(hash, 'wrong')), await time(() => verifyPassword(hash, 'x')));
    const dummy = Math.min(
      await time(() => verifyAgainstNothing('wrong')),
      await time(() => verifyAgainstNothing('x')),
    );
    expect(await verifyAgainstNothing(PASSPHRASE)).toBe(false);
    // Loose on purpose (machines are noisy): it catches a dummy hash that is rejected without hashing.
    expect(dummy).toBeGreaterThan(real * 0.3);
  });
});

describe('history', () => {
  it('finds the password among previous hashes, and nothing in an empty history', async () => {
    const previous = await Promise.all(['first old password', 'second old password'].map(hashPassword));
    expect(await isInHistory('second old password', previous)).toBe(true);
    expect(await isInHistory('a brand new password', previous)).toBe(false);
    expect(await isInHistory('first old password', [])).toBe(false);
    expect(await isInHistory('first old password', ['garbage', previous[0]!])).toBe(true);
  });
});

describe('expiry', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('never expires when expiry is 0', () => {
    expect(passwordExpired(daysAgo(10_000), { passwordExpiryDays: 0 }, now)).toBe(false);
    expect(passwordExpired(null, { passwordExpiryDays: 0 }, now)).toBe(false);
  });

  it('expires once the number of days has passed', () => {
    expect(passwordExpired(daysAgo(89), { passwordExpiryDays: 90 }, now)).toBe(false);
    expect(passwordExpired(daysAgo(90), { passwordExpiryDays: 90 }, now)).toBe(true);
    expect(passwordExpired(daysAgo(400), { passwordExpiryDays: 90 }, now)).toBe(true);
  });

  it('treats an unknown change date as expired while expiry is on', () => {
    expect(passwordExpired(null, { passwordExpiryDays: 90 }, now)).toBe(true);
  });
});

describe('policy', () => {
  it('refuses 11 characters and accepts 12', () => {
    expect(codes('Tq8#pLz2!mW')).toEqual(['password_too_short']);
    expect(codes('Tq8#pLz2!mWx')).toEqual([]);
  });

  it('refuses 129 characters and accepts 128', () => {
    const long = 'Tq8#pLz2!mWx '.repeat(10);
    expect(codes(long.slice(0, 129))).toEqual(['password_too_long']);
    expect(codes(long.slice(0, 128))).toEqual([]);
  });

  it('names the limits in its messages', () => {
    const [short] = checkPasswordPolicy('short', settings);
    expect(short).toEqual({ path: 'password', code: 'password_too_short', message: expect.stringContaining('12') });
    const [long] = checkPasswordPolicy('x'.repeat(200), settings);
    expect(long?.message).toContain('128');
  });

  it('accepts a 64-character passphrase with accents and spaces, composed or not', () => {
    expect(codePointLength(PASSPHRASE)).toBe(64);
    expect(codes(PASSPHRASE)).toEqual([]);
    expect(codes(PASSPHRASE.normalize('NFD'))).toEqual([]);
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(11);
    expect(emoji.length).toBe(22);
    expect(codes(emoji)).toEqual(['password_too_short']);
  });

  it.each(['password1234', 'password123456!', 'Password2024!!', 'PÄSSWÖRD-2024', '!!qwerty123456', 'qwertyuiop123'])(
    'refuses %s as common',
    (password) => {
      expect(codes(password)).toContain('password_common');
    },
  );

  it('accepts passphrases that merely contain common words', () => {
    expect(codes('correct horse battery staple')).toEqual([]);
    expect(codes('iloveyou forever and a day')).toEqual([]);
    expect(codes('password manager is my friend')).toEqual([]);
  });

  it('refuses the e-mail local part and the name, whatever the case or accents', () => {
    const who = { email: 'jean.dupont@example.com', name: 'Hélène Martin' };
    expect(codes('jean.dupont-2024!', who)).toEqual(['password_contains_identity']);
    expect(codes('My name is DUPONT, welcome', who)).toEqual(['password_contains_identity']);
    expect(codes('HELENE sails the Gulf today', who)).toEqual(['password_contains_identity']);
    expect(codes('helenemartin says hello', who)).toEqual(['password_contains_identity']);
    expect(codes('a quiet offshore morning', who)).toEqual([]);
  });

  it('ignores identity pieces shorter than 4 characters', () => {
    expect(codes('al and bo sail the gulf', { email: 'al@example.com', name: 'Bo' })).toEqual([]);
  });

  it('refuses lone surrogates', () => {
    expect(codes('a valid start \uD800 end')).toEqual(['password_invalid_characters']);
  });

  it('reports every broken rule at once', () => {
    expect(codes('password', { email: 'password@example.com' })).toEqual([
      'password_too_short',
      'password_common',
      'password_contains_identity',
    ]);
  });
});

describe('policy properties', () => {
  /** One code point: any of them, lone surrogates included, and a few troublemakers. */
  const codePoint = fc.oneof(
    fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom('\0', '😀', 'é', '\u0301', '\uFDFA', ' ', '\t', '\n'),
  );
  /** Also sequences: an emoji family joined by ZWJ, a decomposed accent. */
  const anyUnit = fc.oneof(codePoint, fc.constantFrom('👩‍👩‍👧', 'e\u0301', '🇫🇷'));
  const anyString = fc.string({ unit: anyUnit, maxLength: 300 });
  const lengths = fc
    .integer({ min: 8, max: 128 })
    .chain((min) =>
      fc.record({ passwordMinLength: fc.constant(min), passwordMaxLength: fc.integer({ min, max: 1024 }) }),
    );

  it('refuses anything shorter than the minimum as too short', () => {
    fc.assert(
      fc.property(
        lengths.chain((s) =>
          fc.tuple(fc.constant(s), fc.string({ unit: codePoint, maxLength: s.passwordMinLength - 1 })),
        ),
        ([s, password]) => {
          expect(codePointLength(password)).toBeLessThan(s.passwordMinLength);
          expect(checkPasswordPolicy(password, s).map((d) => d.code)).toContain('password_too_short');
        },
      ),
    );
  });

  it('never refuses words within the limits for their length', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿñößåøæ'];
    const word = fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 12 });
    const phrase = lengths.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.integer({ min: s.passwordMinLength, max: s.passwordMaxLength }),
        fc.array(word, { minLength: 1, maxLength: 20 }),
      ),
    );
    fc.assert(
      fc.property(phrase, ([s, length, words]) => {
        let text = words.join(' ');
        while (codePointLength(text) < length) text += ` ${text}`;
        const password = Array.from(text).slice(0, length).join('');
        expect(codePointLength(password)).toBe(length);
        const found = checkPasswordPolicy(password, s).map((d) => d.code);
        expect(found).not.toContain('password_too_short');
        expect(found).not.toContain('password_too_long');
      }),
    );
  });

  it('never throws, and only reports known rules on `password`', () => {
    const known = [
      'password_too_short',
      'password_too_long',
      'password_invalid_characters',
      'password_common',
      'password_contains_identity',
    ];
    fc.assert(
      fc.property(
        anyString,
        lengths,
        fc.record({ email: anyString, name: anyString }, { requiredKeys: [] }),
        (password, s, context) => {
          for (const detail of checkPasswordPolicy(password, s, context)) {
            expect(detail.path).toBe('password');
            expect(known).toContain(detail.code);
            expect(detail.message.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('refuses every listed password with digits or punctuation around it', () => {
    // Entries made only of digits or punctuation ("123456") are refused as they are, not padded.
    const listed = dictionary['passwords-common'].filter((word) => /\p{L}/u.test(word));
    const filler = fc.string({ unit: fc.constantFrom(...'0123456789!?.#$*@-_ '), maxLength: 10 });
    fc.assert(
      fc.property(fc.constantFrom(...listed), filler, filler, (word, before, after) => {
        expect(codes(before + word + after)).toContain('password_common');
      }),
    );
  });
});
