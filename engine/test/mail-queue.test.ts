import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../src/jobs/outbox.ts';
import { MAIL_TOPIC, queueMail, type QueueMailInput } from '../src/mail/mail-queue.ts';
import { createTestEngine, REPO, type TestEngine } from './harness.ts';
import { startSmtpServer, type ReceivedMail, type SmtpServerKit } from './smtp-kit.ts';

// The mail queue against real PostgreSQL and a real SMTP server on loopback: mails are rendered
// when queued, exist only if their transaction commits, leave through the outbox, wait while the
// server is away and are sent once however often their job runs.

const MAILTPL = path.join(REPO, 'engine/test/bundles/mailtpl');
const EVIL = '<script>alert("x")</script>';
const ENV = { SECRET_KEY: 'mail-queue-test-secret-key-0123456789', PUBLIC_URL: 'https://ops.example.test' };

let smtp: SmtpServerKit;
let smtpPort: number;
let t: TestEngine;

const queue = (mail: QueueMailInput, db = t.engine.db) =>
  queueMail(db, t.engine.clock.now(), t.engine.registry.current, mail);
const mailRow = (id: string) => t.engine.db('sys_mail').where({ id }).first();
const received = (to: string) => smtp.messages.filter((m) => m.to.includes(to));

const approval = (to: QueueMailInput['to'], extra: Partial<QueueMailInput> = {}): QueueMailInput => ({
  to,
  template: 'mailtpl.approval',
  data: {
    name: 'Ada',
    request: { title: 'Crane hire', requester: 'Bola', due: '2026-03-20T12:00:00Z', amount: 1250.5, currency: 'USD' },
    link: 'https://ops.example.test/requests/42',
  },
  ...extra,
});

