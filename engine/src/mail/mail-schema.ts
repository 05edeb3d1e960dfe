import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * The mail queue and log: one row per e-mail, rendered when it was queued, so the log shows
 * exactly what was sent. Attachments are kept apart (bytea) so that listing the log never reads
 * them. Opt-outs are per recipient (user, or address for mails to non-users) and category.
 *
 * status: pending → sending → sent; back to pending after a failure that may pass (the server
 * was away), failed when it will not (the server refused the message, or the last retry failed);
 * suppressed when the recipient had unsubscribed from the mail's category.
 */
export async function ensureMailSchema(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(4242010)');
    await trx.raw(`
      create table if not exists sys_mail (
        id uuid primary key default gen_random_uuid(),
        to_address varchar(320) not null,
        user_id uuid references sys_users(id) on delete set null,
        delivered_to varchar(320),
        template varchar(128),
        category varchar(40) not null,
        transactional boolean not null,
        lang varchar(2) not null,
        subject text not null,
        text text not null,
        html text not null,
        headers jsonb not null default '{}',
        attachments jsonb not null default '[]',
        status varchar(16) not null default 'pending',
        attempts integer not null default 0,
        last_error text,
        -- Why a mail was not sent although nothing failed (the recipient unsubscribed).
        note text,
        message_id varchar(255),
        job_id bigint,
        resent_from uuid references sys_mail(id) on delete set null,
        created_at timestamptz not null,
        sent_at timestamptz
      )`);
    await trx.raw('create index if not exists sys_mail_created on sys_mail (created_at desc, id desc)');
    await trx.raw('create index if not exists sys_mail_status on sys_mail (status, created_at desc)');
    await trx.raw('create index if not exists sys_mail_to on sys_mail (lower(to_address))');
    await trx.raw(`
      create table if not exists sys_mail_attachments (
        mail_id uuid not null references sys_mail(id) on delete cascade,
        position integer not null,
        filename varchar(255) not null,
        content_type varchar(255) not null,
        content bytea not null,
        primary key (mail_id, position)
      )`);
    await trx.raw(`
      create table if not exists sys_mail_optouts (
        id bigserial primary key,
        user_id uuid references sys_users(id) on delete cascade,
        address varchar(320),
        category varchar(40) not null,
        created_at timestamptz not null,
        check (user_id is not null or address is not null)
      )`);
    await trx.raw(`create unique index if not exists sys_mail_optouts_recipient
      on sys_mail_optouts (coalesce(user_id::text, ''), lower(coalesce(address, '')), category)`);
    await trx.raw('create index if not exists sys_mail_optouts_address on sys_mail_optouts (lower(address), category)');
    // Salt of the key signing unsubscribe links (see mail-settings.ts): random per installation,
    // so that links keep working across restarts and processes even without SECRET_KEY.
    await trx.raw(`
      create table if not exists sys_mail_state (
        id int primary key check (id = 1),
        link_salt bytea not null
      )`);
    await trx.raw('insert into sys_mail_state (id, link_salt) values (1, ?) on conflict do nothing', [randomBytes(32)]);
  });
}
