import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LANGUAGES, type Language } from '@opsflux/definitions';
import Handlebars from 'handlebars';
import { pino } from 'pino';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, type AuthMailKind, type AuthMailVars } from '../src/mail/auth-mails.ts';
import { createMailer, MailError, MEMORY_MAIL_LIMIT } from '../src/mail/mailer.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { startSmtpServer, type SmtpServerKit } from './smtp-kit.ts';

const FROM = 'OpsFlux <no-reply@opsflux.test>';
const EVIL = '<script>alert("x")</script>';
const silent = createLogger('silent');

/** A reset link as authentication will build it: the token is the secret that must never be logged. */
function secretLink() {
  const token = randomBytes(24).toString('hex');
  return { token, link: `https://ops.example.test/reset-password?token=${token}&lang=fr` };
}

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const decodeEntities = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

const at = new Date('2026-03-01T14:05:00Z');
function sampleVars(link: string): AuthMailVars {
  return {
    passwordReset: { name: EVIL, link, expiresInMinutes: 30 },
    invitation: { inviterName: EVIL, companyName: 'Acme & Sons', link, expiresAt: at },
    accountLocked: { name: EVIL, until: at },
    newSignIn: { name: EVIL, ip: '203.0.113.7', userAgent: 'Firefox/140 <b>', at },
    passwordChanged: { name: EVIL, at },
  };
}
const KINDS = Object.keys(sampleVars('https://x.test')) as AuthMailKind[];

describe('mail through a real SMTP server', () => {
  let smtp: SmtpServerKit;
  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a.startsWith('nobody@') });
  });
  afterAll(() => smtp.close());

  it('delivers a rendered e-mail that reads back intact', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: 'memory://' }, silent);
    const { link } = secretLink();
    const mail = render('passwordReset', 'en', { name: EVIL, link, expiresInMinutes: 30 });
    const sent = await mailer.send({ to: 'ada@example.test', ...mail, headers: { 'X-OpsFlux-Mail': 'passwordReset' } });
    await mailer.close();

    const got = await smtp.waitFor('ada@example.test');
    expect(got.from).toBe('no-reply@opsflux.test');
    expect(got.to).toEqual(['ada@example.test']);
    expect(got.subject).toBe('Reset your OpsFlux password');
    expect(got.headers['message-id']).toBe(sent.messageId);
    expect(got.headers['x-opsflux-mail']).toBe('passwordReset');
    expect(got.text).toContain(link);
    expect(got.text).toContain(`Hello ${EVIL},`);
    expect(got.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(got.html).not.toContain('<script');
    expect(decodeEntities(got.html)).toContain(`href="${link}"`);
    // Nothing kept in memory when SMTP is configured.
    expect(mailer.inMemory()).toEqual([]);
  });

  it('sends several messages over the pooled connection', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: 'memory://' }, silent);
    const to = Array.from({ length: 5 }, (_, i) => `user${i}@example.test`);
    await Promise.all(to.map((t) => mailer.send({ to: t, subject: `For ${t}`, text: 'Hello' })));
    await mailer.close();
    for (const t of to) expect((await smtp.waitFor(t)).subject).toBe(`For ${t}`);
  });

  it('a recipient the server refuses gives a MailError naming it', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: 'memory://' }, silent);
    const err = await mailer.send({ to: 'nobody@example.test', subject: 'x', text: 'x' }).catch((e: unknown) => e);
    await mailer.close();
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ code: 'EENVELOPE', retryable: false });
    expect((err as MailError).message).toMatch(
      /^The mail server 127\.0\.0\.1:\d+ refused the message to nobody@example\.test: 550/,
    );
  });

  it('an unreachable server gives a clear error, without the credentials of SMTP_URL', async () => {
    const port = await freePort();
    const mailer = createMailer(
      { smtpUrl: `smtp://mailuser:s3cret-pass@127.0.0.1:${port}`, mailFrom: FROM, dataDir: 'memory://' },
      silent,
    );
    const started = Date.now();
    const err = await mailer.send({ to: 'ada@example.test', subject: 'x', text: 'x' }).catch((e: unknown) => e);
    await mailer.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ name: 'MailError', retryable: true });
    const message = (err as MailError).message;
    expect(message).toMatch(new RegExp(`^The mail server 127\\.0\\.0\\.1:${port} could not be reached`));
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret');
  });
});