beforeAll(async () => {
  smtp = await startSmtpServer();
  smtpPort = Number(new URL(smtp.url).port);
  t = await createTestEngine([MAILTPL], { ...ENV, SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(async () => {
  t.engine.clock.set(new Date());
  smtp.clear();
  await t.engine.db('sys_mail').delete();
  await t.engine.db('sys_mail_optouts').delete();
  await t.engine.db('sys_outbox').delete();
});

describe('queueing', () => {
  it('renders in the recipient language, English when the template lacks it', async () => {
    const fr = await t.userWithToken({ email: 'zoe@example.test', locale: 'fr' });
    const pt = await t.userWithToken({ email: 'joao@example.test', locale: 'pt' });
    const ids = [
      await queue(approval({ userId: fr.id })),
      await queue(approval({ userId: pt.id })),
      await queue(approval('guest@example.test', { lang: 'fr' })),
      await queue(approval('nobody-special@example.test')),
    ];
    const rows = await Promise.all(ids.map(mailRow));
    expect(rows.map((r) => [r.to_address, r.lang, r.subject])).toEqual([
      ['zoe@example.test', 'fr', 'Approbation requise : Crane hire'],
      ['joao@example.test', 'en', 'Approval needed: Crane hire'],
      ['guest@example.test', 'fr', 'Approbation requise : Crane hire'],
      ['nobody-special@example.test', 'en', 'Approval needed: Crane hire'],
    ]);
    expect(rows[0]).toMatchObject({
      user_id: fr.id,
      template: 'mailtpl.approval',
      category: 'workflow',
      status: 'pending',
    });
    expect(rows[0].text).toContain('Montant : 1\u202f250,50 USD');
    expect(rows[1].text).toContain('Amount: 1,250.50 USD');
  });

  it('exists only if the transaction that queued it commits', async () => {
    await t.engine.db
      .transaction(async (trx) => {
        await queue(approval('rolled-back@example.test'), trx);
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    const kept = await t.engine.db.transaction((trx) => queue(approval('committed@example.test'), trx));
    expect(await t.engine.db('sys_mail').pluck('to_address')).toEqual(['committed@example.test']);
    expect(await t.engine.db('sys_outbox').select('topic', 'payload')).toEqual([
      { topic: MAIL_TOPIC, payload: { mailId: kept } },
    ]);
  });

  it('refuses a bad recipient, template or data before writing anything', async () => {
    const attempts: [QueueMailInput, number, string, string][] = [
      [approval('not an address'), 422, 'mail_recipient_invalid', 'to'],
      [approval('a@b.test, c@d.test'), 422, 'mail_recipient_invalid', 'to'],
      [approval({ userId: '00000000-0000-4000-8000-000000000000' }), 422, 'mail_recipient_unknown', 'to.userId'],
      [approval('a@b.test', { template: 'mailtpl.missing' }), 422, 'mail_template_unknown', 'template'],
      [approval('a@b.test', { data: { name: 'Ada' } }), 422, 'mail_render_failed', 'data'],
      [
        approval('a@b.test', { data: { ...approval('').data, link: 'javascript:alert(1)' } }),
        422,
        'mail_render_failed',
        'data',
      ],
    ];
    for (const [mail, status, code, at] of attempts) {
      const err = await queue(mail).catch((e: unknown) => e);
      expect(err).toMatchObject({ status, code, details: [{ path: at, code }] });
    }
    expect(await t.engine.db('sys_mail').count('* as n').first()).toEqual({ n: 0 });
    expect(await t.engine.db('sys_outbox').count('* as n').first()).toEqual({ n: 0 });
  });

  it('refuses attachments over 10 MB in total, and sends those under it', async () => {
    const big = (n: number) => ({
      filename: `part${n}.bin`,
      contentType: 'application/octet-stream',
      content: Buffer.alloc(6 * 1024 * 1024, n),
    });
    const err = await queue(approval('a@b.test', { attachments: [big(1), big(2)] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 413, code: 'attachment_too_large' });
    expect(await t.engine.db('sys_mail').count('* as n').first()).toEqual({ n: 0 });

    const csv = Buffer.from('id;title\n1;Crane hire\n');
    const id = await queue(
      approval('files@example.test', {
        attachments: [{ filename: 'requests.csv', contentType: 'text/csv', content: csv }],
      }),
    );
    expect((await mailRow(id)).attachments).toEqual([
      { filename: 'requests.csv', contentType: 'text/csv', size: csv.length },
    ]);
    await t.engine.jobs.drain();
    const got = await smtp.waitFor('files@example.test');
    expect(got.raw).toMatch(/Content-Type: text\/csv; name=requests\.csv/);
    expect(got.raw).toContain(csv.toString('base64').trim());
  });
});

describe('sending', () => {
  it('sends through SMTP with a stable Message-ID and escapes data only in the HTML part', async () => {
    const id = await queue(approval('ada@example.test', { data: { ...approval('').data, name: EVIL } }));
    expect(await t.engine.jobs.drain()).toBe(1);
    const got = await smtp.waitFor('ada@example.test');
    const row = await mailRow(id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      message_id: `<${id}@opsflux.local>`,
      delivered_to: 'ada@example.test',
      last_error: null,
    });
    expect(row.sent_at).not.toBeNull();
    expect(got.headers['message-id']).toBe(`<${id}@opsflux.local>`);
    expect(got.headers['x-opsflux-mail']).toBe(id);
    expect(got.headers['x-opsflux-template']).toBe('mailtpl.approval');
    // An approval is transactional: no way to unsubscribe from it.
    expect(got.headers['list-unsubscribe']).toBeUndefined();
    expect(got.subject).toBe('Approval needed: Crane hire');
    expect(got.text).toContain(`Hello ${EVIL},`);
    expect(got.text).toContain('Review the request: https://ops.example.test/requests/42');
    expect(got.html).not.toContain('<script');
    expect(got.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    // What the log holds is what was sent.
    expect(got.text.trim()).toBe(row.text.trim());
  });

  it('waits while the mail server is down and leaves, once, when it is back', async () => {
    await smtp.close();
    const id = await queue(approval('patient@example.test'));
    await t.engine.jobs.drain();
    let row = await mailRow(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/could not be reached/);
    const job = await t.engine.db('sys_outbox').where({ id: row.job_id }).first();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });

    smtp = await startSmtpServer({ port: smtpPort });
    // Not due yet: the retry waits for its backoff (JOB_BACKOFF_SECONDS, 30 s by default).
    expect(await t.engine.jobs.drain()).toBe(0);
    t.engine.clock.advance(31_000);
    expect(await t.engine.jobs.drain()).toBe(1);
    row = await mailRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    await smtp.waitFor('patient@example.test');
    t.engine.clock.advance(3_600_000);
    await t.engine.jobs.drain();
    expect(received('patient@example.test')).toHaveLength(1);
  });

  it('gives up on a mail the server refuses, at once', async () => {
    await smtp.close();
    smtp = await startSmtpServer({ port: smtpPort, rejectRecipient: (a) => a.startsWith('gone@') });
    const id = await queue(approval('gone@example.test'));
    await t.engine.jobs.drain();
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/refused the message to gone@example.test: 550/);
    expect(await t.engine.db('sys_outbox').where({ id: row.job_id }).first()).toMatchObject({
      status: 'dead',
      attempts: 1,
    });
    await smtp.close();
    smtp = await startSmtpServer({ port: smtpPort });
  });

  it('sends a mail once when its job is delivered twice', async () => {
    const id = await queue(approval('once@example.test'));
    await t.engine.jobs.drain();
    // The worker died after sending but before the job was marked done: it is delivered again...
    const { job_id: jobId } = await mailRow(id);
    await t.engine.db('sys_outbox').where({ id: jobId }).update({ status: 'pending', finished_at: null });
    // ...and another job names the same mail.
    await enqueue(t.engine.db, t.engine.clock.now(), [{ topic: MAIL_TOPIC, payload: { mailId: id } }]);
    expect(await t.engine.jobs.drain()).toBe(2);
    await smtp.waitFor('once@example.test');
    expect(received('once@example.test')).toHaveLength(1);
    expect(await mailRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('test mode', () => {
  let staging: TestEngine;
  beforeAll(async () => {
    staging = await createTestEngine([MAILTPL], { ...ENV, SMTP_URL: smtp.url, MAIL_TEST_RECIPIENT: 'qa@example.test' });
  });
  afterAll(() => staging?.close());

  it('sends every mail to MAIL_TEST_RECIPIENT, naming the real recipient', async () => {
    const user = await staging.userWithToken({ email: 'field.engineer@example.test' });
    const id = await queueMail(
      staging.engine.db,
      staging.engine.clock.now(),
      staging.engine.registry.current,
      approval({ userId: user.id }),
    );
    await staging.engine.jobs.drain();
    const got: ReceivedMail = await smtp.waitFor('qa@example.test');
    expect(got.headers['x-opsflux-original-to']).toBe('field.engineer@example.test');
    expect(received('field.engineer@example.test')).toEqual([]);
    expect(await staging.engine.db('sys_mail').where({ id }).first()).toMatchObject({
      status: 'sent',
      to_address: 'field.engineer@example.test',
      delivered_to: 'qa@example.test',
    });
  });
});
