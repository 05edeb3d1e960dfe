import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { badRequest, conflict, notFound, type ErrorDetail } from '../errors.ts';
import { requireAdmin } from '../identity/admin-routes.ts';
import { planSending, type MailStatus } from './mail-queue.ts';

const STATUSES: MailStatus[] = ['pending', 'sending', 'sent', 'failed', 'suppressed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Columns of the list: everything but the bodies. */
const SUMMARY = [
  'id',
  'to_address',
  'delivered_to',
  'user_id',
  'template',
  'category',
  'transactional',
  'lang',
  'subject',
  'status',
  'attempts',
  'last_error',
  'note',
  'message_id',
  'job_id',
  'resent_from',
  'attachments',
  'created_at',
  'sent_at',
];

interface MailRow {
  id: string;
  to_address: string;
  delivered_to: string | null;
  user_id: string | null;
  template: string | null;
  category: string;
  transactional: boolean;
  lang: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  note: string | null;
  message_id: string | null;
  job_id: string | number | null;
  resent_from: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
  created_at: Date | string;
  sent_at: Date | string | null;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function mailView(r: MailRow) {
  return {
    id: r.id,
    to: r.to_address,
    deliveredTo: r.delivered_to,
    userId: r.user_id,
    template: r.template,
    category: r.category,
    transactional: r.transactional,
    lang: r.lang,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    note: r.note,
    messageId: r.message_id,
    jobId: r.job_id === null ? null : String(r.job_id),
    resentFrom: r.resent_from,
    attachments: r.attachments,
    createdAt: iso(r.created_at),
    sentAt: iso(r.sent_at),
    ...(r.text !== undefined && { text: r.text, html: r.html, headers: r.headers }),
  };
}

const LIST_PARAMS = ['status', 'to', 'category', 'template', 'since', 'before', 'limit'] as const;

/** Reads the list's query, refusing what it cannot use with the name of the parameter. */
function listQuery(req: Request) {
  const problems: ErrorDetail[] = [];
  const q: Partial<Record<(typeof LIST_PARAMS)[number], string>> = {};
  for (const name of LIST_PARAMS) {
    const v = req.query[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') problems.push({ path: name, code: 'type', message: `"${name}" must be given once` });
    else q[name] = v;
  }
  if (q.status !== undefined && !STATUSES.includes(q.status as MailStatus)) {
    problems.push({ path: 'status', code: 'enum', message: `"status" must be one of ${STATUSES.join(', ')}` });
  }
  const since = q.since === undefined ? undefined : new Date(q.since);
  if (since && (Number.isNaN(since.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(q.since!))) {
    problems.push({ path: 'since', code: 'format', message: '"since" must be a date or date-time (ISO 8601)' });
  }
  if (q.before !== undefined && !UUID.test(q.before)) {
    problems.push({ path: 'before', code: 'format', message: '"before" must be the id of a mail' });
  }
  const limit = q.limit === undefined ? 50 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    problems.push({ path: 'limit', code: 'range', message: '"limit" must be a whole number from 1 to 500' });
  }
  if (q.to !== undefined && q.to.length > 320) {
    problems.push({ path: 'to', code: 'maxLength', message: '"to" is at most 320 characters' });
  }
  if (problems.length) throw badRequest('query_invalid', problems.map((p) => p.message).join('; '), problems);
  return { ...q, since, limit };
}

/** The mail log for administrators: what was sent to whom, why something was not, and resend. */
export function mailRoutes(): Router {
  const r = Router();
  r.use('/api/v1/admin/mail', (_req, res, next) => {
    requireAdmin(res);
    next();
  });

  r.get('/api/v1/admin/mail', async (req, res) => {
    const q = listQuery(req);
    const query = res.locals
      .db('sys_mail')
      .select(SUMMARY)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(q.limit);
    if (q.status) query.where({ status: q.status });
    if (q.category) query.where({ category: q.category });
    if (q.template) query.where({ template: q.template });
    if (q.to) {
      const to = q.to;
      query.where((w) =>
        w.whereRaw('lower(to_address) = lower(?)', [to]).orWhereRaw('lower(delivered_to) = lower(?)', [to]),
      );
    }
    if (q.since) query.where('created_at', '>=', q.since);
    if (q.before) {
      query.whereRaw('(created_at, id) < (select created_at, id from sys_mail where id = ?)', [q.before]);
    }
    const rows = (await query) as MailRow[];
    res.json({
      data: rows.map(mailView),
      next: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    });
  });

  r.get('/api/v1/admin/mail/:id', async (req, res) => {
    res.json(mailView(await find(res.locals.db, String(req.params.id))));
  });

  /** Sends a mail again as it was: a new mail with the same content, its own job and log line. */
  r.post('/api/v1/admin/mail/:id/resend', async (req, res) => {
    const p = res.locals.principal!;
    const now = res.locals.now();
    const copy = await res.locals.db.transaction(async (trx) => {
      const original = await find(trx, String(req.params.id));
      if (original.status === 'pending' || original.status === 'sending') {
        throw conflict('mail_not_settled', `Mail ${original.id} is ${original.status}: wait until it is sent or fails`);
      }
      const id = randomUUID();
      await trx('sys_mail').insert({
        id,
        to_address: original.to_address,
        user_id: original.user_id,
        template: original.template,
        category: original.category,
        transactional: original.transactional,
        lang: original.lang,
        subject: original.subject,
        text: original.text,
        html: original.html,
        headers: JSON.stringify({ ...original.headers, 'X-OpsFlux-Mail': id }),
        attachments: JSON.stringify(original.attachments),
        status: 'pending',
        resent_from: original.id,
        created_at: now,
      });
      await trx.raw(
        `insert into sys_mail_attachments (mail_id, position, filename, content_type, content)
         select ?, position, filename, content_type, content from sys_mail_attachments where mail_id = ?`,
        [id, original.id],
      );
      await planSending(trx, now, id);
      await appendAudit(
        trx,
        { id: p.userId, name: p.name, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
        now,
        [
          {
            action: 'mail.resend',
            entity: 'sys.mail',
            recordId: id,
            changes: { resentFrom: original.id },
            reason: `resend of mail ${original.id} (${original.status})`,
          },
        ],
      );
      return find(trx, id);
    });
    res.status(201).json(mailView(copy));
  });

  return r;
}

async function find(db: Knex | Knex.Transaction, id: string): Promise<MailRow> {
  const row = UUID.test(id) ? ((await db('sys_mail').where({ id }).first()) as MailRow | undefined) : undefined;
  if (!row) throw notFound(`No mail "${id}"`);
  return row;
}
