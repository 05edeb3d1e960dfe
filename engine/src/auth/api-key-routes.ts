import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/audit-entry.ts';
import { API_KEY_SCOPES, isAdmin, type Principal } from '../access/principal.ts';
import { OpsError, notFound } from '../errors.ts';
import { checkBody, objectSchema, S } from '../http/check-body.ts';
import { actorOf, type AuthDeps } from './auth-deps.ts';
import { requirePrincipal } from './authenticate.ts';
import { TOKEN_PREFIX, sha256 } from './tokens.ts';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  roles: string[] | null;
  hourly_limit: number;
  expires_at: Date | string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  last_used_ip: string | null;
  revoked_at: Date | string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(k: KeyRow, now: Date) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scope: k.scope,
    roles: k.roles,
    hourlyLimit: k.hourly_limit,
    createdAt: iso(k.created_at),
    expiresAt: iso(k.expires_at),
    lastUsedAt: iso(k.last_used_at),
    lastUsedIp: k.last_used_ip,
    status: k.revoked_at ? 'revoked' : new Date(k.expires_at) <= now ? 'expired' : 'active',
  };
}

/** `ofk_<8 visible characters>_<secret>`: the visible part names the key in lists and logs. */
function newKey(): { token: string; prefix: string } {
  const prefix = randomBytes(6).toString('base64url');
  return { token: `${TOKEN_PREFIX.apiKey}${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

async function insertKey(
  trx: Knex.Transaction,
  owner: Principal,
  input: { name: string; scope: string; roles: string[] | null; hourlyLimit: number; expiresAt: Date },
) {
  const { token, prefix } = newKey();
  const [row] = await trx('sys_api_keys')
    .insert({
      user_id: owner.userId,
      name: input.name,
      prefix,
      hash: sha256(token),
      scope: input.scope,
      roles: input.roles,
      hourly_limit: input.hourlyLimit,
      expires_at: input.expiresAt,
    })
    .returning('*');
  return { token, row: row as KeyRow };
}

function owner(res: Parameters<typeof requirePrincipal>[0]): Principal {
  const p = requirePrincipal(res);
  if (p.apiKeyId) throw new OpsError(403, 'forbidden', 'API keys are managed from a signed-in session, not with a key');
  return p;
}

/** API keys of the signed-in user: shown once at creation and rotation, stored hashed. */
export function apiKeyRoutes(deps: AuthDeps): Router {
  const r = Router();
  const base = '/api/v1/auth/api-keys';
  const client = (req: Request) => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });

  r.get(base, async (_req, res) => {
    const p = owner(res);
    const rows = (await deps.db('sys_api_keys').where({ user_id: p.userId }).orderBy('created_at', 'desc')) as KeyRow[];
    res.json({ data: rows.map((k) => view(k, deps.now())) });
  });

  r.post(base, async (req, res) => {
    const p = owner(res);
    const a = deps.config.auth;
    const body = checkBody<{
      name: string;
      scope: string;
      roles?: string[];
      expiresInDays?: number;
      hourlyLimit?: number;
    }>(
      req.body,
      objectSchema(
        {
          name: S.text(100),
          scope: { enum: [...API_KEY_SCOPES] },
          roles: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50, uniqueItems: true },
          expiresInDays: { type: 'integer', minimum: 1, maximum: 730 },
          hourlyLimit: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        },
        ['name', 'scope'],
      ),
    );
    if (body.scope === 'admin' && !isAdmin(p)) {
      throw new OpsError(403, 'forbidden', 'Only administrators create admin keys', [
        { path: 'scope', code: 'forbidden', message: 'Only administrators create admin keys' },
      ]);
    }
    const held = new Set(p.memberships.flatMap((m) => m.roles));
    const foreign = (body.roles ?? []).filter((role) => !held.has(role));
    if (foreign.length) {
      throw new OpsError(422, 'validation_failed', 'A key can only carry roles its owner holds', [
        { path: 'roles', code: 'role_not_held', message: `You do not hold ${foreign.join(', ')}` },
      ]);
    }
    const now = deps.now();
    const created = await deps.db.transaction(async (trx) => {
      const out = await insertKey(trx, p, {
        name: body.name,
        scope: body.scope,
        roles: body.roles ?? null,
        hourlyLimit: body.hourlyLimit ?? a.apiKeyHourlyLimit,
        expiresAt: new Date(now.getTime() + (body.expiresInDays ?? a.apiKeyDays) * 86_400_000),
      });
      await appendAudit(trx, { ...actorOf({ id: p.userId! }, client(req)), name: p.name }, now, [
        {
          action: 'auth.api_key_create',
          entity: 'sys.api_key',
          recordId: out.row.id,
          changes: { name: body.name, scope: body.scope, roles: body.roles ?? null },
        },
      ]);
      return out;
    });
    res.status(201).json({ data: { ...view(created.row, now), key: created.token } });
  });

  r.post(`${base}/:id/rotate`, async (req, res) => {
    const p = owner(res);
    const now = deps.now();
    const rotated = await deps.db.transaction(async (trx) => {
      const old = (await trx('sys_api_keys')
        .whereRaw('id::text = ?', [String(req.params.id)])
        .where({ user_id: p.userId })
        .forUpdate()
        .first()) as KeyRow | undefined;
      if (!old || old.revoked_at) throw notFound(`No active API key "${String(req.params.id)}"`);
      await trx('sys_api_keys').where({ id: old.id }).update({ revoked_at: now });
      const lifetime = new Date(old.expires_at).getTime() - new Date(old.created_at).getTime();
      const out = await insertKey(trx, p, {
        name: old.name,
        scope: old.scope,
        roles: old.roles,
        hourlyLimit: old.hourly_limit,
        expiresAt: new Date(now.getTime() + lifetime),
      });
      await appendAudit(trx, { ...actorOf({ id: p.userId! }, client(req)), name: p.name }, now, [
        {
          action: 'auth.api_key_rotate',
          entity: 'sys.api_key',
          recordId: old.id,
          changes: { replaced_by: out.row.id },
        },
      ]);
      return out;
    });
    res.status(201).json({ data: { ...view(rotated.row, now), key: rotated.token } });
  });

  r.delete(`${base}/:id`, async (req, res) => {
    const p = owner(res);
    const now = deps.now();
    await deps.db.transaction(async (trx) => {
      const n = await trx('sys_api_keys')
        .whereRaw('id::text = ?', [String(req.params.id)])
        .where({ user_id: p.userId })
        .whereNull('revoked_at')
        .update({ revoked_at: now });
      if (!n) throw notFound(`No active API key "${String(req.params.id)}"`);
      await appendAudit(trx, { ...actorOf({ id: p.userId! }, client(req)), name: p.name }, now, [
        { action: 'auth.api_key_revoke', entity: 'sys.api_key', recordId: String(req.params.id) },
      ]);
    });
    res.status(204).end();
  });
  return r;
}
