import type { Knex } from 'knex';

/**
 * In-app notifications and each user's preferences. A notification row is written in the
 * transaction of the change that causes it, with the channels its recipient's preferences chose;
 * it is shown in the app from `deliver_after` (the end of a do-not-disturb window, or at once),
 * and `delivered_at` records when it was pushed live. `emailed_at` marks it as sent by e-mail,
 * alone or in a digest.
 */
const DDL = `
create table if not exists sys_notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references sys_users(id) on delete cascade,
  title varchar(200) not null,
  message text not null,
  category varchar(64) not null,
  priority smallint not null check (priority between 0 and 3),
  link varchar(2048),
  actions jsonb not null default '[]',
  source_entity varchar(128),
  source_record_id varchar(64),
  source_automation varchar(128),
  dedupe_key varchar(255),
  -- What the recipient's preferences chose: in_app, email (at once) or digest.
  channels text[] not null,
  read_at timestamptz,
  created_at timestamptz not null,
  deliver_after timestamptz not null,
  delivered_at timestamptz,
  emailed_at timestamptz,
  -- Null keys never conflict: only keyed events are delivered once per user.
  unique (user_id, dedupe_key)
);
create index if not exists sys_notifications_user on sys_notifications (user_id, created_at desc, id desc);
create index if not exists sys_notifications_unread on sys_notifications (user_id) where read_at is null;
create index if not exists sys_notifications_created on sys_notifications (created_at);
create index if not exists sys_notifications_digest on sys_notifications (user_id)
  where emailed_at is null and 'digest' = any(channels);

-- Before a push, the sessions of its recipients revoked lately are disconnected: this finds them.
create index if not exists sys_sessions_revoked_user on sys_sessions (user_id, revoked_at) where revoked_at is not null;

create table if not exists sys_notification_preferences (
  user_id uuid primary key references sys_users(id) on delete cascade,
  -- category (or "*", or a category prefix) → channels
  channels jsonb not null default '{}',
  muted_categories text[] not null default '{}',
  min_priority smallint not null default 0,
  dnd_start char(5),
  dnd_end char(5),
  -- Null: the time zone of the user's profile.
  time_zone varchar(64),
  digest varchar(8) not null default 'off',
  digest_hour smallint not null default 8,
  digest_weekday smallint not null default 1,
  updated_at timestamptz not null
);
`;

export async function ensureNotifySchema(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    // Engines starting together on one database create the tables once.
    await trx.raw('select pg_advisory_xact_lock(4242011)');
    for (const statement of DDL.split(/;\s*\n/)) {
      if (statement.replace(/--.*$/gm, '').trim()) await trx.raw(statement);
    }
  });
}
