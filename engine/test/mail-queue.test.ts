import path from 'node:path';
import request from 'supertest';
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

  it('fails a mail when the server stays away past the last retry', async () => {
    await smtp.close();
    const id = await queue(approval('never@example.test'));
    for (let i = 0; i < 4; i++) {
      await t.engine.jobs.drain();
      t.engine.clock.advance(10 * 60_000);
    }
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 4 });
    expect(row.last_error).toMatch(/could not be reached/);
    expect(await t.engine.db('sys_outbox').where({ id: row.job_id }).first()).toMatchObject({
      status: 'dead',
      attempts: 4,
    });
    smtp = await startSmtpServer({ port: smtpPort });
    t.engine.clock.advance(3_600_000);
    expect(await t.engine.jobs.drain()).toBe(0);
    expect(received('never@example.test')).toEqual([]);
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

describe('unsubscribe', () => {
  const digest = (to: QueueMailInput['to']): QueueMailInput => ({
    to,
    template: 'mailtpl.digest',
    data: {
      name: 'Ada',
      count: 2,
      items: [
        { title: `Permit ${EVIL}`, since: '2026-03-01T08:00:00Z' },
        { title: 'MOC 7', since: '2026-03-02T08:00:00Z' },
      ],
    },
  });
  const linkOf = (mail: ReceivedMail) => {
    const m = /^<(https:\/\/ops\.example\.test(\/api\/v1\/mail\/unsubscribe\?token=(ofu_[^>]+)))>$/.exec(
      mail.headers['list-unsubscribe'] ?? '',
    );
    expect(m).not.toBeNull();
    return { url: m![1]!, pathAndQuery: m![2]!, token: m![3]! };
  };

  it('lets a reader stop one category, and only mails they may stop', async () => {
    const reader = await t.userWithToken({ email: 'reader@example.test', locale: 'fr' });
    await queue(digest({ userId: reader.id }));
    await t.engine.jobs.drain();
    const first = await smtp.waitFor('reader@example.test');
    expect(first.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const { url, pathAndQuery, token } = linkOf(first);
    expect(first.text).toContain(`Se désabonner: ${url}`);
    expect(first.html).toContain('Se désabonner</a>');
    // The list in the digest, escaped in HTML.
    expect(first.html).toMatch(
      /<li[^>]*>Permit &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \(depuis le 1 mars 2026 à 08:00 UTC\)<\/li>/,
    );

    // A tampered or foreign token is refused, in the page or as an API error.
    const tampered = pathAndQuery.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const page = await request(t.rawApp).get(tampered).set('accept', 'text/html').expect(400);
    expect(page.text).toContain('This unsubscribe link is not valid');
    const api = await request(t.rawApp).post(tampered).expect(400);
    expect(api.body.error.code).toBe('unsubscribe_link_invalid');
    await request(t.rawApp).post('/api/v1/mail/unsubscribe?token=nonsense').expect(400);
    await request(t.rawApp).post('/api/v1/mail/unsubscribe').expect(400);

    // Opening the link only asks; a mail scanner following it changes nothing.
    const ask = await request(t.rawApp).get(pathAndQuery).set('accept', 'text/html').expect(200);
    expect(ask.headers['referrer-policy']).toBe('no-referrer');
    expect(ask.text).toContain('Ne plus envoyer les messages « digest » à r***@example.test ?');
    expect(ask.text).not.toContain('reader@example.test');
    expect(await t.engine.db('sys_mail_optouts').count('* as n').first()).toEqual({ n: 0 });

    // One-click (RFC 8058), as a mail client sends it; a signed-in browser's cookies play no part.
    await request(t.rawApp)
      .post(pathAndQuery)
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('cookie', 'opsflux_access=ofa_not-a-session')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    const again = await request(t.rawApp).post(pathAndQuery).set('accept', 'text/html').expect(200);
    expect(again.text).toContain('OpsFlux n’enverra plus de messages « digest » à r***@example.test.');
    expect(await t.engine.db('sys_mail_optouts').select('user_id', 'address', 'category')).toEqual([
      { user_id: reader.id, address: 'reader@example.test', category: 'digest' },
    ]);
    expect(await t.engine.db('sys_audit').where({ action: 'mail.unsubscribe' }).count('* as n').first()).toEqual({
      n: 1,
    });
    expect(token).toMatch(/^ofu_/);

    // Later digests are kept in the log, not sent; so are those to the address itself.
    const suppressed = await queue(digest({ userId: reader.id }));
    const byAddress = await queue(digest('READER@example.test'));
    // Other categories and transactional mails still go.
    await queue({
      to: { userId: reader.id },
      template: 'mailtpl.alert',
      data: { what: 'Gas', where: 'P1', link: 'https://ops.example.test/a' },
    });
    await queue(approval({ userId: reader.id }));
    await t.engine.jobs.drain();
    for (const id of [suppressed, byAddress]) {
      const row = await mailRow(id);
      expect(row).toMatchObject({ status: 'suppressed', job_id: null });
      expect(row.note).toMatch(/^Not sent: the recipient unsubscribed from "digest" e-mails on /);
    }
    await smtp.waitFor((m) => m.subject.startsWith('Approbation requise'));
    expect(
      received('reader@example.test')
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['2 éléments ouverts', 'Alert: Gas', 'Approbation requise : Crane hire']);
  });

  it('stops a mail queued before the reader unsubscribed', async () => {
    const reader = await t.userWithToken({ email: 'late@example.test' });
    const first = await queue(digest({ userId: reader.id }));
    const second = await queue(digest({ userId: reader.id }));
    await t.engine.jobs.runner.run(String((await mailRow(first)).job_id));
    const { pathAndQuery } = linkOf(await smtp.waitFor('late@example.test'));
    await request(t.rawApp).post(pathAndQuery).expect(200);
    await t.engine.jobs.drain();
    expect(await mailRow(second)).toMatchObject({ status: 'suppressed' });
    expect(received('late@example.test')).toHaveLength(1);
  });
});

describe('the mail log', () => {
  it('lists mails with filters, shows one with its content, and resends it', async () => {
    const failed = await queue(approval('first@example.test'));
    await t.engine.db('sys_mail').where({ id: failed }).update({ status: 'failed', last_error: 'mailbox full' });
    await queue(approval('second@example.test'));
    await queue({
      to: 'third@example.test',
      template: 'mailtpl.alert',
      data: { what: 'Leak', where: 'FPSO', link: 'https://ops.example.test/b' },
    });

    const all = await request(t.app).get('/api/v1/admin/mail').expect(200);
    expect(all.body.data.map((m: { to: string }) => m.to)).toEqual([
      'third@example.test',
      'second@example.test',
      'first@example.test',
    ]);
    expect(all.body.data[0]).not.toHaveProperty('html');
    const byStatus = await request(t.app).get('/api/v1/admin/mail?status=failed').expect(200);
    expect(byStatus.body.data).toMatchObject([{ id: failed, lastError: 'mailbox full', category: 'workflow' }]);
    const byCategory = await request(t.app).get('/api/v1/admin/mail?category=alert').expect(200);
    expect(byCategory.body.data.map((m: { to: string }) => m.to)).toEqual(['third@example.test']);
    const byTo = await request(t.app).get('/api/v1/admin/mail?to=SECOND@example.test').expect(200);
    expect(byTo.body.data).toHaveLength(1);
    const future = new Date(t.engine.clock.now().getTime() + 60_000).toISOString();
    expect((await request(t.app).get(`/api/v1/admin/mail?since=${future}`).expect(200)).body.data).toEqual([]);
    const page1 = await request(t.app).get('/api/v1/admin/mail?limit=2').expect(200);
    const page2 = await request(t.app).get(`/api/v1/admin/mail?limit=2&before=${page1.body.next}`).expect(200);
    expect(page2.body).toMatchObject({ data: [{ to: 'first@example.test' }], next: null });

    const one = await request(t.app).get(`/api/v1/admin/mail/${failed}`).expect(200);
    expect(one.body).toMatchObject({ id: failed, status: 'failed', subject: 'Approval needed: Crane hire' });
    expect(one.body.text).toContain('Review the request: https://ops.example.test/requests/42');
    expect(one.body.html).toContain('<!doctype html>');
    expect(one.body.headers).toMatchObject({ 'X-OpsFlux-Mail': failed, 'X-OpsFlux-Template': 'mailtpl.approval' });

    const resent = await request(t.app).post(`/api/v1/admin/mail/${failed}/resend`).expect(201);
    expect(resent.body).toMatchObject({ status: 'pending', resentFrom: failed, to: 'first@example.test' });
    expect(resent.body.id).not.toBe(failed);
    await t.engine.jobs.drain();
    const got = await smtp.waitFor('first@example.test');
    expect(got.headers['x-opsflux-mail']).toBe(resent.body.id);
    expect(got.subject).toBe('Approval needed: Crane hire');
    expect(await mailRow(resent.body.id)).toMatchObject({ status: 'sent' });
    const audit = await t.engine.db('sys_audit').where({ action: 'mail.resend' }).first();
    expect(audit).toMatchObject({ actor_id: t.adminId, entity: 'sys.mail', record_id: resent.body.id });

    // A mail still waiting is not resent: it is about to go.
    const waiting = await queue(approval('fourth@example.test'));
    const busy = await request(t.app).post(`/api/v1/admin/mail/${waiting}/resend`).expect(409);
    expect(busy.body.error.code).toBe('mail_not_settled');
  });

  it('refuses bad queries, naming the parameter, and non-administrators', async () => {
    for (const [query, path] of [
      ['status=lost', 'status'],
      ['since=yesterday', 'since'],
      ['before=42', 'before'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
    ]) {
      const bad = await request(t.app).get(`/api/v1/admin/mail?${query}`).expect(400);
      expect(bad.body.error).toMatchObject({ code: 'query_invalid', details: [{ path }] });
    }
    await request(t.app).get('/api/v1/admin/mail/not-a-mail').expect(404);
    await request(t.app).post('/api/v1/admin/mail/00000000-0000-4000-8000-000000000000/resend').expect(404);
    const user = await t.userWithToken({});
    const auth = { authorization: `Bearer ${user.token}` };
    await request(t.rawApp).get('/api/v1/admin/mail').set(auth).expect(403);
    await request(t.rawApp).get('/api/v1/admin/mail/00000000-0000-4000-8000-000000000000').set(auth).expect(403);
    await request(t.rawApp)
      .post('/api/v1/admin/mail/00000000-0000-4000-8000-000000000000/resend')
      .set(auth)
      .expect(403);
    await request(t.rawApp).get('/api/v1/admin/mail').set('x-test-anonymous', '1').expect(401);
  });
});
