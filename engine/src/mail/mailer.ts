import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** `<id@domain>`; nodemailer makes one up when absent. A queued mail keeps the same one on every try. */
  messageId?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** A message kept by a `memory://` mailer. */
export interface StoredMail extends MailMessage {
  messageId: string;
  from: string;
  at: Date;
  /** The message as it would have gone over the wire (RFC 5322). */
  raw: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  /** The last messages kept when `dataDir` is `memory://`, oldest first; always empty otherwise. */
  inMemory(): readonly StoredMail[];
  close(): Promise<void>;
}

/** How many messages a `memory://` mailer keeps. */
export const MEMORY_MAIL_LIMIT = 100;

/**
 * A message the mail server did not take. Deliberately not an OpsError: whether a failed mail
 * fails a request, is retried by a worker or is only logged is the caller's decision.
 */
export class MailError extends Error {
  constructor(
    message: string,
    /** Nodemailer's code: `ECONNECTION`, `ETIMEDOUT`, `EAUTH`, `EENVELOPE`, `EMESSAGE`, ... */
    readonly code: string,
    /** True when sending the same message later may work (network trouble, 4xx replies). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}

type MailerConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>;

/**
 * SMTP when `smtpUrl` is set; otherwise each message becomes an .eml file under `<dataDir>/mail/`,
 * or stays in memory when `dataDir` is `memory://`. Logs name the recipient and subject, never
 * the body: bodies carry secret links.
 */
export function createMailer(config: MailerConfig, log: Logger): Mailer {
  const mailLog = log.child({ component: 'mail' });
  if (config.smtpUrl) return smtpMailer(config.smtpUrl, config.mailFrom, mailLog);
  if (config.dataDir === 'memory://') return memoryMailer(config.mailFrom, mailLog);
  return fileMailer(path.join(config.dataDir, 'mail'), config.mailFrom, mailLog);
}

function options(from: string, msg: MailMessage): SendMailOptions {
  return {
    from,
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    ...(msg.html === undefined ? {} : { html: msg.html }),
    ...(msg.headers ? { headers: msg.headers } : {}),
    ...(msg.messageId ? { messageId: msg.messageId } : {}),
    ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
    // Messages are built from our own strings only: never let one pull in a local file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function smtpMailer(smtpUrl: string, from: string, log: Logger): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    // Fail in seconds rather than nodemailer's two minutes; a query string in SMTP_URL overrides these.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  // An 'error' event with no listener would end the process; failures of a send reach its caller.
  transport.on('error', (err: NodemailerError) =>
    log.warn({ code: err.code, reason: err.message }, 'mail transport error'),
  );
  // Only host and port are ever shown: the URL may hold credentials.
  const server = (() => {
    const u = new URL(smtpUrl);
    return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  })();
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail(options(from, msg));
        log.info({ to: msg.to, subject: msg.subject, messageId: info.messageId }, 'mail sent');
        return { messageId: info.messageId };
      } catch (e) {
        throw smtpError(e as NodemailerError, server, msg.to);
      }
    },
    inMemory: () => [],
    async close() {
      transport.close();
    },
  };
}

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);

function smtpError(err: NodemailerError, server: string, to: string): MailError {
  const code = err.code ?? 'EMESSAGE';
  const reply = err.response ? `: ${err.response}` : err.message ? `: ${err.message}` : '';
  if (UNREACHABLE.has(code)) {
    return new MailError(`The mail server ${server} could not be reached${reply}`, code, true, { cause: err });
  }
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return new MailError(`The mail server ${server} refused the credentials of SMTP_URL${reply}`, code, false, {
      cause: err,
    });
  }
  const retryable = err.permanent === undefined ? true : !err.permanent;
  return new MailError(`The mail server ${server} refused the message to ${to}${reply}`, code, retryable, {
    cause: err,
  });
}

/** Builds the message with nodemailer without sending it, so kept copies are byte-for-byte real. */
function composer(from: string) {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (msg: MailMessage) => {
    const info = await transport.sendMail(options(from, msg));
    return { messageId: info.messageId, raw: info.message as Buffer };
  };
}

function fileMailer(dir: string, from: string, log: Logger): Mailer {
  const compose = composer(from);
  let ready: Promise<unknown> | undefined;
  return {
    async send(msg) {
      const { messageId, raw } = await compose(msg);
      // Owner-only: the files hold working links until they expire.
      ready ??= mkdir(dir, { recursive: true, mode: 0o700 });
      await ready;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, raw, { mode: 0o600, flag: 'wx' });
      log.info({ file, to: msg.to, subject: msg.subject, messageId }, 'mail written to file (no SMTP_URL)');
      return { messageId };
    },
    inMemory: () => [],
    async close() {},
  };
}

function memoryMailer(from: string, log: Logger): Mailer {
  const compose = composer(from);
  const kept: StoredMail[] = [];
  return {
    async send(msg) {
      const { messageId, raw } = await compose(msg);
      kept.push({ ...msg, from, messageId, at: new Date(), raw: raw.toString('utf8') });
      if (kept.length > MEMORY_MAIL_LIMIT) kept.splice(0, kept.length - MEMORY_MAIL_LIMIT);
      log.info({ to: msg.to, subject: msg.subject, messageId }, 'mail kept in memory (no SMTP_URL)');
      return { messageId };
    },
    inMemory: () => [...kept],
    async close() {},
  };
}
