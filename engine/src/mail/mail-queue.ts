import { randomUUID } from 'node:crypto';
import { LANGUAGES, type Language } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { OpsError } from '../errors.ts';
import { enqueue } from '../jobs/outbox.ts';
import type { Registry } from '../registry/registry-types.ts';
import { mailSettingsOf } from './mail-settings.ts';
import { optedOutAt } from './mail-optouts.ts';
import { renderRaw, renderTemplate, type MailContent, type RawMail } from './render-mail.ts';
import { signUnsubscribeToken } from './unsubscribe-token.ts';

export const MAIL_TOPIC = 'mail.send';
/** The first try and three retries. */
export const MAIL_MAX_ATTEMPTS = 4;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Category of raw mails that name none. */
export const DEFAULT_CATEGORY = 'system';
export const UNSUBSCRIBE_PATH = '/api/v1/mail/unsubscribe';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface QueueMailInput {
  /** An address, or a user: their address, language and time zone are read from their account. */
  to: string | { userId: string };
  /** A bundle template (`<bundle>.<name>`), or a mail the caller wrote (used as given). */
  template: string | RawMail;
  /** The template's variables. */
  data?: object;
  /** Language for an address that is not a user's; a user's own language wins. English by default. */
  lang?: Language;
  /** Overrides the template's category; raw mails default to `system`. */
  category?: string;
  /**
   * Raw mails only (templates say it themselves): false gives the mail an unsubscribe link and
   * lets the recipient's opt-outs stop it. Default true.
   */
  transactional?: boolean;
  attachments?: MailAttachment[];
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY = /^[a-z][a-z0-9_-]{0,39}$/;

const refuse = (status: number, code: string, path: string, message: string) =>
  new OpsError(status, code, message, [{ path, code, message }]);

interface Recipient {
  address: string;
  userId: string | null;
  lang: Language;
  timeZone: string;
}

async function recipientOf(db: Knex | Knex.Transaction, mail: QueueMailInput): Promise<Recipient> {
  const fallback = mail.lang && LANGUAGES.includes(mail.lang) ? mail.lang : 'en';
  if (typeof mail.to === 'string') {
    const address = mail.to.trim();
    if (address.length > 320 || !ADDRESS.test(address)) {
      throw refuse(422, 'mail_recipient_invalid', 'to', `"${mail.to}" is not an e-mail address`);
    }
    return { address, userId: null, lang: fallback, timeZone: 'UTC' };
  }
  const { userId } = mail.to;
  const user = UUID.test(userId)
    ? ((await db('sys_users').where({ id: userId }).first('id', 'email', 'locale', 'time_zone')) as
        { id: string; email: string; locale: string | null; time_zone: string | null } | undefined)
    : undefined;
  if (!user) throw refuse(422, 'mail_recipient_unknown', 'to.userId', `No user "${userId}" to send the mail to`);
  const own = user.locale?.slice(0, 2).toLowerCase() as Language | undefined;
  return {
    address: user.email,
    userId: user.id,
    lang: own && LANGUAGES.includes(own) ? own : fallback,
    timeZone: user.time_zone || 'UTC',
  };
}

function checkAttachments(attachments: MailAttachment[]): void {
  let total = 0;
  attachments.forEach((a, i) => {
    if (!a.filename || /[\r\n/\\]/.test(a.filename) || a.filename.length > 255) {
      throw refuse(422, 'attachment_invalid', `attachments/${i}/filename`, `"${a.filename}" is not a file name`);
    }
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType)) {
      throw refuse(422, 'attachment_invalid', `attachments/${i}/contentType`, `"${a.contentType}" is not a media type`);
    }
    total += a.content.length;
  });
  if (total > MAX_ATTACHMENT_BYTES) {
    throw refuse(
      413,
      'attachment_too_large',
      'attachments',
      `The attachments weigh ${(total / 1048576).toFixed(1)} MB together; a mail carries at most ${MAX_ATTACHMENT_BYTES / 1048576} MB`,
    );
  }
}

