import { hkdfSync } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config.ts';

/** What queueing and sending mail needs from the engine's configuration. */
export interface MailSettings {
  /** Links in mails start with it. */
  publicUrl: string;
  /** Message-IDs are `<mail id>@<this>`: the domain of MAIL_FROM. */
  messageIdDomain: string;
  /** Test mode (MAIL_TEST_RECIPIENT): every mail goes here instead. */
  testRecipient: string | undefined;
  /** The key signing unsubscribe links; `db` reads the installation's salt the first time. */
  linkKey(db: Knex | Knex.Transaction): Promise<Buffer>;
}

type MailConfig = Pick<Config, 'publicUrl' | 'mailFrom' | 'mailTestRecipient' | 'secretKey'>;

export function mailSettings(config: MailConfig): MailSettings {
  let key: Buffer | undefined;
  const domain = /@([^\s<>@]+?)>?\s*$/.exec(config.mailFrom)?.[1] ?? new URL(config.publicUrl).hostname;
  return {
    publicUrl: config.publicUrl,
    messageIdDomain: domain,
    testRecipient: config.mailTestRecipient,
    async linkKey(db) {
      if (key) return key;
      // SECRET_KEY (required in production) makes the key unknowable from a copy of the database;
      // the per-installation salt keeps links stable when it is absent (development).
      const row = (await db('sys_mail_state').where({ id: 1 }).first('link_salt')) as { link_salt: Buffer } | undefined;
      if (!row) throw new Error('sys_mail_state is empty: the mail schema was not created');
      key = Buffer.from(hkdfSync('sha256', config.secretKey ?? '', row.link_salt, 'opsflux mail links', 32));
      return key;
    },
  };
}

/*
 * `queueMail(db, now, registry, mail)` is called from wherever a change happens (a request, a
 * job, an automation), with the transaction of that change. Rather than every caller carrying
 * the mail settings too, the engine binds them to its database when it starts; a Knex
 * transaction shares its parent's client configuration, so one binding serves both.
 */
const bound = new WeakMap<object, MailSettings>();

const bindingOf = (db: Knex | Knex.Transaction): object =>
  (db as unknown as { client: { config: object } }).client.config;

export function bindMailSettings(db: Knex, settings: MailSettings): void {
  bound.set(bindingOf(db), settings);
}

export function mailSettingsOf(db: Knex | Knex.Transaction): MailSettings {
  const settings = bound.get(bindingOf(db));
  if (!settings) throw new Error('No mail settings are bound to this database: the engine binds them when it starts');
  return settings;
}
