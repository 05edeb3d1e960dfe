import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { pickText, type Language } from '@opsflux/definitions';
import { appendAudit } from '../audit/audit-entry.ts';
import { expandRoles } from '../access/compile-permissions.ts';
import { hasSystemRole, SYSTEM_ROLES } from '../access/principal.ts';
import type { AuthDeps } from '../auth/auth-deps.ts';
import { requirePrincipal } from '../auth/authenticate.ts';
import { profileOf } from '../auth/auth-routes.ts';
import {
  INVITATION_EXPIRY,
  invitationView,
  issueInvitationLink,
  type InvitationExpiry,
  type InvitationRow,
} from '../auth/invitations.ts';
import type { UserRecord } from '../auth/login.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { newToken, sha256 } from '../auth/tokens.ts';
import { findRecordRow } from '../data/read-record.ts';
import { systemContext } from '../data/request-context.ts';
import { toApi } from '../data/record-mapper.ts';
import { conflict, invalid, notFound, OpsError } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { bumpOrgVersion } from './identity-schema.ts';
import { orgResourceRoutes, type OrgResource } from './org-resource.ts';
import { setPassword } from './passwords-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const code = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$' };

const COMPANIES: OrgResource = {
  path: 'companies',
  entity: 'sys.company',
  table: 'sys_companies',
  properties: {
    code: { column: 'code', schema: code },
    legalName: { column: 'legal_name', schema: S.text(200) },
    country: { column: 'country', schema: { type: ['string', 'null'], pattern: '^[A-Z]{2}$' } },
    currency: { column: 'currency', schema: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' } },
    status: { column: 'status', schema: { enum: ['active', 'archived'] } },
  },
  required: ['code', 'legalName'],
  orderBy: 'code',
};

const DEPARTMENTS: OrgResource = {
  path: 'departments',
  entity: 'sys.department',
  table: 'sys_departments',
  properties: {
    companyId: { column: 'company_id', schema: S.uuid },
    parentId: { column: 'parent_id', schema: nullableUuid },
    code: { column: 'code', schema: code },
    name: { column: 'name', schema: S.text(200) },
    costCentre: { column: 'cost_centre', schema: { type: ['string', 'null'], maxLength: 64 } },
  },
  required: ['companyId', 'code', 'name'],
  filters: { companyId: 'company_id' },
  orderBy: 'code',
};

const GROUPS: OrgResource = {
  path: 'groups',
  entity: 'sys.group',
  table: 'sys_groups',
  properties: {
    companyId: { column: 'company_id', schema: nullableUuid },
    parentId: { column: 'parent_id', schema: nullableUuid },
    code: { column: 'code', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' } },
    name: { column: 'name', schema: S.text(200) },
    kind: { column: 'kind', schema: { enum: ['functional', 'project', 'other'] } },
    description: { column: 'description', schema: { type: ['string', 'null'], maxLength: 2000 } },
  },
  required: ['code', 'name'],
  filters: { companyId: 'company_id', kind: 'kind' },
  orderBy: 'code',
};

const USER_PROPERTIES = {
  email: S.email,
  firstName: S.text(100),
  lastName: S.text(100),
  phone: { type: ['string', 'null'], maxLength: 40 },
  jobTitle: { type: ['string', 'null'], maxLength: 120 },
  locale: { enum: ['fr', 'en', 'es', 'pt'] },
  timeZone: { type: 'string', maxLength: 64 },
  status: { enum: ['active', 'inactive', 'suspended', 'archived'] },
  systemRoles: { type: 'array', items: { enum: [...SYSTEM_ROLES] }, uniqueItems: true },
  departmentId: nullableUuid,
  managerId: nullableUuid,
  defaultCompanyId: nullableUuid,
};
const USER_COLUMNS: Record<string, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  jobTitle: 'job_title',
  locale: 'locale',
  timeZone: 'time_zone',
  status: 'status',
  systemRoles: 'system_roles',
  departmentId: 'department_id',
  managerId: 'manager_id',
  defaultCompanyId: 'default_company_id',
};

function userView(u: UserRecord & Record<string, unknown>) {
  return {
    ...profileOf(u),
    departmentId: u.department_id ?? null,
    managerId: u.manager_id ?? null,
    defaultCompanyId: u.default_company_id,
    lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at as string).toISOString() : null,
    createdAt: new Date(u.created_at as string).toISOString(),
    version: u.version,
  };
}

