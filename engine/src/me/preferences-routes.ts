import { Router } from 'express';
import { appendAudit } from '../audit/audit-entry.ts';
import { clientOf } from '../auth/auth-routes.ts';
import { languageOf } from '../notify/notify-mail.ts';
import { me, meWriting } from './me-principal.ts';
import { checkPreferences, withDefaults, type Preferences } from './preferences.ts';

const PATH = '/api/v1/me/preferences';

/**
 * One JSON object per user; PUT replaces it (what is left out takes its default). The language
 * is the profile's locale, so e-mails and the apps speak the same one: changing it here is a
 * profile change, versioned and audited as `PATCH /api/v1/auth/me` would be.
 */
export function preferencesRoutes(): Router {
  const r = Router();

  r.get(PATH, async (_req, res) => {
    const { userId } = me(res);
    const db = res.locals.db;
    const [row, user] = await Promise.all([
      db('sys_user_preferences').where({ user_id: userId }).first('data'),
      db('sys_users').where({ id: userId }).first('locale'),
    ]);
    res.json({ data: withDefaults(row?.data as Partial<Preferences> | undefined, languageOf(user?.locale)) });
  });

  r.put(PATH, async (req, res) => {
    const principal = meWriting(res);
    const { language, ...stored } = checkPreferences(req.body);
    const now = res.locals.now();
    const locale = await res.locals.db.transaction(async (trx) => {
      await trx('sys_user_preferences')
        .insert({ user_id: principal.userId, data: JSON.stringify(stored), updated_at: now })
        .onConflict('user_id')
        .merge();
      const user = await trx('sys_users').where({ id: principal.userId }).first('locale');
      if (!language || language === user?.locale) return user?.locale as string | undefined;
      await trx('sys_users')
        .where({ id: principal.userId })
        .update({ locale: language, updated_at: now, version: trx.raw('version + 1') });
      await appendAudit(trx, { id: principal.userId, name: principal.name, ...clientOf(req) }, now, [
        {
          action: 'user.profile_update',
          entity: 'sys.user',
          recordId: principal.userId,
          changes: { locale: [user?.locale ?? null, language] },
        },
      ]);
      return language;
    });
    res.json({ data: withDefaults(stored, languageOf(locale)) });
  });

  return r;
}
