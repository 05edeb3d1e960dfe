import { LANGUAGES, type Language } from '@opsflux/definitions';
import type { Knex } from 'knex';
import { queueMail } from '../mail/mail-queue.ts';
import type { RawMail } from '../mail/render-mail.ts';
import type { Registry } from '../registry/registry-types.ts';
import { nextDigest } from './digest-plan.ts';
import type { NotificationRow } from './notify-store.ts';
import { fromRow, URGENT, type DigestFrequency, type PreferenceRow } from './preferences.ts';

/**
 * Notifications by e-mail, through the mail queue: one e-mail per notification for those whose
 * recipient chose e-mail, or one digest per user at the hour they chose. Both are written in the
 * job's transaction with the mark that they were sent, so each goes out once.
 */

/** Mail category of notification e-mails. They are not unsubscribed from: preferences turn them off. */
export const MAIL_CATEGORY = 'notification';
/** A digest lists at most this many notifications, then says how many more wait in the app. */
export const DIGEST_MAX_ITEMS = 50;

const WORDS: Record<
  Language,
  {
    urgent: string;
    open: string;
    why: string;
    digest: (frequency: DigestFrequency, n: number) => string;
    more: (n: number) => string;
  }
> = {
  en: {
    urgent: 'URGENT',
    open: 'Open in OpsFlux',
    why: 'You receive this e-mail because your notification preferences send these notifications by e-mail; change them in OpsFlux.',
    digest: (f, n) => `Your ${f} summary: ${n} new notification${n === 1 ? '' : 's'}`,
    more: (n) => `and ${n} more in OpsFlux`,
  },
  fr: {
    urgent: 'URGENT',
    open: 'Ouvrir dans OpsFlux',
    why: 'Vous recevez ce message car vos préférences de notification envoient ces notifications par e-mail ; modifiez-les dans OpsFlux.',
    digest: (f, n) =>
      `Votre résumé ${f === 'daily' ? 'quotidien' : 'hebdomadaire'} : ${n} nouvelle${n === 1 ? '' : 's'} notification${n === 1 ? '' : 's'}`,
    more: (n) => `et ${n} autres dans OpsFlux`,
  },
  es: {
    urgent: 'URGENTE',
    open: 'Abrir en OpsFlux',
    why: 'Recibe este correo porque sus preferencias de notificación envían estas notificaciones por correo; puede cambiarlas en OpsFlux.',
    digest: (f, n) =>
      `Su resumen ${f === 'daily' ? 'diario' : 'semanal'}: ${n} notificaci${n === 1 ? 'ón nueva' : 'ones nuevas'}`,
    more: (n) => `y ${n} más en OpsFlux`,
  },
  pt: {
    urgent: 'URGENTE',
    open: 'Abrir no OpsFlux',
    why: 'Recebe este e-mail porque as suas preferências de notificação enviam estas notificações por e-mail; altere-as no OpsFlux.',
    digest: (f, n) =>
      `O seu resumo ${f === 'daily' ? 'diário' : 'semanal'}: ${n} ${n === 1 ? 'nova notificação' : 'novas notificações'}`,
    more: (n) => `e mais ${n} no OpsFlux`,
  },
};

export function languageOf(locale: string | null | undefined): Language {
  const l = locale?.slice(0, 2).toLowerCase() as Language | undefined;
  return l && LANGUAGES.includes(l) ? l : 'en';
}

const linkOf = (publicUrl: string, n: Pick<NotificationRow, 'link'>) => `${publicUrl}${n.link ?? '/'}`;

/** One notification as an e-mail, in the reader's language. */
export function notificationMail(n: NotificationRow, lang: Language, publicUrl: string): RawMail {
  const w = WORDS[lang];
  return {
    subject: n.priority >= URGENT ? `${w.urgent}: ${n.title}` : n.title,
    text: [n.message, `${w.open}: ${linkOf(publicUrl, n)}`, w.why].join('\n\n'),
  };
}

/** Several notifications in one e-mail: one line each, newest last, and how many more wait. */
export function digestMail(
  items: NotificationRow[],
  total: number,
  frequency: DigestFrequency,
  lang: Language,
  publicUrl: string,
): RawMail {
  const w = WORDS[lang];
  const oneLine = (s: string, max: number) => {
    const flat = s.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const lines = items.map(
    (n) =>
      `- ${n.priority >= URGENT ? `${w.urgent}: ` : ''}${oneLine(n.title, 200)} — ${oneLine(n.message, 200)} (${linkOf(publicUrl, n)})`,
  );
  return {
    subject: w.digest(frequency, total),
    text: [
      lines.join('\n'),
      ...(total > items.length ? [w.more(total - items.length)] : []),
      `${w.open}: ${publicUrl}/`,
      w.why,
    ].join('\n\n'),
  };
}

type WithLocale = NotificationRow & { locale: string | null };

/** E-mails the given notifications that still wait for their e-mail; returns how many went. */
export async function mailNotifications(
  trx: Knex.Transaction,
  now: Date,
  registry: Registry,
  publicUrl: string,
  ids: string[],
): Promise<number> {
  const rows = (await trx('sys_notifications as n')
    .join('sys_users as u', 'u.id', 'n.user_id')
    .whereIn('n.id', ids)
    .whereNull('n.emailed_at')
    .whereRaw(`'email' = any(n.channels)`)
    .where('u.status', 'active')
    .select('n.*', 'u.locale')
    .forUpdate()) as WithLocale[];
  for (const n of rows) {
    await queueMail(trx, now, registry, {
      to: { userId: n.user_id },
      template: notificationMail(n, languageOf(n.locale), publicUrl),
      category: MAIL_CATEGORY,
      transactional: true,
    });
  }
  if (rows.length) {
    await trx('sys_notifications')
      .whereIn(
        'id',
        rows.map((r) => r.id),
      )
      .update({ emailed_at: now });
  }
  return rows.length;
}

/**
 * Sends `userId` the digest planned for `at`, if their preferences still plan it then (a change
 * of preferences plans another and leaves this one with nothing to do). Returns whether it went.
 */
export async function sendDigest(
  trx: Knex.Transaction,
  now: Date,
  registry: Registry,
  publicUrl: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const user = (await trx('sys_users as u')
    .leftJoin('sys_notification_preferences as p', 'p.user_id', 'u.id')
    .where('u.id', userId)
    .where('u.status', 'active')
    .first('u.id', 'u.locale', 'u.time_zone as profile_time_zone', 'p.*')) as
    (Partial<PreferenceRow> & { locale: string | null; profile_time_zone: string }) | undefined;
  if (!user) return false;
  const prefs = fromRow(user);
  const due = nextDigest(prefs, user.profile_time_zone, new Date(at.getTime() - 1));
  if (!due || due.getTime() !== at.getTime()) return false;
  const waiting = () =>
    trx('sys_notifications')
      .where('user_id', userId)
      .whereNull('emailed_at')
      .whereRaw(`'digest' = any(channels)`)
      .where('created_at', '<=', now);
  const items = (await waiting()
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(DIGEST_MAX_ITEMS)) as NotificationRow[];
  if (!items.length) return false;
  const total = Number(((await waiting().count('* as n').first()) as { n: string | number }).n);
  await queueMail(trx, now, registry, {
    to: { userId },
    template: digestMail(items.reverse(), total, prefs.digest.frequency, languageOf(user.locale), publicUrl),
    category: MAIL_CATEGORY,
    transactional: true,
  });
  await waiting().update({ emailed_at: now });
  return true;
}
