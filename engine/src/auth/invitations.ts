import { Router } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { OpsError } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { bumpOrgVersion } from '../identity/identity-schema.ts';
import { setPassword } from '../identity/passwords-store.ts';
import { render } from '../mail/auth-mails.ts';
import type { Language } from '@opsflux/definitions';
import type { AuthDeps } from './auth-deps.ts';
import { newToken, sha256 } from './tokens.ts';

export const INVITATION_EXPIRY = { '24h': 1, '7d': 7, '30d': 30 } as const;
export type InvitationExpiry = keyof typeof INVITATION_EXPIRY;

export interface InvitationRow {
  id: string;
  email: string | null;
  company_id: string | null;
  roles: string[];
  system_roles: string[];
  group_ids: string[];
  max_uses: number | null;
  uses: number;
  expires_at: Date | string;
  invited_by: string | null;
  created_at: Date | string;
  last_sent_at: Date | string | null;
  accepted_at: Date | string | null;
  revoked_at: Date | string | null;
}

export function invitationStatus(i: InvitationRow, now: Date): 'revoked' | 'accepted' | 'expired' | 'sent' {
  if (i.revoked_at) return 'revoked';
  if (i.max_uses !== null && i.uses >= i.max_uses) return 'accepted';
  if (new Date(i.expires_at) <= now) return 'expired';
  return 'sent';
}

export function invitationView(i: InvitationRow, now: Date) {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: i.id,
    email: i.email,
    companyId: i.company_id,
    roles: i.roles,
    systemRoles: i.system_roles,
    groupIds: i.group_ids,
    maxUses: i.max_uses,
    uses: i.uses,
    status: invitationStatus(i, now),
    expiresAt: iso(i.expires_at),
    createdAt: iso(i.created_at),
    lastSentAt: iso(i.last_sent_at),
    acceptedAt: iso(i.accepted_at),
  };
}

const link = (deps: AuthDeps, token: string) =>
  `${deps.config.publicUrl}/invitation?token=${encodeURIComponent(token)}`;

/**
 * Gives the invitation a new token (the old link stops working) and e-mails it when the
 * invitation names an address. Answers the link, which the admin may also share by hand.
 */
export async function issueInvitationLink(
  trx: Knex.Transaction,
  deps: AuthDeps,
  inv: InvitationRow,
  inviter: { name: string | null },
  lang: Language,
): Promise<string> {
  const token = newToken('link');
  const now = deps.now();
  await trx('sys_invitations')
    .where({ id: inv.id })
    .update({ hash: sha256(token), last_sent_at: now });
  if (inv.email) {
    const company = inv.company_id
      ? await trx('sys_companies').select('legal_name').where({ id: inv.company_id }).first()
      : undefined;
    const mail = render('invitation', lang, {
      inviterName: inviter.name ?? 'OpsFlux',
      companyName: company?.legal_name ?? 'OpsFlux',
      link: link(deps, token),
      expiresAt: new Date(inv.expires_at),
    });
    await deps.mailer.send({ to: inv.email, ...mail });
  }
  return link(deps, token);
}

async function openInvitation(db: Knex | Knex.Transaction, token: string, now: Date, lock = false) {
  const q = db('sys_invitations').where({ hash: sha256(token) });
  const inv = (await (lock ? q.forUpdate() : q).first()) as InvitationRow | undefined;
  if (!inv || invitationStatus(inv, now) !== 'sent') {
    throw new OpsError(400, 'invitation_invalid', 'The invitation has expired, was revoked or was already used');
  }
  return inv;
}

/** What an invited person sees and does before having an account. */
export function invitationPublicRoutes(deps: AuthDeps): Router {
  const r = Router();
  const base = '/api/v1/auth/invitations';

  r.get(`${base}/:token`, async (req, res) => {
    await deps.limits.consume(
      'invite-ip',
      req.ip ?? 'unknown',
      { points: 30, duration: 600 },
      'Too many invitation checks',
    );
    const inv = await openInvitation(deps.db, String(req.params.token), deps.now());
    const company = inv.company_id
      ? await deps.db('sys_companies').select('legal_name').where({ id: inv.company_id }).first()
      : undefined;
    res.json({
      data: {
        email: inv.email,
        company: company?.legal_name ?? null,
        expiresAt: new Date(inv.expires_at).toISOString(),
      },
    });
  });

  r.post(`${base}/accept`, async (req, res) => {
    const body = checkBody<{ token: string; email?: string; firstName: string; lastName: string; password: string }>(
      req.body,
      objectSchema(
        { token: S.token, email: S.email, firstName: S.text(100), lastName: S.text(100), password: S.password },
        ['token', 'firstName', 'lastName', 'password'],
      ),
    );
    await deps.limits.consume(
      'invite-ip',
      req.ip ?? 'unknown',
      { points: 30, duration: 600 },
      'Too many invitation attempts',
    );
    const now = deps.now();
    const user = await deps.db.transaction(async (trx) => {
      const inv = await openInvitation(trx, body.token, now, true);
      const email = inv.email ?? body.email;
      if (!email) {
        throw new OpsError(422, 'validation_failed', 'This invitation link needs your e-mail address', [
          { path: 'email', code: 'required', message: 'Give the e-mail address of the new account' },
        ]);
      }
      const taken = await trx('sys_users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first();
      if (taken) {
        throw new OpsError(409, 'email_taken', 'An account already uses this e-mail address: sign in instead', [
          { path: 'email', code: 'email_taken', message: 'An account already uses this e-mail address' },
        ]);
      }
      const [created] = await trx('sys_users')
        .insert({
          email,
          first_name: body.firstName,
          last_name: body.lastName,
          system_roles: inv.system_roles,
          default_company_id: inv.company_id,
          created_by: inv.invited_by,
          created_at: now,
          updated_at: now,
        })
        .returning('*');
      await setPassword(trx, deps.config.auth, created, body.password, now);
      if (inv.company_id) {
        await trx('sys_memberships').insert({ user_id: created.id, company_id: inv.company_id, roles: inv.roles });
      }
      if (inv.group_ids.length) {
        await trx('sys_group_members').insert(inv.group_ids.map((g) => ({ group_id: g, user_id: created.id })));
      }
      await trx('sys_invitations')
        .where({ id: inv.id })
        .update({ uses: inv.uses + 1, accepted_at: now });
      await bumpOrgVersion(trx);
      await appendAudit(
        trx,
        {
          id: created.id,
          name: `${body.firstName} ${body.lastName}`,
          ip: req.ip ?? null,
          userAgent: req.get('user-agent') ?? null,
        },
        now,
        [
          {
            action: 'auth.invitation_accept',
            entity: 'sys.user',
            recordId: created.id,
            changes: { invitation: inv.id, email, company_id: inv.company_id, roles: inv.roles },
          },
        ],
      );
      return created;
    });
    res.status(201).json({ data: { id: user.id, email: user.email } });
  });
  return r;
}
