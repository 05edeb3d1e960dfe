import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../src/auth/sessions.ts';
import { notify, type NotifyInput } from '../src/notify/notify.ts';
import { createTestEngine, type TestEngine } from './harness.ts';

// Notifications by e-mail through the mail queue: one e-mail per notification when the user
// chose e-mail, held until their do-not-disturb window ends; or one digest at the hour they chose,
// in their time zone and language. Checked on the mails queued in sys_mail.

const APPS = 'https://ops.example.test';
let t: TestEngine;
let ana: { id: string; email: string };

const now = () => t.engine.clock.now();
const send = (n: Partial<NotifyInput> = {}) =>
  t.engine.db.transaction((trx) =>
    notify(trx, now(), {
      userIds: [ana.id],
      title: 'Permis à valider',
      message: 'Le permis 42 attend votre visa.',
      category: 'test.approval',
      priority: 1,
      link: '/app/records/42',
      ...n,
    }),
  );
async function setPreferences(body: object): Promise<void> {
  const s = await openSession(
    t.engine.db,
    t.engine.auth,
    { userId: ana.id, companyId: null, mfa: false, pending: null, method: 'test' },
    { ip: '127.0.0.1', userAgent: 'test' },
  );
  await request(t.rawApp)
    .put('/api/v1/notifications/preferences')
    .set('authorization', `Bearer ${s.accessToken}`)
    .send(body)
    .expect(200);
}
const mails = () =>
  t.engine
    .db('sys_mail')
    .where({ user_id: ana.id })
    .orderBy('created_at')
    .select('to_address', 'subject', 'text', 'category', 'transactional', 'lang', 'status');

beforeAll(async () => {
  t = await createTestEngine([], { PUBLIC_URL: APPS });
  const user = await t.userWithToken({ locale: 'fr', timeZone: 'America/New_York', email: 'ana@ops.example.test' });
  ana = { id: user.id, email: 'ana@ops.example.test' };
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  t.engine.clock.set(new Date('2026-03-10T15:00:00Z'));
  await t.engine.db('sys_mail').delete();
  await t.engine.db('sys_notifications').delete();
  await t.engine.db('sys_notification_preferences').delete();
  await t.engine.db('sys_outbox').delete();
});

describe('the e-mail channel', () => {
  it('sends nothing by e-mail unless the user chose it', async () => {
    await send();
    await t.engine.jobs.drain();
    expect(await mails()).toEqual([]);
  });

  it('queues one e-mail per notification, in the user’s language, once', async () => {
    await setPreferences({ channels: { '*': ['in_app'], 'test.approval': ['in_app', 'email'] } });
    await send({ key: 'permit:42' });
    await send({ key: 'permit:42' });
    await send({ category: 'test.other', title: 'in the app only' });
    await t.engine.jobs.drain();
    await t.engine.jobs.drain();
    const [mail, ...others] = await mails();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      to_address: ana.email,
      subject: 'Permis à valider',
      category: 'notification',
      transactional: true,
      lang: 'fr',
      status: 'sent',
    });
    expect(mail.text).toContain('Le permis 42 attend votre visa.');
    expect(mail.text).toContain(`Ouvrir dans OpsFlux: ${APPS}/app/records/42`);
    const [row] = await t.engine.db('sys_notifications').where({ user_id: ana.id, category: 'test.approval' });
    expect(row.channels).toEqual(['in_app', 'email']);
    expect(row.emailed_at).not.toBeNull();
  });

  it('holds the e-mail until do-not-disturb ends, except an urgent one', async () => {
    // 11:00 in New York (UTC-4 in March after the 8th): the window 10:00–12:00 ends at 16:00 UTC.
    await setPreferences({ channels: { '*': ['email'] }, dnd: { start: '10:00', end: '12:00' } });
    await send({ title: 'later' });
    await send({ title: 'now', priority: 3 });
    await t.engine.jobs.drain();
    expect((await mails()).map((m) => m.subject)).toEqual(['URGENT: now']);
    t.engine.clock.set(new Date('2026-03-10T16:00:00Z'));
    await t.engine.jobs.drain();
    expect((await mails()).map((m) => m.subject)).toEqual(['URGENT: now', 'later']);
  });
});

