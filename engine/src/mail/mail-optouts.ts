import type { Knex } from 'knex';

/** Who a mail is for, as opt-outs know them: the user, and the address it goes to. */
export interface OptOutRecipient {
  userId: string | null;
  address: string;
}

/**
 * When the recipient unsubscribed from `category`, or undefined. An opt-out made from a mail to a
 * user also covers mails sent to that user's address directly, and the other way round.
 */
export async function optedOutAt(
  db: Knex | Knex.Transaction,
  to: OptOutRecipient,
  category: string,
): Promise<Date | undefined> {
  const row = (await db('sys_mail_optouts')
    .where({ category })
    .andWhere((q) => {
      q.whereRaw('lower(address) = lower(?)', [to.address]);
      if (to.userId) q.orWhere('user_id', to.userId);
    })
    .orderBy('created_at')
    .first('created_at')) as { created_at: Date | string } | undefined;
  return row ? new Date(row.created_at) : undefined;
}

/** Records an opt-out; a second one for the same recipient and category changes nothing. */
export async function recordOptOut(
  db: Knex | Knex.Transaction,
  to: OptOutRecipient,
  category: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db.raw(
    `insert into sys_mail_optouts (user_id, address, category, created_at) values (?, ?, ?, ?)
     on conflict do nothing returning id`,
    [to.userId, to.address.toLowerCase(), category, now],
  );
  return (inserted.rows as unknown[]).length > 0;
}