describe('mail without SMTP_URL', () => {
  it('writes an .eml file under <dataDir>/mail and logs where, to whom and what — never the body', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'opsflux-mail-'));
    try {
      const { log, lines } = capturingLogger();
      const mailer = createMailer({ smtpUrl: undefined, mailFrom: FROM, dataDir }, log);
      const { token, link } = secretLink();
      const mail = render('passwordReset', 'fr', { name: 'Awa', link, expiresInMinutes: 30 });
      const { messageId } = await mailer.send({ to: 'awa@example.test', ...mail });
      await mailer.close();

      const files = await readdir(path.join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      const file = path.join(dataDir, 'mail', files[0]!);
      expect(file).toMatch(/\.eml$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const parsed = await PostalMime.parse(await readFile(file));
      expect(parsed.subject).toBe(mail.subject);
      expect(parsed.messageId).toBe(messageId);
      expect(parsed.text).toContain(link);
      expect(parsed.html?.trimEnd()).toBe(mail.html.trimEnd());

      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: 30, file, to: 'awa@example.test', subject: mail.subject });
      for (const secret of [token, 'reset-password', 'Bonjour Awa', 'expire dans']) {
        expect(lines[0]).not.toContain(secret);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps the last 100 messages in memory when dataDir is memory://, logging no body', async () => {
    const { log, lines } = capturingLogger();
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: FROM, dataDir: 'memory://' }, log);
    const { token, link } = secretLink();
    for (let i = 0; i < MEMORY_MAIL_LIMIT + 5; i++) {
      await mailer.send({ to: `u${i}@example.test`, subject: `Message ${i}`, text: `Open ${link}` });
    }
    const kept = mailer.inMemory();
    expect(kept).toHaveLength(MEMORY_MAIL_LIMIT);
    expect(kept[0]).toMatchObject({ to: 'u5@example.test', subject: 'Message 5', from: FROM });
    expect(kept.at(-1)).toMatchObject({ to: `u${MEMORY_MAIL_LIMIT + 4}@example.test`, text: `Open ${link}` });
    expect((await PostalMime.parse(kept[0]!.raw)).text).toContain(link);

    expect(lines).toHaveLength(MEMORY_MAIL_LIMIT + 5);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, to: 'u0@example.test', subject: 'Message 0' });
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain('Open ');
  });
});

describe('authentication e-mails', () => {
  const { link } = secretLink();
  const vars = sampleVars(link);
  const english = Object.fromEntries(KINDS.map((k) => [k, render(k, 'en', vars[k] as never)]));

  for (const kind of KINDS) {
    for (const lang of LANGUAGES) {
      it(`${kind} renders in ${lang} with every variable filled and escaped`, () => {
        const mail = render(kind, lang, vars[kind] as never);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toMatch(/\{\{|\}\}/);
          expect(part.trim()).not.toBe('');
        }
        expect(mail.subject).not.toContain('\n');
        expect(mail.html).toContain(`<html lang="${lang}">`);
        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain('<b>');
        if (lang !== 'en') {
          expect(mail.subject).not.toBe(english[kind]!.subject);
          expect(mail.text).not.toBe(english[kind]!.text);
        }
        for (const value of Object.values(vars[kind])) {
          if (value instanceof Date) {
            expect(mail.text).toMatch(/2026/);
            expect(mail.text).toContain('14:05 UTC');
          } else if (typeof value === 'string') {
            expect(mail.text).toContain(value);
            expect(mail.html).toContain(Handlebars.escapeExpression(value));
          } else {
            expect(mail.text).toContain(String(value));
          }
        }
      });
    }
  }

  it('writes dates in the language of the mail', () => {
    const months: Record<Language, string> = { en: 'March', fr: 'mars', es: 'marzo', pt: 'março' };
    for (const lang of LANGUAGES) {
      expect(render('passwordChanged', lang, { name: 'A', at }).text).toContain(months[lang]);
    }
    expect(render('passwordChanged', 'en', { name: 'A', at }, { timeZone: 'Africa/Lagos' }).text).toContain(
      '1 March 2026 at 15:05 GMT+1',
    );
  });

  it('falls back to English for a language it does not know', () => {
    const mail = render('accountLocked', 'de' as Language, { name: 'A', until: at });
    expect(mail.subject).toBe(render('accountLocked', 'en', { name: 'A', until: at }).subject);
  });

  it('refuses a missing variable, a missing date and a link that is not a web address', () => {
    expect(() => render('passwordReset', 'en', { link, expiresInMinutes: 5 } as never)).toThrow(
      /Mail "passwordReset" \(en\): "name" not defined/,
    );
    expect(() => render('accountLocked', 'fr', { name: 'A' } as never)).toThrow(/a date variable is missing/);
    expect(() =>
      render('passwordReset', 'en', { name: 'A', link: 'javascript:alert(1)', expiresInMinutes: 5 }),
    ).toThrow(/http\(s\) address/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
