import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A message as the test SMTP server received it. */
export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header values by lower-case name; a repeated header keeps its first value. */
  headers: Record<string, string>;
  /** The message exactly as it came over the wire. */
  raw: string;
}

export interface SmtpServerKit {
  /** `smtp://127.0.0.1:<port>`: plain SMTP, no TLS, no authentication. */
  url: string;
  /** Every message received since start (or the last `clear()`), oldest first. */
  messages: ReceivedMail[];
  /** The first message, received or still to come, matching `predicate` or sent to the address `to`. */
  waitFor(match: ((mail: ReceivedMail) => boolean) | string, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Recipients the server refuses with `550`, as a real server refuses an unknown mailbox. */
  rejectRecipient?: (address: string) => boolean;
  /** Listen on this port (to bring a stopped server back where clients expect it); random by default. */
  port?: number;
}

/** A real SMTP server on loopback for tests; it parses what it receives with postal-mime. */
export async function startSmtpServer(opts: SmtpServerOptions = {}): Promise<SmtpServerKit> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<{ test: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }>();

  const received = (mail: ReceivedMail) => {
    messages.push(mail);
    for (const w of waiters) {
      if (w.test(mail)) {
        waiters.delete(w);
        w.resolve(mail);
      }
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A client that kept its connection open must not hold `close()` for the default 30 s.
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      if (opts.rejectRecipient?.(address.address)) {
        const err = Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw)
          .then((email) => {
            received({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((a: SMTPServerAddress) => a.address),
              subject: email.subject ?? '',
              text: email.text ?? '',
              html: email.html ?? '',
              headers: Object.fromEntries(email.headers.toReversed().map((h) => [h.key, h.value])),
              raw,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 5000) {
      const test = typeof match === 'string' ? (m: ReceivedMail) => m.to.includes(match) : match;
      const already = messages.find(test);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = {
          test,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const what = typeof match === 'string' ? `to ${match}` : 'matching the predicate';
          reject(new Error(`No mail ${what} within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
