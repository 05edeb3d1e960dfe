import type { Knex } from 'knex';
import type { NotificationAction } from './notify.ts';

/** Reading notifications: what a user sees, their unread count, and the shape the API and sockets send. */

export interface NotificationRow {
  id: string;
  user_id: string;
  title: string;
  message: string;
  category: string;
  priority: number;
  link: string | null;
  actions: NotificationAction[];
  source_entity: string | null;
  source_record_id: string | null;
  source_automation: string | null;
  channels: string[];
  read_at: Date | null;
  created_at: Date;
  deliver_after: Date;
  delivered_at: Date | null;
  emailed_at: Date | null;
}

export interface NotificationView {
  id: string;
  title: string;
  message: string;
  category: string;
  priority: number;
  link: string | null;
  actions: NotificationAction[];
  source: { entity: string | null; recordId: string | null; automation: string | null } | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function notificationView(r: NotificationRow): NotificationView {
  const hasSource = r.source_entity || r.source_record_id || r.source_automation;
  return {
    id: r.id,
    title: r.title,
    message: r.message,
    category: r.category,
    priority: r.priority,
    link: r.link,
    actions: r.actions,
    source: hasSource
      ? { entity: r.source_entity, recordId: r.source_record_id, automation: r.source_automation }
      : null,
    read: r.read_at !== null,
    readAt: iso(r.read_at),
    createdAt: iso(r.created_at)!,
  };
}

/**
 * What `userId` sees in the app now: their own notifications that go to the app and whose
 * do-not-disturb deferral is over.
 */
export function visibleTo(db: Knex | Knex.Transaction, userId: string, now: Date) {
  return db('sys_notifications')
    .where('user_id', userId)
    .whereRaw(`'in_app' = any(channels)`)
    .where('deliver_after', '<=', now);
}

/** Unread counts of several users at once (0 for those with none). */
export async function unreadCounts(
  db: Knex | Knex.Transaction,
  userIds: string[],
  now: Date,
): Promise<Map<string, number>> {
  const rows = (await db('sys_notifications')
    .select('user_id')
    .count('* as n')
    .whereIn('user_id', userIds)
    .whereNull('read_at')
    .whereRaw(`'in_app' = any(channels)`)
    .where('deliver_after', '<=', now)
    .groupBy('user_id')) as { user_id: string; n: string | number }[];
  const out = new Map(userIds.map((id) => [id, 0]));
  for (const r of rows) out.set(r.user_id, Number(r.n));
  return out;
}

/** Socket rooms: one per user (pushes), per session and per API key (disconnecting them). */
export const room = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  apiKey: (id: string) => `key:${id}`,
};

/**
 * Rooms of the given sessions and API keys that can no longer be used: revoked, expired, idle
 * past the limit, or whose user is no longer active. The socket server checks its sockets' with it.
 */
export async function endedAmong(
  db: Knex,
  ids: { sessions: string[]; apiKeys: string[] },
  now: Date,
  idleSeconds: number,
): Promise<string[]> {
  const idleSince = new Date(now.getTime() - idleSeconds * 1000);
  const sessions = ids.sessions.length
    ? ((await db('sys_sessions as s')
        .join('sys_users as u', 'u.id', 's.user_id')
        .whereIn('s.id', ids.sessions)
        .where((q) =>
          q
            .whereNotNull('s.revoked_at')
            .orWhere('s.expires_at', '<=', now)
            .orWhere('s.last_seen_at', '<', idleSince)
            .orWhereNot('u.status', 'active'),
        )
        .pluck('s.id')) as string[])
    : [];
  const keys = ids.apiKeys.length
    ? ((await db('sys_api_keys as k')
        .join('sys_users as u', 'u.id', 'k.user_id')
        .whereIn('k.id', ids.apiKeys)
        .where((q) =>
          q.whereNotNull('k.revoked_at').orWhere('k.expires_at', '<=', now).orWhereNot('u.status', 'active'),
        )
        .pluck('k.id')) as string[])
    : [];
  return [...sessions.map(room.session), ...keys.map(room.apiKey)];
}

/**
 * Rooms to disconnect before pushing to `userIds`: users no longer active, and their sessions and
 * API keys revoked or expired in the last day (older ones were swept by the socket servers).
 */
export async function endedLately(db: Knex | Knex.Transaction, userIds: string[], now: Date): Promise<string[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const ended = (table: string) =>
    db(table)
      .whereIn('user_id', userIds)
      .where((q) =>
        q
          .where('revoked_at', '>', dayAgo)
          .orWhere((e) =>
            e.whereNull('revoked_at').andWhere('expires_at', '<=', now).andWhere('expires_at', '>', dayAgo),
          ),
      )
      .pluck('id') as Promise<string[]>;
  const [users, sessions, keys] = await Promise.all([
    db('sys_users').whereIn('id', userIds).whereNot('status', 'active').pluck('id') as Promise<string[]>,
    ended('sys_sessions'),
    ended('sys_api_keys'),
  ]);
  return [...users.map(room.user), ...sessions.map(room.session), ...keys.map(room.apiKey)];
}
