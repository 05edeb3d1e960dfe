import type { Knex } from 'knex';
import { checkPasswordPolicy, hashPassword, isInHistory } from '../auth/passwords.ts';
import type { AuthSettings } from '../config.ts';
import { invalid } from '../errors.ts';

/**
 * Checks a new password against the policy and the user's last passwords, then stores its hash
 * and keeps it in the history. A refused password is a 422 naming the rule it breaks.
 */
export async function setPassword(
  db: Knex | Knex.Transaction,
  settings: AuthSettings,
  user: { id: string; email: string; first_name: string; last_name: string },
  password: unknown,
  now: Date,
  path = 'password',
): Promise<void> {
  if (typeof password !== 'string') {
    throw invalid([{ path, code: 'required', message: 'A password (text) is required' }]);
  }
  const problems = checkPasswordPolicy(password, settings, {
    email: user.email,
    name: `${user.first_name} ${user.last_name}`,
  }).map((d) => ({ ...d, path }));
  if (problems.length) throw invalid(problems, 'The password does not meet the password policy');
  if (settings.passwordHistory > 0) {
    const previous = (await db('sys_password_history')
      .pluck('hash')
      .where({ user_id: user.id })
      .orderBy('id', 'desc')
      .limit(settings.passwordHistory)) as string[];
    if (await isInHistory(password, previous)) {
      throw invalid([
        {
          path,
          code: 'password_reused',
          message: `The password must differ from your last ${settings.passwordHistory} passwords`,
        },
      ]);
    }
  }
  const hash = await hashPassword(password);
  await db('sys_users')
    .where({ id: user.id })
    .update({ password_hash: hash, password_changed_at: now, updated_at: now });
  await db('sys_password_history').insert({ user_id: user.id, hash, created_at: now });
}