describe('digests', () => {
  it('summarise a day’s notifications in one e-mail at the chosen hour, in the user’s time zone', async () => {
    await setPreferences({ channels: { '*': ['in_app', 'email'] }, digest: { frequency: 'daily', hour: 8 } });
    for (const title of ['first', 'second', 'third']) {
      t.engine.clock.advance(60_000);
      await send({ title, message: `about ${title}` });
    }
    await send({ title: 'alarm', priority: 3 });
    await t.engine.jobs.drain();
    // The urgent one goes at once; the others wait for the digest, and are in the app meanwhile.
    expect((await mails()).map((m) => m.subject)).toEqual(['URGENT: alarm']);
    const rows = await t.engine.db('sys_notifications').where({ user_id: ana.id }).orderBy('created_at');
    expect(rows.map((r) => r.channels)).toEqual([
      ['in_app', 'digest'],
      ['in_app', 'digest'],
      ['in_app', 'digest'],
      ['in_app', 'email'],
    ]);
    const planned = await t.engine.db('sys_outbox').where({ topic: 'notify.digest' });
    expect(planned.map((j) => new Date(j.run_at).toISOString())).toEqual(['2026-03-11T12:00:00.000Z']);

    t.engine.clock.set(new Date('2026-03-11T11:59:00Z'));
    await t.engine.jobs.drain();
    expect(await mails()).toHaveLength(1);
    t.engine.clock.set(new Date('2026-03-11T12:00:00Z'));
    await t.engine.jobs.drain();
    const digest = (await mails())[1]!;
    expect(digest.subject).toBe('Votre résumé quotidien : 3 nouvelles notifications');
    expect(digest.text.indexOf('- first — about first')).toBeGreaterThanOrEqual(0);
    expect(digest.text.indexOf('- first')).toBeLessThan(digest.text.indexOf('- third'));
    expect(digest.text).toContain(`(${APPS}/app/records/42)`);
    expect(digest.text).not.toContain('alarm');
    // Sent once: nothing more to send, and what comes next waits for the next morning.
    await t.engine.jobs.drain();
    expect(await mails()).toHaveLength(2);
    await send({ title: 'fourth' });
    const next = await t.engine.db('sys_outbox').where({ topic: 'notify.digest', status: 'pending' });
    expect(next.map((j) => new Date(j.run_at).toISOString())).toEqual(['2026-03-12T12:00:00.000Z']);
  });

  it('follow a change of hour: the digest planned for the old hour sends nothing', async () => {
    await setPreferences({ channels: { '*': ['email'] }, digest: { frequency: 'daily', hour: 18 } });
    await send();
    await setPreferences({ channels: { '*': ['email'] }, digest: { frequency: 'daily', hour: 6 } });
    // 18:00 in New York on the 10th: planned before the change, it finds itself stale.
    t.engine.clock.set(new Date('2026-03-10T22:00:00Z'));
    await t.engine.jobs.drain();
    expect(await mails()).toEqual([]);
    // 06:00 on the 11th.
    t.engine.clock.set(new Date('2026-03-11T10:00:00Z'));
    await t.engine.jobs.drain();
    expect((await mails()).map((m) => m.subject)).toEqual(['Votre résumé quotidien : 1 nouvelle notification']);
  });

  it('weekly digests wait for the chosen weekday', async () => {
    // Tuesday 10 March 2026; Friday 08:00 in New York is 13 March 12:00 UTC.
    await setPreferences({ channels: { '*': ['email'] }, digest: { frequency: 'weekly', hour: 8, weekday: 5 } });
    await send();
    const planned = await t.engine.db('sys_outbox').where({ topic: 'notify.digest' });
    expect(planned.map((j) => new Date(j.run_at).toISOString())).toEqual(['2026-03-13T12:00:00.000Z']);
    t.engine.clock.set(new Date('2026-03-13T12:00:00Z'));
    await t.engine.jobs.drain();
    expect((await mails()).map((m) => m.subject)).toEqual(['Votre résumé hebdomadaire : 1 nouvelle notification']);
  });
});
