import type { Knex } from 'knex';
import { appendAudit, type AuditActor } from '../audit/audit-entry.ts';
import type { AuthSettings } from '../config.ts';
import { conflict } from '../errors.ts';
import { bumpOrgVersion } from './identity-schema.ts';
import { setPassword } from './passwords-store.ts';

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  password?: string;
  systemRoles?: string[];
  locale?: string;
  timeZone?: string;
  departmentId?: string | null;
  managerId?: string | null;
  /** Company id → roles held there. */
  memberships?: { companyId: string; roles: string[] }[];
}

/** Creates a user, with password and memberships, audited, in one transaction. */
export async function createUser(
  db: Knex,
  settings: AuthSettings,
  input: NewUser,
  actor: AuditActor,
  now = new Date(),
): Promise<{ id: string; email: string }> {
  return db.transaction(async (trx) => {
    const taken = await trx('sys_users').whereRaw('lower(email) = ?', [input.email.toLowerCase()]).first();
    if (taken) throw conflict('email_taken', `An account already uses ${input.email}`);
    const [user] = await trx('sys_users')
      .insert({
        email: input.email,
        first_name: input.firstName,
        last_name: input.lastName,
        system_roles: input.systemRoles ?? [],
        locale: input.locale ?? 'en',
        time_zone: input.timeZone ?? 'UTC',
        department_id: input.departmentId ?? null,
        manager_id: input.managerId ?? null,
        default_company_id: input.memberships?.[0]?.companyId ?? null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('*');
    if (input.password !== undefined) await setPassword(trx, settings, user, input.password, now);
    if (input.memberships?.length) {
      await trx('sys_memberships').insert(
        input.memberships.map((m) => ({ user_id: user.id, company_id: m.companyId, roles: m.roles })),
      );
    }
    await bumpOrgVersion(trx);
    await appendAudit(trx, actor, now, [
      {
        action: 'user.create',
        entity: 'sys.user',
        recordId: user.id,
        changes: {
          email: input.email,
          system_roles: input.systemRoles ?? [],
          memberships: input.memberships ?? [],
        },
      },
    ]);
    return { id: user.id as string, email: user.email as string };
  });
}
