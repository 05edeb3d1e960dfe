import type { Knex } from 'knex';
import { invalid, type ErrorDetail } from '../errors.ts';
import { enqueue, type NewJob } from '../jobs/outbox.ts';
import { digestJob } from './digest-plan.ts';
import { CATEGORY, fromRow, route, type PreferenceRow, type Priority } from './preferences.ts';

/**
 * A button on a notification: the API call the app makes when it is clicked (approve, fire a
 * transition), or, with GET, a page of the apps to open.
 */
export interface NotificationAction {
  id: string;
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the apps' origin: `/api/v1/...` for a call, an app path for GET. */
  url: string;
  body?: Record<string, unknown>;
}

export interface NotificationSource {
  entity?: string;
  recordId?: string;
  automation?: string;
}

export interface NotifyInput {
  userIds: string[];
  title: string;
  message: string;
  /** `<bundle>.<what>` or a core category (`system`, `security`): what preferences mute or route. */
  category: string;
  /** 0 low, 1 normal, 2 high, 3 urgent. */
  priority: Priority;
  /** Where the notification leads in the apps: a relative URL. */
  link?: string;
  actions?: NotificationAction[];
  source?: NotificationSource;
  /** The event's identity: a recipient gets one notification per key, however often it is sent. */
  key?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** A path on the apps' own origin: no scheme, no `//host`, no backslash tricks. */
const RELATIVE = /^\/(?![/\\])[^\s\\]*$/;

function text(out: ErrorDetail[], path: string, v: unknown, max: number, required = true) {
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || (required && !v.trim()) || v.length > max) {
    out.push({ path, code: 'invalid', message: `"${path}" must be a text of 1 to ${max} characters` });
  }
}

/** Everything wrong with a notification, as API errors list it. Pure. */
export function notificationProblems(n: NotifyInput): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (!Array.isArray(n.userIds) || n.userIds.some((id) => typeof id !== 'string' || !UUID.test(id))) {
    out.push({ path: 'userIds', code: 'invalid', message: '"userIds" must be user ids' });
  }
  text(out, 'title', n.title, 200);
  text(out, 'message', n.message, 4000);
  if (typeof n.category !== 'string' || n.category.length > 64 || !new RegExp(CATEGORY).test(n.category)) {
    out.push({ path: 'category', code: 'invalid', message: '"category" must read like "bundle.what" in lower case' });
  }
  if (!Number.isInteger(n.priority) || n.priority < 0 || n.priority > 3) {
    out.push({ path: 'priority', code: 'invalid', message: '"priority" must be 0, 1, 2 or 3 (urgent)' });
  }
  if (n.link !== undefined && (typeof n.link !== 'string' || n.link.length > 2048 || !RELATIVE.test(n.link))) {
    out.push({ path: 'link', code: 'not_relative', message: '"link" must be a path of the apps, starting with one /' });
  }
  (n.actions ?? []).forEach((a, i) => {
    const at = `actions.${i}`;
    text(out, `${at}.id`, a.id, 64);
    text(out, `${at}.label`, a.label, 100);
    if (!METHODS.includes(a.method)) {
      out.push({ path: `${at}.method`, code: 'invalid', message: `"${at}.method" must be one of ${METHODS}` });
    }
    if (typeof a.url !== 'string' || a.url.length > 2048 || !RELATIVE.test(a.url)) {
      out.push({ path: `${at}.url`, code: 'not_relative', message: `"${at}.url" must be a path starting with one /` });
    }
    if (a.body !== undefined && (typeof a.body !== 'object' || a.body === null || Array.isArray(a.body))) {
      out.push({ path: `${at}.body`, code: 'invalid', message: `"${at}.body" must be an object` });
    }
  });
  if ((n.actions?.length ?? 0) > 5) out.push({ path: 'actions', code: 'too_many', message: 'At most 5 actions' });
  const s = n.source ?? {};
  text(out, 'source.entity', s.entity, 128, false);
  text(out, 'source.recordId', s.recordId, 64, false);
  text(out, 'source.automation', s.automation, 128, false);
  text(out, 'key', n.key, 255, false);
  return out;
}

interface Recipient extends Partial<PreferenceRow> {
  id: string;
  profile_time_zone: string;
}

interface Inserted {
  id: string;
  user_id: string;
  channels: string[];
  deliver_after: Date;
}

/**
 * Notifies users inside the caller's transaction: one row per recipient whose preferences let
 * it through, and the jobs that push it live and e-mail it once the transaction commits (or,
 * during the recipient's do-not-disturb window, once it ends). A rolled-back change notifies
 * nobody; a keyed event notifies each recipient once. Returns the ids of the new notifications.
 */
export async function notify(db: Knex | Knex.Transaction, now: Date, n: NotifyInput): Promise<string[]> {
  const problems = notificationProblems(n);
  if (problems.length) throw invalid(problems, 'The notification is not valid');
  const userIds = [...new Set(n.userIds)];
  if (!userIds.length) return [];
  const recipients = (await db('sys_users as u')
    .leftJoin('sys_notification_preferences as p', 'p.user_id', 'u.id')
    .whereIn('u.id', userIds)
    .where('u.status', 'active')
    .select('u.id', 'u.time_zone as profile_time_zone', 'p.*')) as Recipient[];
  const rows = [];
  const digests: Recipient[] = [];
  for (const r of recipients) {
    const prefs = fromRow(r);
    const routed = route(prefs, r.profile_time_zone, n, now);
    if (!routed) continue;
    if (routed.channels.includes('digest')) digests.push(r);
    rows.push({
      user_id: r.id,
      title: n.title,
      message: n.message,
      category: n.category,
      priority: n.priority,
      link: n.link ?? null,
      actions: JSON.stringify(n.actions ?? []),
      source_entity: n.source?.entity ?? null,
      source_record_id: n.source?.recordId ?? null,
      source_automation: n.source?.automation ?? null,
      dedupe_key: n.key ?? null,
      channels: routed.channels,
      created_at: now,
      deliver_after: routed.deliverAfter,
    });
  }
  if (!rows.length) return [];
  const inserted = (await db('sys_notifications')
    .insert(rows)
    .onConflict(['user_id', 'dedupe_key'])
    .ignore()
    .returning(['id', 'user_id', 'channels', 'deliver_after'])) as Inserted[];
  const fresh = new Set(inserted.map((i) => i.user_id));
  await enqueue(db, now, [
    ...deliveryJobs(
      'notify.push',
      inserted.filter((i) => i.channels.includes('in_app')),
    ),
    ...deliveryJobs(
      'notify.email',
      inserted.filter((i) => i.channels.includes('email')),
    ),
    ...digests.filter((r) => fresh.has(r.id)).map((r) => digestJob(r.id, fromRow(r), r.profile_time_zone, now)),
  ]);
  return inserted.map((i) => i.id);
}

/** One job per delivery time: everyone outside do-not-disturb now, the others when theirs ends. */
function deliveryJobs(topic: string, rows: Inserted[]): NewJob[] {
  const byTime = new Map<number, string[]>();
  for (const r of rows) {
    const t = new Date(r.deliver_after).getTime();
    const ids = byTime.get(t);
    if (ids) ids.push(r.id);
    else byTime.set(t, [r.id]);
  }
  return [...byTime].map(([t, ids]) => ({ topic, payload: { ids }, runAt: new Date(t) }));
}
