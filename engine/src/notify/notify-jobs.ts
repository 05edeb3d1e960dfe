import type { Knex } from 'knex';
import type { Jobs } from '../jobs/jobs.ts';
import { enqueue, type NewJob } from '../jobs/outbox.ts';
import type { Logger } from '../logger.ts';
import type { RegistryHolder } from '../registry/compile-registry.ts';
import type { Live } from './live.ts';
import { mailNotifications, sendDigest } from './notify-mail.ts';
import { endedLately, notificationView, unreadCounts, type NotificationRow } from './notify-store.ts';

/** The hour (UTC) at which old notifications are deleted, once a day across all processes. */
const RETENTION_HOUR_UTC = 3;
const DAY = 86_400_000;

/** The retention run of the first day after `now` whose 03:00 UTC is still to come; keyed per day. */
export function retentionJob(now: Date): NewJob {
  const at = new Date(now);
  at.setUTCHours(RETENTION_HOUR_UTC, 0, 0, 0);
  if (at <= now) at.setTime(at.getTime() + DAY);
  const day = at.toISOString().slice(0, 10);
  return { topic: 'notify.retention', payload: { day }, runAt: at, key: `notify.retention:${day}` };
}

export interface NotifyJobDeps {
  live: Live;
  log: Logger;
  retentionDays: number;
  /** E-mails are queued with the registry current when they go (it holds bundles' templates). */
  registry: RegistryHolder;
  publicUrl: string;
}

/**
 * Pushes notifications whose time has come to their users' sockets. The update that marks them
 * delivered is the claim: a second delivery of the job finds nothing left to push.
 */
export async function pushNotifications(db: Knex, live: Live, ids: string[], now: Date): Promise<number> {
  if (!live.canPush) return 0;
  const rows = (await db('sys_notifications')
    .whereIn('id', ids)
    .whereNull('delivered_at')
    .where('deliver_after', '<=', now)
    .update({ delivered_at: now })
    .returning('*')) as NotificationRow[];
  if (!rows.length) return 0;
  const users = [...new Set(rows.map((r) => r.user_id))];
  const [counts, ended] = await Promise.all([unreadCounts(db, users, now), endedLately(db, users, now)]);
  // A session signed out since its socket connected hears nothing more.
  live.disconnect(ended);
  for (const r of rows.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at))) {
    live.emit(r.user_id, 'notification', notificationView(r));
  }
  for (const u of users) live.emit(u, 'unread', { count: counts.get(u) ?? 0 });
  return rows.length;
}

/** Deletes notifications older than the retention, a batch at a time so no lock is held long. */
export async function deleteOld(db: Knex, now: Date, days: number): Promise<number> {
  const before = new Date(now.getTime() - days * DAY);
  let total = 0;
  for (;;) {
    const n = await db('sys_notifications')
      .whereIn('id', (q) => q.from('sys_notifications').select('id').where('created_at', '<', before).limit(5000))
      .delete();
    total += n;
    if (n < 5000) return total;
  }
}

export function registerNotifyJobs(jobs: Jobs, deps: NotifyJobDeps): void {
  jobs.register('notify.push', {
    // Talks to sockets: at most once per notification, outside the job's transaction.
    transactional: false,
    async handle(payload: { ids: string[] }, ctx) {
      await pushNotifications(ctx.db, deps.live, payload.ids, ctx.now);
    },
  });

  // E-mails are queued in the job's transaction with the mark that they went: each goes once.
  jobs.register('notify.email', {
    async handle(payload: { ids: string[] }, ctx) {
      await mailNotifications(ctx.trx!, ctx.now, deps.registry.current, deps.publicUrl, payload.ids);
    },
  });

  jobs.register('notify.digest', {
    async handle(payload: { userId: string; at: string }, ctx) {
      await sendDigest(ctx.trx!, ctx.now, deps.registry.current, deps.publicUrl, payload.userId, new Date(payload.at));
    },
  });

  jobs.register('notify.retention', {
    // Deletes in batches, each committed on its own: running it twice deletes nothing more.
    transactional: false,
    async handle(_payload: { day: string }, ctx) {
      const n = await deleteOld(ctx.db, ctx.now, deps.retentionDays);
      if (n) ctx.log.info({ deleted: n, days: deps.retentionDays }, 'old notifications deleted');
      // Tomorrow's run; its key makes it one per day, whoever plans it.
      await enqueue(ctx.db, ctx.now, [retentionJob(ctx.now)]);
    },
  });
}
