import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import { PermanentJobError, type JobContext, type JobHandler } from '../jobs/job-runner.ts';
import { MailError, type Mailer } from './mailer.ts';
import { MAIL_TOPIC, suppressedNote } from './mail-queue.ts';
import { optedOutAt } from './mail-optouts.ts';
import { bindMailSettings, mailSettings, type MailSettings } from './mail-settings.ts';

interface MailRow {
  id: string;
  to_address: string;
  user_id: string | null;
  category: string;
  transactional: boolean;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  status: string;
  attempts: number;
}

/** A mail in one of these states is never sent (again) by a job. */
const SETTLED = new Set(['sent', 'failed', 'suppressed']);

/**
 * Sends queued mail `mailId`. It waits on the mail server, so it runs outside a transaction and
 * is idempotent by itself: a mail already sent is not sent again when its job is delivered twice,
 * and every try carries the same Message-ID (`<mail id@domain>`), so that a copy sent by a worker
 * that died before recording it is recognisable downstream.
 */
export async function sendQueuedMail(
  mailer: Mailer,
  settings: MailSettings,
  payload: { mailId: string },
  ctx: JobContext,
): Promise<void> {
  const { db, log, now } = ctx;
  const mail = (await db('sys_mail').where({ id: payload.mailId }).first()) as MailRow | undefined;
  if (!mail) throw new PermanentJobError(`Mail ${payload.mailId} no longer exists`);
  const mailLog = log.child({ mail: mail.id, to: mail.to_address, category: mail.category });
  if (SETTLED.has(mail.status)) {
    mailLog.info({ status: mail.status }, 'mail already settled: not sent again');
    return;
  }
  if (!mail.transactional) {
    const since = await optedOutAt(db, { userId: mail.user_id, address: mail.to_address }, mail.category);
    if (since) {
      await db('sys_mail')
        .where({ id: mail.id })
        .update({ status: 'suppressed', note: suppressedNote(mail.category, since) });
      mailLog.info('mail suppressed: the recipient unsubscribed from its category');
      return;
    }
  }
  const claimed = await db('sys_mail')
    .where({ id: mail.id })
    .whereIn('status', ['pending', 'sending'])
    .update({ status: 'sending', attempts: db.raw('attempts + 1') });
  if (!claimed) return;

  const attachments = (await db('sys_mail_attachments')
    .where({ mail_id: mail.id })
    .orderBy('position')
    .select('filename', 'content_type', 'content')) as { filename: string; content_type: string; content: Buffer }[];
  const deliveredTo = settings.testRecipient ?? mail.to_address;
  try {
    const { messageId } = await mailer.send({
      to: deliveredTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: {
        ...mail.headers,
        ...(settings.testRecipient && { 'X-OpsFlux-Original-To': mail.to_address }),
      },
      messageId: `<${mail.id}@${settings.messageIdDomain}>`,
      // PGlite hands bytea back as a Uint8Array: nodemailer wants a Buffer.
      attachments: attachments.map((a) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: Buffer.from(a.content),
      })),
    });
    await db('sys_mail')
      .where({ id: mail.id })
      .update({ status: 'sent', message_id: messageId, sent_at: now, delivered_to: deliveredTo, last_error: null });
    mailLog.info({ deliveredTo, messageId }, 'queued mail sent');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const retryable = !(err instanceof MailError) || err.retryable;
    const last = !retryable || ctx.job.attempt >= ctx.job.maxAttempts;
    await db('sys_mail')
      .where({ id: mail.id })
      .update({ status: last ? 'failed' : 'pending', last_error: message.slice(0, 4000), delivered_to: deliveredTo });
    mailLog.warn(
      { err: message, attempt: ctx.job.attempt, retryable },
      last ? 'mail failed' : 'mail not sent: will retry',
    );
    if (!retryable) throw new PermanentJobError(message);
    throw err;
  }
}

/** Registers the `mail.send` handler and gives `queueMail` the settings for this engine's database. */
export function registerMailJobs(
  jobs: { register(topic: string, handler: JobHandler): void },
  mailer: Mailer,
  db: Knex,
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'mailTestRecipient' | 'secretKey'>,
): MailSettings {
  const settings = mailSettings(config);
  bindMailSettings(db, settings);
  jobs.register(MAIL_TOPIC, {
    transactional: false,
    handle: (payload: { mailId: string }, ctx) => sendQueuedMail(mailer, settings, payload, ctx),
  });
  return settings;
}
