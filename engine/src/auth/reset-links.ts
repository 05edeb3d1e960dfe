import type { Knex } from 'knex';
import { newToken, sha256 } from './tokens.ts';

/**
 * A single-use link to choose a new password, valid `minutes`: only its hash is stored, so the
 * link exists in the e-mail (or on the administrator's terminal) and nowhere else.
 */
export async function issueResetLink(
  db: Knex,
  publicUrl: string,
  userId: string,
  minutes: number,
  now = new Date(),
): Promise<string> {
  const token = newToken('link');
  await db('sys_user_tokens').insert({
    hash: sha256(token),
    user_id: userId,
    kind: 'password_reset',
    expires_at: new Date(now.getTime() + minutes * 60_000),
    created_at: now,
  });
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}