/**
 * Queues an e-mail: renders it now, in the recipient's language (so the log holds exactly what is
 * sent), writes it to `sys_mail` and plans its sending in the same transaction as `db`. A mail
 * queued in a transaction that rolls back does not exist. Returns the mail's id.
 *
 * Throws an OpsError before writing anything when the recipient, template or attachments are
 * wrong, or the template cannot render with `data` (a missing variable).
 */
export async function queueMail(
  db: Knex | Knex.Transaction,
  now: Date,
  registry: Registry,
  mail: QueueMailInput,
): Promise<string> {
  const settings = mailSettingsOf(db);
  const attachments = mail.attachments ?? [];
  checkAttachments(attachments);
  const template = typeof mail.template === 'string' ? registry.templates.get(mail.template) : undefined;
  if (typeof mail.template === 'string' && !template) {
    throw refuse(422, 'mail_template_unknown', 'template', `No bundle defines the mail template "${mail.template}"`);
  }
  const category = mail.category ?? template?.def.category ?? DEFAULT_CATEGORY;
  if (!CATEGORY.test(category)) {
    throw refuse(422, 'mail_category_invalid', 'category', `"${category}" is not a category (a-z, 0-9, _ and -)`);
  }
  const transactional = template ? template.def.transactional : mail.transactional !== false;
  const to = await recipientOf(db, mail);
  const id = randomUUID();

  const unsubscribeUrl = transactional
    ? undefined
    : `${settings.publicUrl}${UNSUBSCRIBE_PATH}?token=${signUnsubscribeToken(id, await settings.linkKey(db))}`;
  const ctx = {
    lang: to.lang,
    timeZone: to.timeZone,
    ...(unsubscribeUrl && { unsubscribe: { url: unsubscribeUrl, category } }),
  };
  let content: MailContent;
  try {
    content = template ? renderTemplate(template, mail.data ?? {}, ctx) : renderRaw(mail.template as RawMail, ctx);
  } catch (e) {
    throw refuse(422, 'mail_render_failed', 'data', (e as Error).message);
  }
  const headers: Record<string, string> = {
    'X-OpsFlux-Mail': id,
    ...(template && { 'X-OpsFlux-Template': template.key }),
    ...(unsubscribeUrl && {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    }),
  };

  const optedOut = transactional ? undefined : await optedOutAt(db, to, category);
  const row = {
    id,
    to_address: to.address,
    user_id: to.userId,
    template: template?.key ?? null,
    category,
    transactional,
    lang: content.lang,
    subject: content.subject,
    text: content.text,
    html: content.html,
    headers: JSON.stringify(headers),
    attachments: JSON.stringify(
      attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length })),
    ),
    status: (optedOut ? 'suppressed' : 'pending') satisfies MailStatus,
    note: optedOut ? suppressedNote(category, optedOut) : null,
    created_at: now,
  };
  await db.transaction(async (trx) => {
    await trx('sys_mail').insert(row);
    if (attachments.length) {
      await trx('sys_mail_attachments').insert(
        attachments.map((a, position) => ({
          mail_id: id,
          position,
          filename: a.filename,
          content_type: a.contentType,
          content: a.content,
        })),
      );
    }
    if (!optedOut) await planSending(trx, now, id);
  });
  return id;
}

export function suppressedNote(category: string, since: Date): string {
  return `Not sent: the recipient unsubscribed from "${category}" e-mails on ${since.toISOString()}`;
}

/** Writes the `mail.send` job of mail `id` and keeps its id on the mail. */
export async function planSending(trx: Knex.Transaction, now: Date, id: string): Promise<void> {
  const key = `mail:${id}`;
  await enqueue(trx, now, [{ topic: MAIL_TOPIC, payload: { mailId: id }, key, maxAttempts: MAIL_MAX_ATTEMPTS }]);
  const job = (await trx('sys_outbox').where({ dedupe_key: key }).first('id')) as { id: string | number };
  await trx('sys_mail').where({ id }).update({ job_id: job.id });
}