export function requireAdmin(res: Response) {
  const p = requirePrincipal(res);
  if (!hasSystemRole(p, 'admin')) throw new OpsError(403, 'forbidden', 'This needs the administrator role');
  return p;
}

/** Checks role codes against the registry: a typo would silently grant nothing. */
function checkRoles(res: Response, roles: string[], path: string): void {
  const unknown = roles.filter((r) => !res.locals.registry.roles.has(r));
  if (unknown.length) {
    throw invalid(unknown.map((r) => ({ path, code: 'unknown_role', message: `No bundle defines the role "${r}"` })));
  }
}

/** Administration of organizations, users and invitations, and the permission explainer. */
export function adminRoutes(deps: AuthDeps): Router {
  const r = Router();
  const db = deps.db;
  const actor = (req: Request) => {
    const p = req.res!.locals.principal!;
    return { id: p.userId, name: p.name, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
  };
  r.use('/api/v1/admin', (_req, response, next) => {
    requireAdmin(response);
    next();
  });
  for (const resource of [COMPANIES, DEPARTMENTS, GROUPS]) r.use(orgResourceRoutes(db, resource, actor, deps.now));

  const findUser = async (id: string, trx: Knex | Knex.Transaction = db) => {
    if (!UUID.test(id)) throw notFound(`No user "${id}"`);
    const u = await trx('sys_users').where({ id }).first();
    if (!u) throw notFound(`No user "${id}"`);
    return u as UserRecord & Record<string, unknown>;
  };

  r.get('/api/v1/admin/roles', (req, response) => {
    const lang = (req.acceptsLanguages('en', 'fr', 'es', 'pt') || 'en') as Language;
    const roles = [...response.locals.registry.roles.values()].map((role) => ({
      code: role.code,
      bundle: role.bundle,
      label: pickText(role.label, lang),
      inherits: role.inherits,
      mfaRequired: role.mfaRequired,
      grants: role.grants.map((g) => ({
        entity: g.entity,
        actions: g.actions,
        scope: g.scope,
        condition: g.condition ?? null,
        hiddenFields: g.hiddenFields,
        readonlyFields: g.readonlyFields,
        codes: g.actions.map((a) => `${role.bundle}.${a}.${g.scope}`),
      })),
    }));
    response.json({ data: { systemRoles: SYSTEM_ROLES, roles } });
  });

  r.get('/api/v1/admin/users', async (req, response) => {
    const q = db('sys_users').orderBy(['last_name', 'first_name']).limit(500);
    const { status, q: text, companyId } = req.query;
    if (typeof status === 'string') q.where({ status });
    if (typeof text === 'string' && text.trim()) {
      const like = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.where((b) => b.whereILike('email', like).orWhereILike('first_name', like).orWhereILike('last_name', like));
    }
    if (typeof companyId === 'string') {
      if (!UUID.test(companyId))
        throw invalid([{ path: 'companyId', code: 'format', message: '"companyId" must be an id' }]);
      q.whereIn('id', db('sys_memberships').select('user_id').where({ company_id: companyId }));
    }
    response.json({ data: (await q).map(userView) });
  });

  r.get('/api/v1/admin/users/:id', async (req, response) => {
    const u = await findUser(String(req.params.id));
    const [memberships, groups] = await Promise.all([
      db('sys_memberships').select('company_id as companyId', 'roles').where({ user_id: u.id }),
      db('sys_group_members').pluck('group_id').where({ user_id: u.id }),
    ]);
    response.json({ data: { ...userView(u), memberships, groupIds: groups } });
  });

  r.post('/api/v1/admin/users', async (req, response) => {
    const body = checkBody<Record<string, unknown> & { password?: string; sendReset?: boolean }>(
      req.body,
      objectSchema({ ...USER_PROPERTIES, password: S.password }, ['email', 'firstName', 'lastName']),
    );
    const at = deps.now();
    const created = await db.transaction(async (trx) => {
      const taken = await trx('sys_users')
        .whereRaw('lower(email) = ?', [String(body.email).toLowerCase()])
        .first();
      if (taken) throw conflict('email_taken', 'Another account uses this e-mail address');
      const { password, ...profile } = body;
      const [u] = await trx('sys_users')
        .insert({
          ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [USER_COLUMNS[k]!, v])),
          created_by: actor(req).id,
          created_at: at,
          updated_at: at,
        })
        .returning('*');
      if (password !== undefined) await setPassword(trx, deps.config.auth, u, password, at);
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        { action: 'user.create', entity: 'sys.user', recordId: u.id, changes: profile },
      ]);
      return u;
    });
    response.status(201).json({ data: userView(created) });
  });

  r.patch('/api/v1/admin/users/:id', async (req, response) => {
    const body = checkBody<Record<string, unknown>>(
      req.body,
      objectSchema({ ...USER_PROPERTIES, version: { type: 'integer' } }, ['version']),
    );
    const at = deps.now();
    const updated = await db.transaction(async (trx) => {
      const u = await findUser(String(req.params.id), trx);
      if (u.version !== body.version) throw conflict('version_conflict', 'Someone else changed this user: reload it');
      if (body.managerId === u.id)
        throw invalid([{ path: 'managerId', code: 'self', message: 'A user cannot be their own manager' }]);
      const { version: _v, ...fields } = body;
      const changes = Object.fromEntries(Object.entries(fields).map(([k, v]) => [USER_COLUMNS[k]!, v]));
      const [row] = await trx('sys_users')
        .where({ id: u.id })
        .update({ ...changes, updated_at: at, version: (u.version as number) + 1 })
        .returning('*');
      // A user who is no longer active is signed out everywhere at once.
      if (changes.status && changes.status !== 'active')
        await revokeSessions(trx, { userId: u.id }, 'user_disabled', at);
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        {
          action: changes.status && changes.status !== u.status ? 'user.status_change' : 'user.update',
          entity: 'sys.user',
          recordId: u.id,
          changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, [u[k] ?? null, v]])),
        },
      ]);
      return row;
    });
    response.json({ data: userView(updated) });
  });

  r.put('/api/v1/admin/users/:id/memberships', async (req, response) => {
    const body = checkBody<{ memberships: { companyId: string; roles: string[] }[] }>(
      req.body,
      objectSchema(
        {
          memberships: {
            type: 'array',
            maxItems: 100,
            items: objectSchema(
              {
                companyId: S.uuid,
                roles: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true },
              },
              ['companyId', 'roles'],
            ),
          },
        },
        ['memberships'],
      ),
    );
    body.memberships.forEach((m, i) => checkRoles(response, m.roles, `memberships[${i}].roles`));
    const at = deps.now();
    await db.transaction(async (trx) => {
      const u = await findUser(String(req.params.id), trx);
      const before = await trx('sys_memberships').select('company_id', 'roles').where({ user_id: u.id });
      await trx('sys_memberships').where({ user_id: u.id }).delete();
      if (body.memberships.length) {
        await trx('sys_memberships').insert(
          body.memberships.map((m) => ({ user_id: u.id, company_id: m.companyId, roles: m.roles })),
        );
      }
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        {
          action: 'user.memberships_change',
          entity: 'sys.user',
          recordId: u.id,
          changes: {
            memberships: [
              before.map((m: { company_id: string; roles: string[] }) => ({ companyId: m.company_id, roles: m.roles })),
              body.memberships,
            ],
          },
        },
      ]);
    });
    response.json({ data: body });
  });

  r.put('/api/v1/admin/users/:id/groups', async (req, response) => {
    const body = checkBody<{ groupIds: string[] }>(
      req.body,
      objectSchema({ groupIds: { type: 'array', items: S.uuid, uniqueItems: true, maxItems: 500 } }, ['groupIds']),
    );
    const at = deps.now();
    await db.transaction(async (trx) => {
      const u = await findUser(String(req.params.id), trx);
      const before = await trx('sys_group_members').pluck('group_id').where({ user_id: u.id });
      await trx('sys_group_members').where({ user_id: u.id }).delete();
      if (body.groupIds.length)
        await trx('sys_group_members').insert(body.groupIds.map((g) => ({ group_id: g, user_id: u.id })));
      await bumpOrgVersion(trx);
      await appendAudit(trx, actor(req), at, [
        {
          action: 'user.groups_change',
          entity: 'sys.user',
          recordId: u.id,
          changes: { groups: [before, body.groupIds] },
        },
      ]);
    });
    response.json({ data: body });
  });

  r.post('/api/v1/admin/users/:id/logout', async (req, response) => {
    const at = deps.now();
    const n = await db.transaction(async (trx) => {
      const u = await findUser(String(req.params.id), trx);
      const count = await revokeSessions(trx, { userId: u.id }, 'forced_logout', at);
      await appendAudit(trx, actor(req), at, [
        { action: 'auth.forced_logout', entity: 'sys.user', recordId: u.id, changes: { sessions: count } },
      ]);
      return count;
    });
    response.json({ data: { revoked: n } });
  });

  r.post('/api/v1/admin/users/:id/unlock', async (req, response) => {
    const at = deps.now();
    await db.transaction(async (trx) => {
      const u = await findUser(String(req.params.id), trx);
      await trx('sys_users')
        .where({ id: u.id })
        .update({ locked_until: null, failed_logins: 0, failed_window_start: null });
      await appendAudit(trx, actor(req), at, [{ action: 'auth.unlock', entity: 'sys.user', recordId: u.id }]);
    });
    response.status(204).end();
  });

  r.get('/api/v1/admin/invitations', async (_req, response) => {
    const rows = (await db('sys_invitations').orderBy('created_at', 'desc').limit(500)) as InvitationRow[];
    response.json({ data: rows.map((i) => invitationView(i, deps.now())) });
  });

  r.post('/api/v1/admin/invitations', async (req, response) => {
    const body = checkBody<{
      email?: string;
      companyId?: string;
      roles?: string[];
      systemRoles?: string[];
      groupIds?: string[];
      expiresIn?: InvitationExpiry;
      maxUses?: number | null;
    }>(
      req.body,
      objectSchema({
        email: S.email,
        companyId: S.uuid,
        roles: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true },
        systemRoles: USER_PROPERTIES.systemRoles,
        groupIds: { type: 'array', items: S.uuid, uniqueItems: true },
        expiresIn: { enum: Object.keys(INVITATION_EXPIRY) },
        maxUses: { type: ['integer', 'null'], minimum: 1, maximum: 10_000 },
      }),
    );
    checkRoles(response, body.roles ?? [], 'roles');
    if (body.roles?.length && !body.companyId) {
      throw invalid([
        { path: 'companyId', code: 'required', message: 'Roles are held in a company: give "companyId"' },
      ]);
    }
    const at = deps.now();
    const maxUses = body.maxUses === undefined ? 1 : body.maxUses;
    const principal = response.locals.principal!;
    const out = await db.transaction(async (trx) => {
      const [inv] = (await trx('sys_invitations')
        .insert({
          email: body.email ?? null,
          company_id: body.companyId ?? null,
          roles: body.roles ?? [],
          system_roles: body.systemRoles ?? [],
          group_ids: body.groupIds ?? [],
          hash: sha256(newToken('link')),
          max_uses: maxUses,
          expires_at: new Date(at.getTime() + INVITATION_EXPIRY[body.expiresIn ?? '7d'] * 86_400_000),
          invited_by: principal.userId,
          created_at: at,
        })
        .returning('*')) as InvitationRow[];
      const link = await issueInvitationLink(trx, deps, inv!, principal, 'en');
      await appendAudit(trx, actor(req), at, [
        {
          action: 'auth.invitation_create',
          entity: 'sys.invitation',
          recordId: inv!.id,
          changes: { email: inv!.email, company_id: inv!.company_id, roles: inv!.roles, max_uses: maxUses },
        },
      ]);
      return { inv: (await trx('sys_invitations').where({ id: inv!.id }).first()) as InvitationRow, link };
    });
    response.status(201).json({ data: { ...invitationView(out.inv, at), link: out.link } });
  });

  r.post('/api/v1/admin/invitations/:id/resend', async (req, response) => {
    const at = deps.now();
    const principal = response.locals.principal!;
    const out = await db.transaction(async (trx) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) throw notFound(`No invitation "${id}"`);
      const inv = (await trx('sys_invitations').where({ id }).forUpdate().first()) as InvitationRow | undefined;
      if (!inv) throw notFound(`No invitation "${id}"`);
      if (inv.revoked_at || (inv.max_uses !== null && inv.uses >= inv.max_uses)) {
        throw conflict('invitation_closed', 'The invitation was revoked or already used');
      }
      // Resending also gives the invitation its full lifetime again.
      const lifetime = new Date(inv.expires_at).getTime() - new Date(inv.created_at).getTime();
      await trx('sys_invitations')
        .where({ id })
        .update({ expires_at: new Date(at.getTime() + lifetime) });
      const fresh = (await trx('sys_invitations').where({ id }).first()) as InvitationRow;
      const link = await issueInvitationLink(trx, deps, fresh, principal, 'en');
      await appendAudit(trx, actor(req), at, [
        { action: 'auth.invitation_resend', entity: 'sys.invitation', recordId: id },
      ]);
      return { inv: (await trx('sys_invitations').where({ id }).first()) as InvitationRow, link };
    });
    response.json({ data: { ...invitationView(out.inv, at), link: out.link } });
  });

  r.delete('/api/v1/admin/invitations/:id', async (req, response) => {
    const at = deps.now();
    await db.transaction(async (trx) => {
      const id = String(req.params.id);
      if (!UUID.test(id)) throw notFound(`No invitation "${id}"`);
      const n = await trx('sys_invitations').where({ id }).whereNull('revoked_at').update({ revoked_at: at });
      if (!n) throw notFound(`No open invitation "${id}"`);
      await appendAudit(trx, actor(req), at, [
        { action: 'auth.invitation_revoke', entity: 'sys.invitation', recordId: id },
      ]);
    });
    response.status(204).end();
  });

  r.get('/api/v1/admin/explain', async (req, response) => {
    const { user: userId, entity: entityKey, record, action } = req.query as Record<string, string | undefined>;
    const problems = [
      ...(!userId || !UUID.test(userId)
        ? [{ path: 'user', code: 'required', message: '"user" (a user id) is required' }]
        : []),
      ...(!entityKey ? [{ path: 'entity', code: 'required', message: '"entity" (bundle.entity) is required' }] : []),
      ...(!action ? [{ path: 'action', code: 'required', message: '"action" is required' }] : []),
    ];
    if (problems.length) throw invalid(problems, 'The explanation needs a user, an entity and an action');
    const registry = response.locals.registry;
    const entity = registry.entities.get(entityKey!);
    if (!entity) throw notFound(`There is no entity "${entityKey}"`);
    const u = await findUser(userId!);
    const org = await db('sys_state').select('org_version').first();
    const { access, principal } = await deps.access.resolve(db, registry, u as never, Number(org.org_version), {});
    let row: Record<string, unknown> | undefined;
    if (record) {
      const found = await findRecordRow(systemContext(db, registry, req.log), entity, record);
      if (!found) throw notFound(`No ${entity.key} record "${record}"`);
      row = toApi(entity, found);
    }
    // A user who is not active can do nothing, whatever their grants say.
    const allowed = u.status === 'active' && access.can(action!, entity, row);
    const decided = access.decidedBy(action!, entity, row);
    const held = expandRoles(
      registry.roles,
      principal.memberships.flatMap((m) => m.roles),
    );
    response.json({
      data: {
        allowed,
        user: { id: u.id, status: u.status, systemRoles: u.system_roles },
        rolesHeld: principal.memberships,
        rolesWithInheritance: held,
        decidedBy: decided === 'unrestricted' ? { unrestricted: true, reason: 'administrator' } : decided,
        ...(row &&
          allowed && {
            fields: (() => {
              const f = access.fieldsOf(action!, entity, row!);
              return f === 'all' ? 'all' : [...f];
            })(),
          }),
        reason: allowed
          ? decided === 'unrestricted'
            ? 'The user is an administrator'
            : `Allowed by the grant of role ${(decided as { role: string }).role} (${(decided as { source: string }).source})`
          : u.status !== 'active'
            ? `The user is ${u.status}`
            : `No grant of the user's roles (${held.join(', ') || 'none'}) allows ${action} on ${entity.key}${row ? ' for this record' : ''}`,
      },
    });
  });
  return r;
}
